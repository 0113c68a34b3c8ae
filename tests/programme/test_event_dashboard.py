"""The programme's dashboard cards for students, facilitators and organisers."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from partnerships.access import Access
from programme.dashboard.events import cards
from programme.services.registrations import registration_choose
from tests.programme.events_world import practice_day

pytestmark = pytest.mark.django_db


def titles(world, actor):
    return {str(c.title): c for c in cards(Access(world[actor]), world.a)}


def test_student_is_asked_to_choose_until_they_have(world):
    event, slot, (session,) = practice_day(world.a)
    found = titles(world, "student")
    signup = reverse("programme:signup", kwargs={"partnership": world.a.slug, "pk": event.pk})
    assert found[gettext("Choose your sessions")].items[0][1] == signup
    registration_choose(student=world.student1, session=session)
    found = titles(world, "student")
    assert gettext("Choose your sessions") not in found
    assert found[gettext("Your next programme events")].items


def test_facilitator_gets_their_sessions_with_attendance_link(world):
    event, slot, (session,) = practice_day(world.a, facilitator=None)
    session.facilitators.add(world["co_docent"])
    found = titles(world, "co_docent")
    ((label, link),) = found[gettext("Your next sessions")].items
    assert "Workshop 1" in label and link.endswith(f"?session={session.pk}")
    assert gettext("Your next sessions") not in titles(world, "schoolopleider")


def test_organiser_sees_signup_counts(world):
    event, slot, (session,) = practice_day(world.a)
    registration_choose(student=world.student1, session=session)
    found = titles(world, "programmamanager")
    ((label, link),) = found[gettext("Next programme events")].items
    assert gettext("%(n)s signed up") % {"n": 1} in label and link == event.get_absolute_url()


def test_dashboard_page_renders(client, world):
    practice_day(world.a)
    for actor in ("student", "programmamanager", "co_docent"):
        client.force_login(world[actor])
        url = reverse("partnerships:dashboard", kwargs={"partnership": world.a.slug})
        assert client.get(url).status_code == 200
