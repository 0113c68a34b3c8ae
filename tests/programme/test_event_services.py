"""Services of events, slots and sessions: validation, the academic-year rule, publishing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import AuditEntry
from programme.choices import EventKind, RegistrationStatus
from programme.models import Event, Registration
from programme.services import events as services
from programme.services import registrations
from tests.factories import academic_year
from tests.programme.events_world import practice_day, students

pytestmark = pytest.mark.django_db


def fields(**extra):
    year = academic_year()
    return {
        "academic_year": year,
        "kind": EventKind.PRACTICE_DAY,
        "title": "Practice day 1",
        "date": datetime.date(year.start_year, 10, 7),
        "starts_at": datetime.time(9),
        "ends_at": datetime.time(15),
        "audience_hbo_years": [2, 1, 2],
        "audience_wo": False,
        "audience_roles": [],
        "mandatory": True,
    } | extra


def test_event_create_keeps_a_draft_and_records(world):
    event = services.event_create(partnership=world.a, by=world["programmamanager"], **fields())
    assert not event.is_published
    assert event.audience_hbo_years == [1, 2]
    assert AuditEntry.objects.filter(action="event_create", object_id=str(event.pk)).exists()
    services.event_publish(event=event, by=world["programmamanager"])
    event.refresh_from_db()
    assert event.is_published


def test_event_date_must_lie_in_the_academic_year(world):
    year = academic_year()
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            partnership=world.a,
            by=world["programmamanager"],
            **fields(date=datetime.date(year.start_year + 1, 8, 5)),
        )
    assert "date" in exc.value.error_dict
    assert not Event.objects.exists()


def test_host_school_of_another_partnership_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            partnership=world.a, by=world["programmamanager"], **fields(host_school=world.school_b)
        )
    assert "host_school" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services.event_create(
            partnership=world.a, by=world["programmamanager"], **fields(host_school=world.institute)
        )


def test_signup_window_must_close_before_the_day(world):
    f = fields()
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            partnership=world.a,
            by=world["programmamanager"],
            **f
            | {
                "signup_opens_on": f["date"] - datetime.timedelta(days=3),
                "signup_closes_on": f["date"] - datetime.timedelta(days=5),
            },
        )
    assert "signup_closes_on" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            partnership=world.a,
            by=world["programmamanager"],
            **f | {"signup_closes_on": f["date"]},
        )
    assert "signup_closes_on" in exc.value.error_dict


def test_slot_must_lie_within_the_event(world):
    event = services.event_create(partnership=world.a, by=world["programmamanager"], **fields())
    with pytest.raises(ValidationError) as exc:
        services.slot_create(
            event=event,
            by=world["programmamanager"],
            title="Late",
            starts_at=datetime.time(14),
            ends_at=datetime.time(16),
        )
    assert "starts_at" in exc.value.error_dict
    slot = services.slot_create(
        event=event,
        by=world["programmamanager"],
        starts_at=datetime.time(9),
        ends_at=datetime.time(10),
    )
    assert slot.pk


def test_facilitators_need_a_role_in_the_partnership(world):
    event, slot, _ = practice_day(world.a)
    with pytest.raises(ValidationError) as exc:
        services.session_create(
            slot=slot,
            by=world["programmamanager"],
            facilitators=[world["other_partnership"]],
            title="X",
            capacity=5,
        )
    assert "facilitators" in exc.value.error_dict
    session = services.session_create(
        slot=slot,
        by=world["programmamanager"],
        facilitators=[world["co_docent"]],
        title="Y",
        capacity=5,
    )
    assert list(session.facilitators.all()) == [world["co_docent"]]


def test_capacity_must_be_positive(world):
    event, slot, _ = practice_day(world.a)
    with pytest.raises(ValidationError) as exc:
        services.session_create(slot=slot, by=world["programmamanager"], title="Z", capacity=0)
    assert "capacity" in exc.value.error_dict


def test_raising_the_capacity_lets_the_waiting_list_in(world):
    event, slot, (session,) = practice_day(world.a, capacities=(1,))
    first, second, third = students(world.a, 3)
    for s in (first, second, third):
        registrations.registration_choose(student=s, session=session)
    services.session_update(session=session, by=world["programmamanager"], capacity=2)
    statuses = dict(Registration.objects.values_list("student_id", "status"))
    assert statuses[second.pk] == RegistrationStatus.REGISTERED
    assert statuses[third.pk] == RegistrationStatus.WAITLISTED
    assert Registration.objects.get(student=third).position == 1
