"""The sign-up page: radio buttons per slot, htmx swaps one slot, a plain POST comes back to
the page; closed windows and other students' events."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from programme.choices import RegistrationStatus as RS
from programme.models import Registration
from programme.services.registrations import registration_choose
from tests.programme.events_world import practice_day, students

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def signup_url(world, event):
    return reverse("programme:signup", kwargs={"partnership": world.a.slug, "pk": event.pk})


def test_page_lists_sessions_with_places(client, world):
    event, slot, (a, b) = practice_day(world.a, capacities=(1, 2))
    (other,) = students(world.a, 1)
    registration_choose(student=other, session=a)
    client.force_login(world["student"])
    body = client.get(signup_url(world, event)).content.decode()
    assert gettext("full — waiting list") in body
    assert ngettext("%(n)s place left", "%(n)s places left", 2) % {"n": 2} in body
    assert 'hx-post="' in body and 'type="radio"' in body


def test_htmx_choice_swaps_only_the_slot(client, world):
    event, slot, (a, b) = practice_day(world.a, capacities=(1, 2))
    client.force_login(world["student"])
    response = client.post(signup_url(world, event), {"slot": slot.pk, "session": b.pk}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<section class="card mb-3" id="slot-{slot.pk}"')
    assert "<html" not in body
    assert gettext("You are registered for %(t)s.") % {"t": "Workshop 2"} in body
    assert Registration.objects.get(student=world.student1).session == b


def test_plain_post_redirects_back(client, world):
    event, slot, (a,) = practice_day(world.a, capacities=(1,))
    (other,) = students(world.a, 1)
    registration_choose(student=other, session=a)
    client.force_login(world["student"])
    response = client.post(signup_url(world, event), {"slot": slot.pk, "session": a.pk})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#slot-{slot.pk}")
    body = client.get(response["Location"]).content.decode()
    waiting = gettext("You are on the waiting list for %(t)s (place %(p)s).")
    assert waiting % {"t": "Workshop 1", "p": 1} in body

    response = client.post(signup_url(world, event), {"slot": slot.pk, "cancel": "1"})
    assert response.status_code == 302
    assert Registration.objects.get(student=world.student1).status == RS.CANCELLED


def test_no_choice_is_an_error(client, world):
    event, slot, _ = practice_day(world.a)
    client.force_login(world["student"])
    response = client.post(signup_url(world, event), {"slot": slot.pk}, **HTMX)
    assert gettext("Choose a session.") in response.content.decode()
    assert not Registration.objects.exists()


def test_closed_window_shows_and_refuses(client, world):
    today = timezone.localdate()
    event, slot, (a,) = practice_day(world.a, signup_closes_on=today - datetime.timedelta(days=1))
    client.force_login(world["student"])
    body = client.get(signup_url(world, event)).content.decode()
    assert gettext("Sign-up is closed; your choices are shown below.") in body
    assert "disabled" in body
    response = client.post(signup_url(world, event), {"slot": slot.pk, "session": a.pk}, **HTMX)
    assert gettext("Sign-up for this event is closed.") in response.content.decode()
    assert not Registration.objects.exists()


def test_event_not_for_the_student_is_404(client, world):
    event, slot, (a,) = practice_day(world.a, audience_hbo_years=[1], audience_wo=False)
    client.force_login(world["student"])
    assert client.get(signup_url(world, event)).status_code == 404
    response = client.post(signup_url(world, event), {"slot": slot.pk, "session": a.pk})
    assert response.status_code == 404


def test_session_of_another_slot_is_404(client, world):
    event, slot, _ = practice_day(world.a)
    other_event, other_slot, (foreign,) = practice_day(world.a)
    client.force_login(world["student"])
    response = client.post(signup_url(world, event), {"slot": slot.pk, "session": foreign.pk})
    assert response.status_code == 404


def test_the_page_reads_a_fixed_number_of_queries(client, world):
    """The same queries for 1 and 6 time slots of 3 sessions each, with facilitators and
    registrations (the sessions' facilitators are not read here: the page does not show them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from programme.choices import Line
    from programme.models import Session, TimeSlot
    from tests.factories import PersonFactory

    event, _slot, _sessions = practice_day(world.a, capacities=(5, 5, 5))
    others = students(world.a, 2)
    client.force_login(world["student"])
    counts = []
    for n in (1, 6):
        while event.slots.count() < n:
            i = event.slots.count()
            slot = TimeSlot.objects.create(
                event=event,
                title=f"Round {i + 1}",
                starts_at=datetime.time(9 + i),
                ends_at=datetime.time(9 + i, 45),
            )
            for k in range(3):
                session = Session.objects.create(
                    slot=slot, title=f"S{i}-{k}", line=Line.BASIS, capacity=5
                )
                session.facilitators.add(PersonFactory())
                registration_choose(student=others[k % 2], session=session)
        client.get(signup_url(world, event))
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(signup_url(world, event)).content.decode()
        assert f"Round {n}" in body
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
