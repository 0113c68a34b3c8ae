"""Shortage subjects: demand against supply, students and places per tekortvak, and a placement
shared by a second school, set through the page."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from placements.models import Place, Placement, PlacementEvent
from tests.factories import StudentFactory, academic_year
from tests.partnerships.conftest import dutch
from tests.placements.factories import DivisionFactory

pytestmark = pytest.mark.django_db
_serial = itertools.count()
SIZES = (1, 10, 50)


@pytest.fixture
def tekortvak(world):
    """Maths is a shortage subject: one hbo place at school1 (taken by student1), one wo place
    at school2; student3 (wo) is not placed."""
    world.subject.is_tekortvak = True
    world.subject.save()
    division = DivisionFactory(partnership=world.a, academic_year=academic_year())
    common = {"division": division, "subject": world.subject, "start": "september"}
    hbo = Place.objects.create(
        school=world.school1, stage="onderbouw", level="hbo", capacity=1, **common
    )
    Place.objects.create(school=world.school2, stage="bovenbouw", level="wo", capacity=1, **common)
    placement = Placement.objects.create(
        student=world.student1,
        academic_year=academic_year(),
        school=world.school1,
        place=hbo,
        subject=world.subject,
        stage="onderbouw",
        level="hbo",
        start="september",
        status="confirmed",
    )
    return placement


def page_url(world):
    return reverse("placements:shortage", args=[world.a.slug, academic_year().label])


def share_url(world, placement):
    return reverse("placements:placement_shared_with", args=[world.a.slug, placement.pk])


def test_demand_supply_and_students_per_shortage_subject(client, world, tekortvak):
    client.force_login(world["stagecoordinator"])
    page = client.get(page_url(world))
    [row] = page.context["rows"]
    assert row.subject == world.subject
    assert row.per_level() == [("hbo", 1, 1), ("wo", 1, 1)]
    assert (row.placed, row.unplaced) == (1, 1)
    assert [(s.pk, p) for s, p in row.students] == [
        (world.student1.pk, tekortvak),
        (world.student3.pk, None),
    ]
    assert [taken for _place, taken in row.places] == [1, 0]
    heading = dutch("Shortage subjects (tekortvakken) %(y)s") % {"y": academic_year()}
    assert heading in page.content.decode()


def test_a_planner_shares_a_placement_with_a_second_school(client, world, tekortvak):
    client.force_login(world["stagecoordinator"])
    form = client.get(share_url(world, tekortvak))
    assert world.school1 not in form.context["form"].fields["shared_with"].queryset
    response = client.post(share_url(world, tekortvak), {"shared_with": world.school2.pk})
    assert response.status_code == 302
    tekortvak.refresh_from_db()
    assert tekortvak.shared_with == world.school2
    event = PlacementEvent.objects.get(placement=tekortvak, action="shared_with")
    assert (event.by, event.details) == (world["stagecoordinator"], {"school": world.school2.name})
    page = client.get(page_url(world))
    assert page.context["rows"][0].shared == [tekortvak]
    client.post(share_url(world, tekortvak), {"shared_with": ""})
    tekortvak.refresh_from_db()
    assert tekortvak.shared_with is None


def test_own_school_is_not_a_second_school(client, world, tekortvak):
    client.force_login(world["stagecoordinator"])
    response = client.post(share_url(world, tekortvak), {"shared_with": world.school1.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["shared_with"]
    tekortvak.refresh_from_db()
    assert tekortvak.shared_with is None


def test_a_placement_outside_the_shortage_subjects_cannot_be_shared(client, world, tekortvak):
    other = Placement.objects.create(
        student=world.student2,
        academic_year=academic_year(),
        school=world.school2,
        subject=world.subject2,
        stage="onderbouw",
        level="wo",
        start="september",
    )
    client.force_login(world["stagecoordinator"])
    assert client.get(share_url(world, other)).status_code == 404


def test_shortage_page_query_count_is_flat(client, world, tekortvak):
    client.force_login(world["stagecoordinator"])
    client.get(page_url(world))
    counts, total = {}, 0
    for size in SIZES:
        for i in range(size - total):
            student = StudentFactory(
                partnership=world.a,
                institute=world.institute,
                subject=world.subject,
                student_number=f"TK-{next(_serial)}",
            )
            if i % 2:
                Placement.objects.create(
                    student=student,
                    academic_year=academic_year(),
                    school=world.school2,
                    shared_with=world.school3,
                    subject=world.subject,
                    stage="onderbouw",
                    level="hbo",
                    start="september",
                )
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page_url(world))
        assert len(response.context["rows"][0].students) == size + 2
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts
