"""The calendar feed: the ICS format (folding, escaping, CRLF), the key (made once, renewed,
unknown → 404) and its scope (a person's own events and sessions, nobody else's)."""

import datetime

import pytest
from django.urls import reverse

from programme.choices import RegistrationStatus
from programme.ics import CalendarEvent, calendar, escape, fold
from programme.models import CalendarFeed, Registration
from tests.programme.groups_world import event, session

AMS = datetime.timezone(datetime.timedelta(hours=2))


def test_escaping_and_folding():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "ë" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    lines: list[str] = []
    for raw in text.split("\r\n")[:-1]:
        assert "\n" not in raw and "\r" not in raw
        assert len(raw.encode()) <= 75
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def parse(text: str) -> list[dict[str, str]]:
    """A strict little reader: BEGIN/END nest, every line is NAME:VALUE, events have the
    required properties."""
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    events, current, stack = [], None, []
    for line in lines:
        name, sep, value = line.partition(":")
        assert sep and name and name == name.upper(), line
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(current)
                events.append(current)
        elif current is not None and stack[-1] == "VEVENT":
            current[name] = value
    assert not stack
    return events


def test_a_calendar_parses_line_by_line():
    start = datetime.datetime(2026, 9, 16, 9, 0, tzinfo=AMS)
    text = calendar(
        [
            CalendarEvent(
                uid="event-1@example.org",
                start=start,
                end=start + datetime.timedelta(hours=7),
                summary="Praktijkdag 1, lijn basis; " + "lang " * 30,
                location="Alfa College, aula",
            )
        ],
        name="Programma",
        stamp=start,
        prodid="-//Test//EN",
    )
    (only,) = parse(text)
    assert only["DTSTART"] == "20260916T070000Z" and only["DTEND"] == "20260916T140000Z"
    assert only["SUMMARY"].startswith("Praktijkdag 1\\, lijn basis\\; lang")
    assert only["LOCATION"] == "Alfa College\\, aula"


pytestmark = pytest.mark.django_db


def page(w):
    return reverse("programme:calendar_feed_page", kwargs={"partnership": w.a.slug})


def feed_of(client, person):
    key = CalendarFeed.objects.get(person=person).key
    return client.get(reverse("feed:ics", kwargs={"key": key}))


def test_the_key_is_made_once_and_a_new_link_revokes_the_old(client, world):
    client.force_login(world["student"])
    first = client.get(page(world))
    key = CalendarFeed.objects.get(person=world["student"]).key
    assert key in first.context["feed_url"]
    client.get(page(world))
    assert CalendarFeed.objects.get(person=world["student"]).key == key
    client.post(page(world))
    new = CalendarFeed.objects.get(person=world["student"]).key
    assert new != key
    client.logout()
    assert client.get(reverse("feed:ics", kwargs={"key": key})).status_code == 404
    assert client.get(reverse("feed:ics", kwargs={"key": new})).status_code == 200


def test_a_students_feed_holds_their_events_and_chosen_sessions_only(client, world):
    mine = event(world.a, audience_hbo_years=[2], audience_wo=False, title="Startbijeenkomst")
    chosen = session(mine, title="Klassenmanagement", room="A12")
    session(mine, title="Niet gekozen")
    Registration.objects.create(
        session=chosen, slot=chosen.slot, student=world.student1,
        status=RegistrationStatus.REGISTERED,
    )  # fmt: skip
    event(world.a, audience_hbo_years=[], audience_wo=True, title="Alleen wo")
    event(world.a, audience_hbo_years=[2], published=False, title="Concept")
    event(world.b, audience_hbo_years=[2], title="Beta-dag")
    client.force_login(world["student"])
    client.get(page(world))
    client.logout()
    response = feed_of(client, world["student"])
    assert response["Content-Type"].startswith("text/calendar")
    events = parse(response.content.decode())
    summaries = sorted(e["SUMMARY"] for e in events)
    assert summaries == ["Klassenmanagement — Startbijeenkomst", "Startbijeenkomst"]
    uids = {e["UID"] for e in events}
    assert uids == {f"event-{mine.pk}@testserver", f"session-{chosen.pk}@testserver"}
    by_uid = {e["UID"]: e for e in events}
    assert by_uid[f"session-{chosen.pk}@testserver"]["DTSTART"].endswith("Z")


def test_facilitators_get_their_sessions_and_staff_the_events_for_their_roles(client, world):
    innomo = event(world.a, kind="innomo", title="Innomo", audience_roles=["werkplekbegeleider"])
    given = session(event(world.a, title="Praktijkdag"), title="Intervisie", kind="intervision",
                    facilitators=[world["co_docent"]])  # fmt: skip
    client.force_login(world["co_docent"])
    client.get(page(world))
    client.force_login(world["werkplekbegeleider"])
    client.get(page(world))
    client.logout()
    codocent = parse(feed_of(client, world["co_docent"]).content.decode())
    assert [e["UID"] for e in codocent] == [f"session-{given.pk}@testserver"]
    wpb = parse(feed_of(client, world["werkplekbegeleider"]).content.decode())
    assert [e["UID"] for e in wpb] == [f"event-{innomo.pk}@testserver"]
