"""Meeting reminders: participants and trainers, 7 days and 1 day before; once per key."""

import datetime

import pytest
from django.core import mail

from partnerships.glossary import Role
from professionalisation.choices import EnrolmentStatus, RunStatus
from professionalisation.tasks.runs import send_run_reminders
from tests.professionalisation.runs_world import enrol, meeting, run

pytestmark = pytest.mark.django_db(transaction=False)


def recipients():
    return sorted(address for m in mail.outbox for address in m.to)


def test_participants_and_trainers_hear_a_week_and_a_day_before(
    world, django_capture_on_commit_callbacks
):
    r = run(world, starts_in=0, days=30)
    m = meeting(r, on=r.starts_on + datetime.timedelta(days=10), topic="Feedback")
    enrol(r, world[Role.WERKPLEKBEGELEIDER])
    enrol(r, world["wpb_other_school"], status=EnrolmentStatus.CANCELLED)
    expected = sorted(
        [
            world[Role.WERKPLEKBEGELEIDER].email,
            world[Role.INSTITUUTSOPLEIDER].email,
            world[Role.CO_DOCENT].email,
        ]
    )
    week_before = (m.date - datetime.timedelta(days=7)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run_reminders(on=week_before) == 3
    assert recipients() == expected
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run_reminders(on=week_before) == 0  # idempotent
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run_reminders(on=(m.date - datetime.timedelta(days=3)).isoformat()) == 0
        assert send_run_reminders(on=(m.date - datetime.timedelta(days=1)).isoformat()) == 3
    assert len(mail.outbox) == 6
    assert "Feedback" in mail.outbox[-1].body


def test_a_moved_meeting_is_announced_again_and_cancelled_runs_are_quiet(
    world, django_capture_on_commit_callbacks
):
    r = run(world, starts_in=0, days=30, trainers=[])
    m = meeting(r, on=r.starts_on + datetime.timedelta(days=10))
    enrol(r, world[Role.WERKPLEKBEGELEIDER])
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run_reminders(on=(m.date - datetime.timedelta(days=1)).isoformat()) == 1
    m.date += datetime.timedelta(days=2)
    m.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run_reminders(on=(m.date - datetime.timedelta(days=1)).isoformat()) == 1
    r.status = RunStatus.CANCELLED
    r.save()
    m.date += datetime.timedelta(days=2)
    m.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run_reminders(on=(m.date - datetime.timedelta(days=1)).isoformat()) == 0
    assert len(mail.outbox) == 2
