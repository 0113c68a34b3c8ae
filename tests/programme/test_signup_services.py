"""Choosing sessions: capacity, the waiting list, moving up, the window and the audience."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from programme.audience import HBO_BACHELOR_VARIANTS, WO_VARIANTS, student_in_audience
from programme.choices import RegistrationStatus as RS
from programme.models import Registration
from programme.services.registrations import registration_cancel, registration_choose
from tests.programme.events_world import practice_day, students

pytestmark = pytest.mark.django_db


def test_audience_rule_matches_the_glossary():
    from partnerships import glossary

    assert {str(v) for v in glossary.WO_VARIANTS} == WO_VARIANTS
    assert {str(v) for v in glossary.HBO_BACHELOR_VARIANTS} == HBO_BACHELOR_VARIANTS


@pytest.mark.parametrize(
    "years, wo, variant, year, expected",
    [
        ([2], False, "hbo_bachelor_voltijd", 2, True),
        ([1, 3], False, "hbo_bachelor_deeltijd", 2, False),
        ([2], False, "wo_master_60", None, False),
        ([], True, "wo_master_120", None, True),
        ([1, 2, 3, 4], True, "hbo_master", None, False),
    ],
)
def test_student_in_audience(years, wo, variant, year, expected):
    assert (
        student_in_audience(hbo_years=years, wo=wo, programme_variant=variant, hbo_year=year)
        is expected
    )


def test_full_session_puts_students_on_the_waiting_list_in_order(
    world, django_capture_on_commit_callbacks
):
    event, slot, (session,) = practice_day(world.a, capacities=(2,))
    people = students(world.a, 5)
    regs = [registration_choose(student=s, session=session) for s in people]
    assert [r.status for r in regs] == [RS.REGISTERED] * 2 + [RS.WAITLISTED] * 3
    assert [r.position for r in regs] == [None, None, 1, 2, 3]

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=regs[0])
    regs = [Registration.objects.get(pk=r.pk) for r in regs]
    assert regs[0].status == RS.CANCELLED
    assert regs[2].status == RS.REGISTERED and regs[2].position is None
    assert [regs[3].position, regs[4].position] == [1, 2]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [people[2].person.email]

    # someone waiting gives up: those behind move up
    registration_cancel(registration=regs[3])
    assert Registration.objects.get(pk=regs[4].pk).position == 1


def test_choosing_another_session_frees_the_place(world):
    event, slot, (a, b) = practice_day(world.a, capacities=(1, 1))
    first, second = students(world.a, 2)
    registration_choose(student=first, session=a)
    waiting = registration_choose(student=second, session=a)
    assert waiting.status == RS.WAITLISTED
    moved = registration_choose(student=first, session=b)
    assert moved.status == RS.REGISTERED and moved.session == b
    assert Registration.objects.get(pk=waiting.pk).status == RS.REGISTERED
    live = Registration.objects.filter(student=first).exclude(status=RS.CANCELLED)
    assert live.count() == 1
    # choosing the same session again changes nothing
    assert registration_choose(student=first, session=b).pk == moved.pk


def test_signup_window(world):
    today = timezone.localdate()
    event, slot, (session,) = practice_day(
        world.a,
        signup_opens_on=today + datetime.timedelta(days=2),
    )
    (student,) = students(world.a, 1)
    with pytest.raises(ValidationError):
        registration_choose(student=student, session=session)
    assert (
        registration_choose(
            student=student, session=session, today=today + datetime.timedelta(days=2)
        ).status
        == RS.REGISTERED
    )
    event.signup_closes_on = today + datetime.timedelta(days=5)
    event.save()
    (late,) = students(world.a, 1)
    with pytest.raises(ValidationError):
        registration_choose(student=late, session=session, today=today + datetime.timedelta(days=6))
    with pytest.raises(ValidationError):  # never on the day itself
        event.signup_closes_on = None
        event.save()
        registration_choose(student=late, session=session, today=event.date)


def test_only_the_audience_and_published_events(world):
    event, slot, (session,) = practice_day(world.a)
    (hbo3,) = students(world.a, 1, hbo_year=3)
    with pytest.raises(ValidationError):
        registration_choose(student=hbo3, session=session)
    event.is_published = False
    event.save()
    with pytest.raises(ValidationError):
        registration_choose(student=world.student1, session=session)
    assert not Registration.objects.exists()
