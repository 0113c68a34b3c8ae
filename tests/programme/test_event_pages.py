"""The organisers' pages: create an event, add a slot and sessions, publish; errors keep
everything unsaved; the event page shows places left and a student's choice."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from programme.models import Event, Session, TimeSlot
from programme.services.registrations import registration_choose
from tests.factories import academic_year
from tests.programme.events_world import practice_day

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership": world.a.slug, **kwargs})


def event_data(**extra):
    year = academic_year()
    return {
        "academic_year": year.pk,
        "kind": "practice_day",
        "title": "Practice day OP1",
        "date": f"{year.start_year}-10-07",
        "starts_at": "09:00",
        "ends_at": "15:00",
        "audience_hbo_years": ["2", "3"],
        "audience_wo": "on",
        "mandatory": "on",
    } | extra


def test_organiser_plans_an_event(client, world):
    client.force_login(world["programmamanager"])
    response = client.get(url(world, "event_create"))
    assert response.status_code == 200
    response = client.post(url(world, "event_create"), event_data(host_school=world.school1.pk))
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.audience_hbo_years == [2, 3] and event.audience_wo and not event.is_published

    response = client.post(
        url(world, "slot_create", event=event.pk),
        {"title": "Round 1", "starts_at": "09:00", "ends_at": "10:30", "choice_required": "on"},
    )
    assert response.status_code == 302
    slot = TimeSlot.objects.get()
    response = client.post(
        url(world, "session_create", slot=slot.pk),
        {
            "title": "Classroom talk",
            "line": "basis",
            "kind": "workshop",
            "capacity": "12",
            "room": "A1",
            "facilitators": [world["co_docent"].pk],
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert list(session.facilitators.all()) == [world["co_docent"]]

    response = client.post(url(world, "event_publish", pk=event.pk))
    event.refresh_from_db()
    assert event.is_published
    body = client.get(event.get_absolute_url()).content.decode()
    assert "Classroom talk" in body and "12 / 12" in body

    response = client.post(
        url(world, "session_update", pk=session.pk),
        {"title": "Classroom talk", "line": "basis", "kind": "workshop", "capacity": "8"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.capacity == 8 and not session.facilitators.exists()


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"date": "2099-01-01"}, "date"),
        ({"ends_at": "08:00"}, "ends_at"),
        ({"title": ""}, "title"),
        ({"audience_hbo_years": ["7"]}, "audience_hbo_years"),
    ],
)
def test_event_form_errors_save_nothing(client, world, bad, field):
    client.force_login(world["programmamanager"])
    response = client.post(url(world, "event_create"), event_data(**bad))
    assert response.status_code == 200
    assert field in response.context["form"].errors or response.context["form"].non_field_errors()
    assert not Event.objects.exists()


def test_slot_and_session_form_errors(client, world):
    event, slot, (session,) = practice_day(world.a)
    client.force_login(world["administratief_ondersteuner"])
    response = client.post(
        url(world, "slot_create", event=event.pk), {"starts_at": "16:00", "ends_at": "17:00"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        url(world, "session_create", slot=slot.pk),
        {"title": "X", "kind": "workshop", "capacity": "0"},
    )
    assert "capacity" in response.context["form"].errors
    assert TimeSlot.objects.count() == 1 and Session.objects.count() == 1


def test_delete_slot_and_session(client, world):
    event, slot, (session,) = practice_day(world.a)
    client.force_login(world["programmamanager"])
    assert client.get(url(world, "session_delete", pk=session.pk)).status_code == 200
    assert client.post(url(world, "session_delete", pk=session.pk)).status_code == 302
    assert not Session.objects.exists()
    assert client.post(url(world, "slot_delete", pk=slot.pk)).status_code == 302
    assert not TimeSlot.objects.exists()


def test_unpublished_event_is_hidden_from_others(client, world):
    event, slot, _ = practice_day(world.a, is_published=False)
    client.force_login(world["student"])
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(world["co_docent"])
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(world["programmamanager"])
    assert client.get(event.get_absolute_url()).status_code == 200


def test_event_page_shows_the_students_choice(client, world):
    event, slot, (session,) = practice_day(world.a, capacities=(4,))
    registration_choose(student=world.student1, session=session)
    client.force_login(world["student"])
    body = client.get(event.get_absolute_url()).content.decode()
    assert gettext("your choice") in body and "3 / 4" in body
    assert url(world, "signup", pk=event.pk) in body


def test_event_update_keeps_slots_inside(client, world):
    event, slot, _ = practice_day(world.a)
    client.force_login(world["programmamanager"])
    data = event_data(date=event.date.isoformat(), academic_year=event.academic_year_id)
    response = client.post(url(world, "event_update", pk=event.pk), data | {"starts_at": "10:00"})
    assert response.status_code == 200 and response.context["form"].errors
    event.refresh_from_db()
    assert event.starts_at == datetime.time(9)
    response = client.post(url(world, "event_update", pk=event.pk), data | {"title": "Renamed"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Renamed"
