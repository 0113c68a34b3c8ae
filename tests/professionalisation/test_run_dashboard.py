"""Dashboard cards of runs: open runs and next meetings for staff; runs starting soon and runs
to complete for the organisers."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from partnerships.access import Access
from partnerships.glossary import Role
from professionalisation.dashboard.runs import cards
from tests.professionalisation.runs_world import activity, enrol, meeting, run

pytestmark = pytest.mark.django_db


def titles_and_urls(world, actor):
    return {
        str(c.title): [u for _label, u in c.items] for c in cards(Access(world[actor]), world.a)
    }


def test_staff_see_runs_open_for_their_role_and_their_next_meetings(world):
    coming = run(world, starts_in=14, title="Autumn")
    full = run(world, starts_in=14, title="Full", capacity=1)
    enrol(full, world["wpb_other_school"])
    assessor_run = run(
        world,
        starts_in=14,
        title="Assessors",
        act=activity(world.a, name="Assessor training", target_roles=[Role.ASSESSOR]),
    )
    mine = run(world, starts_in=3, title="Mine")
    enrol(mine, world[Role.WERKPLEKBEGELEIDER])
    meeting(mine, on=mine.starts_on)
    url = coming.get_absolute_url()

    wpb = titles_and_urls(world, Role.WERKPLEKBEGELEIDER)
    assert wpb[gettext("Trainings open for you")] == [
        url
    ]  # not full, not for assessors, not enrolled
    assert wpb[gettext("Your next training meetings")] == [mine.get_absolute_url()]
    assessor = titles_and_urls(world, Role.ASSESSOR)
    assert assessor[gettext("Trainings open for you")] == [assessor_run.get_absolute_url()]
    trainer = titles_and_urls(world, Role.CO_DOCENT)
    assert trainer[gettext("Your next training meetings")] == [mine.get_absolute_url()]
    assert gettext("Training runs to complete") not in wpb


def test_organisers_see_runs_starting_soon_and_runs_to_complete(world):
    soon = run(world, starts_in=10, title="Soon")
    run(world, starts_in=60, title="Later")  # beyond the month
    ended = run(world, starts_in=-40, days=20, title="Ended")
    run(world, starts_in=-40, days=20, title="Done", status="completed")
    got = titles_and_urls(world, "programmamanager")
    assert got[gettext("Training runs starting soon")] == [soon.get_absolute_url()]
    complete_url = reverse("professionalisation:run_complete", args=[world.a.slug, ended.pk])
    assert got[gettext("Training runs to complete")] == [complete_url]


def test_the_dashboard_page_renders_the_cards(client, world):
    run(world, starts_in=10, title="Soon")
    client.force_login(world["programmamanager"])
    response = client.get(reverse("partnerships:dashboard", args=[world.a.slug]))
    assert response.status_code == 200
    assert "Soon" in response.content.decode()
