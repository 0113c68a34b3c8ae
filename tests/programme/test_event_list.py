"""The year's event list: visibility, filters, the year switch and a fixed query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import AcademicYear
from programme.choices import EventKind
from programme.models import Event

pytestmark = pytest.mark.django_db


def make_event(partnership, *, date, title="Practice day", published=True, **extra):
    year = AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_for(date))[0]
    return Event.objects.create(
        partnership=partnership,
        academic_year=year,
        kind=extra.pop("kind", EventKind.PRACTICE_DAY),
        title=title,
        date=date,
        starts_at=datetime.time(9),
        ends_at=datetime.time(15),
        is_published=published,
        **extra,
    )


def list_url(world, **query):
    url = reverse("programme:event_list", kwargs={"partnership": world.a.slug})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def this_year():
    return AcademicYear.current()


def test_students_see_only_published_events(client, world):
    year = this_year()
    make_event(world.a, date=year.start_date + datetime.timedelta(days=40), title="Open day")
    make_event(
        world.a, date=year.start_date + datetime.timedelta(days=41), title="Draft", published=False
    )
    client.force_login(world["student"])
    body = client.get(list_url(world)).content.decode()
    assert "Open day" in body
    assert "Draft" not in body
    client.force_login(world["programmamanager"])
    body = client.get(list_url(world)).content.decode()
    assert "Open day" in body and "Draft" in body


def test_other_partnership_events_do_not_show(client, world):
    year = this_year()
    make_event(world.b, date=year.start_date + datetime.timedelta(days=40), title="Beta day")
    client.force_login(world["programmamanager"])
    assert "Beta day" not in client.get(list_url(world)).content.decode()


def test_filters_kind_period_mandatory(client, world):
    year = this_year()
    early = year.start_date + datetime.timedelta(days=40)  # September: OP1
    late = datetime.date(year.start_year + 1, 6, 10)  # June: OP4
    make_event(world.a, date=early, title="Start meeting", kind=EventKind.START_MEETING)
    make_event(world.a, date=late, title="Closing webinar", kind=EventKind.WEBINAR, mandatory=False)
    client.force_login(world["programmamanager"])
    body = client.get(list_url(world, kind="webinar")).content.decode()
    assert "Closing webinar" in body and "Start meeting" not in body
    body = client.get(list_url(world, period="1")).content.decode()
    assert "Start meeting" in body and "Closing webinar" not in body
    body = client.get(list_url(world, mandatory="0")).content.decode()
    assert "Closing webinar" in body and "Start meeting" not in body


def test_year_switch(client, world):
    year = this_year()
    nxt = f"{year.start_year + 1}-{year.start_year + 2}"
    make_event(world.a, date=datetime.date(year.start_year + 1, 10, 1), title="Next year's day")
    make_event(world.a, date=year.start_date + datetime.timedelta(days=40), title="This year's")
    client.force_login(world["programmamanager"])
    body = client.get(list_url(world)).content.decode()
    assert "This year&#x27;s" in body and "Next year" not in body
    body = client.get(list_url(world, year=nxt)).content.decode()
    assert "Next year&#x27;s day" in body and "This year" not in body
    url = reverse("programme:event_list_year", kwargs={"partnership": world.a.slug, "year": nxt})
    assert "Next year&#x27;s day" in client.get(url).content.decode()
    assert client.get(list_url(world, year="nonsense")).status_code == 404


@pytest.mark.parametrize("actor", ["programmamanager", "student"])
def test_query_count_does_not_grow(client, world, actor):
    year = this_year()
    client.force_login(world[actor])
    counts = []
    made = 0
    for n in (1, 10, 50):
        for i in range(made, n):
            make_event(world.a, date=year.start_date + datetime.timedelta(days=30 + i))
        made = n
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url(world))
        assert response.status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_organisers_see_how_many_students_signed_up(client, world):
    """The sign-up column counts each registered student once per event (over its slots); a
    waiting or cancelled registration does not count, an event without slots shows a dash."""
    from programme.choices import RegistrationStatus
    from programme.models import Registration, TimeSlot
    from tests.programme.events_world import practice_day, students

    event, slot, (session,) = practice_day(world.a, capacities=(10,), title="Counted day")
    second = TimeSlot.objects.create(
        event=event, title="Round 2", starts_at=datetime.time(11), ends_at=datetime.time(12)
    )
    one, two, three = students(world.a, 3)
    for student, on, status in (
        (one, slot, RegistrationStatus.REGISTERED),
        (one, second, RegistrationStatus.REGISTERED),
        (two, slot, RegistrationStatus.REGISTERED),
        (three, slot, RegistrationStatus.WAITLISTED),
    ):
        Registration.objects.create(session=session, slot=on, student=student, status=status)
    make_event(world.a, date=event.date, title="Day without slots")
    client.force_login(world["programmamanager"])
    rows = {e.title: e for e in client.get(list_url(world)).context["events"]}
    assert (rows["Counted day"].slot_count, rows["Counted day"].registered_students) == (2, 2)
    assert rows["Day without slots"].slot_count == 0
    client.force_login(world["student"])
    assert "Counted day" in client.get(list_url(world)).content.decode()
