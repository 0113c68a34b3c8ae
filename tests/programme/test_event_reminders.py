"""Reminders a week and a day before published events: the audience students (with their
choices or a nudge to choose), the facilitators, invited staff roles; idempotent with on=."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from partnerships.models import Person
from programme.services.registrations import registration_choose
from programme.tasks.events import send_event_reminders
from tests.programme.events_world import practice_day

pytestmark = pytest.mark.django_db
NOT_CHOSEN = "You have not chosen a session for every time slot yet. Choose them here:"


def on(day: datetime.date) -> str:
    return day.isoformat()


def said_to(person, msgid: str, **values) -> str:
    """``msgid`` as a mail to ``person`` says it: mails go out in the recipient's language."""
    with translation.override(person.language):
        return gettext(msgid) % values


def test_week_and_day_reminders_once(world, django_capture_on_commit_callbacks):
    event, slot, (session,) = practice_day(world.a, days_ahead=20, audience_wo=False)
    session.facilitators.add(world["co_docent"])
    registration_choose(student=world.student1, session=session)
    week_before = event.date - datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_event_reminders(on=on(week_before))
    # student1 (hbo 2) and the co-docent; the wo students are not in this audience
    assert sent == 2
    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {world.student1.person.email, world["co_docent"].email}
    assert "Workshop 1" in to[world.student1.person.email].body
    assert said_to(world.student1.person, NOT_CHOSEN) not in to[world.student1.person.email].body
    in_a_week = said_to(world["co_docent"], "In a week: %(t)s", t=event.title)
    assert to[world["co_docent"].email].subject == in_a_week

    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders(on=on(week_before)) == 0
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders(on=on(event.date - datetime.timedelta(days=1))) == 2
    last = mail.outbox[-1]
    recipient = Person.objects.get(email=last.to[0])
    assert last.subject == said_to(recipient, "Tomorrow: %(t)s", t=event.title)
    # other days send nothing
    assert send_event_reminders(on=on(event.date - datetime.timedelta(days=3))) == 0


def test_students_who_have_not_chosen_are_told(world, django_capture_on_commit_callbacks):
    event, slot, _ = practice_day(world.a, days_ahead=20)
    with django_capture_on_commit_callbacks(execute=True):
        send_event_reminders(on=on(event.date - datetime.timedelta(days=1)))
    bodies = {m.to[0]: m.body for m in mail.outbox}
    for student in (world.student1, world.student2, world.student3):
        assert said_to(student.person, NOT_CHOSEN) in bodies[student.person.email]


def test_unpublished_events_and_staff_roles(world, django_capture_on_commit_callbacks):
    draft, _, _ = practice_day(world.a, days_ahead=20, is_published=False)
    assert send_event_reminders(on=on(draft.date - datetime.timedelta(days=7))) == 0
    innomo, _, _ = practice_day(
        world.b,
        days_ahead=21,
        audience_hbo_years=[],
        audience_wo=False,
        audience_roles=["werkplekbegeleider"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders(on=on(innomo.date - datetime.timedelta(days=7))) == 1
    assert mail.outbox[-1].to == [world["wpb_b"].email]


def test_default_day_is_today():
    assert send_event_reminders() == 0
    assert timezone.localdate()
