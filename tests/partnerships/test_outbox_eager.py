"""With ``CELERY_TASK_ALWAYS_EAGER`` (one-process set-ups and the browser tests), queued work runs
in the committing process — ``send_task`` alone would ignore the setting and leave it waiting."""

import pytest
from celery import current_app, shared_task

from partnerships.models import OutboxMessage
from partnerships.outbox import enqueue

RAN: list[tuple] = []


@shared_task(name="tests.outbox_echo")
def echo(*args):
    RAN.append(args)


@pytest.fixture
def eager(monkeypatch):
    monkeypatch.setitem(current_app.conf, "task_always_eager", True)
    RAN.clear()


@pytest.mark.django_db
def test_eager_mode_runs_the_task_after_commit_once(eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue("tests.outbox_echo", 7, "x")
        assert RAN == []  # not before the commit
    assert RAN == [(7, "x")]
    message.refresh_from_db()
    assert message.dispatched_at is not None
    from partnerships.outbox import run_eagerly

    run_eagerly(message.pk)  # a second call finds it dispatched
    assert RAN == [(7, "x")]
    assert OutboxMessage.objects.count() == 1
