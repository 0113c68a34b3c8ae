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


def test_a_fresh_web_process_finds_the_tasks_it_never_imported():
    """The web process publishes tasks by name and imports no ``tasks`` module; run eagerly, the
    task is looked up all the same (the placement year's browser test once got a 500 here)."""
    import subprocess
    import sys

    code = (
        "import django; django.setup()\n"
        "from celery import current_app\n"
        "from partnerships.outbox import task_named\n"
        "name = 'placements.tasks.run_allocation'\n"
        "assert name not in current_app.tasks, 'imported already: the test proves nothing'\n"
        "print(task_named(name).name)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "placements.tasks.run_allocation"
