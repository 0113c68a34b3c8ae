"""Preferences through the pages: a student enters their own, an institute trainer on behalf of
the students they train, read-only outside the window (planners may still edit), validation in
Dutch, the coordinators' overview (filters, query count)."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from partnerships.models import SchoolType
from placements.models import Place, PreferenceForm, PreferenceWindow
from tests.factories import StudentFactory, academic_year
from tests.partnerships.conftest import dutch, shows
from tests.placements.factories import DivisionFactory

pytestmark = pytest.mark.django_db
_serial = itertools.count()
SIZES = (1, 10, 50)


def year_url(world, name, **kwargs):
    kwargs = {"partnership": world.a.slug, "year": academic_year().label, **kwargs}
    return reverse(f"placements:{name}", kwargs=kwargs)


def edit_url(world, student):
    return year_url(world, "preference_edit", student=student.pk)


def open_window(world, opens=-1, closes=10):
    today = timezone.localdate()
    return PreferenceWindow.objects.update_or_create(
        partnership=world.a,
        academic_year=academic_year(),
        defaults={
            "opens_on": today + datetime.timedelta(days=opens),
            "closes_on": today + datetime.timedelta(days=closes),
        },
    )[0]


def wishes(world, *ranked, excluded=(), **extra):
    data = {f"rank{r}": school.pk for r, school in enumerate(ranked, 1)}
    data["excluded_schools"] = [s.pk for s in excluded]
    return {"learning_goals": "Klassenmanagement", "remarks": "", **data, **extra}


def saved_schools(student):
    form = PreferenceForm.objects.get(student=student, academic_year=academic_year())
    return [p.school for p in form.preferences.order_by("rank")], form


def test_a_student_enters_their_own_preferences(client, world):
    open_window(world)
    client.force_login(world["student"])
    page = client.get(edit_url(world, world.student1))
    assert page.status_code == 200
    assert 'name="rank1"' in page.content.decode()
    response = client.post(
        edit_url(world, world.student1),
        wishes(
            world, world.school3, world.school2, excluded=[world.school1], max_travel_minutes=45
        ),
    )
    assert response.status_code == 302
    schools, form = saved_schools(world.student1)
    assert schools == [world.school3, world.school2]
    assert list(form.excluded_schools.all()) == [world.school1]
    assert (form.max_travel_minutes, form.entered_by) == (45, world["student"])
    assert form.learning_goals == "Klassenmanagement"
    # saving again replaces the wishes
    client.post(edit_url(world, world.student1), wishes(world, world.school2))
    assert saved_schools(world.student1)[0] == [world.school2]


def test_a_student_cannot_open_another_students_preferences(client, world):
    open_window(world)
    client.force_login(world["student"])
    assert client.get(edit_url(world, world.student3)).status_code == 404
    response = client.post(edit_url(world, world.student3), wishes(world, world.school2))
    assert response.status_code == 404
    assert not PreferenceForm.objects.filter(student=world.student3).exists()


def test_a_student_opening_the_overview_lands_on_their_own_form(client, world):
    client.force_login(world["student"])
    response = client.get(year_url(world, "preferences"))
    assert response.status_code == 302
    assert response["Location"] == edit_url(world, world.student1)


def test_the_institute_trainer_enters_preferences_on_behalf_of_their_student(client, world):
    open_window(world)
    trainer = world["instituutsopleider"]
    client.force_login(trainer)
    response = client.post(edit_url(world, world.student1), wishes(world, world.school2))
    assert response.status_code == 302
    schools, form = saved_schools(world.student1)
    assert (schools, form.entered_by) == ([world.school2], trainer)
    # a student they do not train is not theirs
    assert client.get(edit_url(world, world.student3)).status_code == 404
    overview = client.get(year_url(world, "preferences"))
    assert [s.pk for s in overview.context["object_list"]] == [world.student1.pk]


def test_outside_the_window_the_student_reads_but_cannot_change(client, world):
    window = open_window(world, opens=-20, closes=-5)
    client.force_login(world["student"])
    page = client.get(edit_url(world, world.student1))
    assert page.status_code == 200
    assert 'name="rank1"' not in page.content.decode()
    assert shows(
        page, "The preference window is closed: the preferences can be read but not changed."
    )
    assert escape(date_format(window.closes_on, "DATE_FORMAT")) in page.content.decode()
    response = client.post(edit_url(world, world.student1), wishes(world, world.school2))
    assert response.status_code == 403
    assert not PreferenceForm.objects.filter(student=world.student1).exists()


def test_without_a_window_only_planners_can_edit(client, world):
    client.force_login(world["instituutsopleider"])
    assert (
        client.post(edit_url(world, world.student1), wishes(world, world.school2)).status_code
        == 403
    )
    client.force_login(world["stagecoordinator"])
    response = client.post(edit_url(world, world.student1), wishes(world, world.school2))
    assert response.status_code == 302
    assert saved_schools(world.student1)[1].entered_by == world["stagecoordinator"]


def test_the_same_school_twice_is_refused_in_dutch(client, world):
    open_window(world)
    client.force_login(world["student"])
    response = client.post(
        edit_url(world, world.student1), wishes(world, world.school2, world.school2)
    )
    assert response.status_code == 200
    message = dutch("You already chose %(school)s as preference %(rank)s.") % {
        "school": world.school2.name,
        "rank": 1,
    }
    assert escape(message) in response.content.decode()
    assert response.context["form"].errors["rank2"]
    assert not PreferenceForm.objects.filter(student=world.student1).exists()


def test_a_preferred_school_that_is_also_excluded_is_refused_in_dutch(client, world):
    open_window(world)
    client.force_login(world["student"])
    response = client.post(
        edit_url(world, world.student1),
        wishes(world, world.school2, excluded=[world.school2]),
    )
    message = dutch("%(school)s is one of your preferences; you cannot also exclude it.") % {
        "school": world.school2.name
    }
    assert escape(message) in response.content.decode()
    assert not PreferenceForm.objects.filter(student=world.student1).exists()


def test_a_second_preference_without_a_first_is_refused(client, world):
    open_window(world)
    client.force_login(world["student"])
    response = client.post(edit_url(world, world.student1), {"rank2": world.school2.pk})
    assert response.context["form"].errors["rank2"] == [
        dutch("Fill in preference %(rank)s first.") % {"rank": 1}
    ]


def test_schools_with_published_places_for_the_subject_come_first(client, world):
    open_window(world)
    world.school2.school_types.set(SchoolType.objects.filter(code__in=["havo", "vwo"]))
    division = DivisionFactory(partnership=world.a, academic_year=academic_year())
    division.status = "published"
    division.save()
    Place.objects.create(
        division=division,
        school=world.school2,
        subject=world.subject,
        stage="onderbouw",
        level="hbo",
        start="september",
        capacity=2,
    )
    client.force_login(world["student"])
    page = client.get(edit_url(world, world.student1))
    choices = page.context["form"].fields["rank1"].choices
    assert choices[1][0] == dutch("Schools with places for your subject")
    assert [pk for pk, _label in choices[1][1]] == [world.school2.pk]
    assert "Beekdal School (havo, vwo)" in page.content.decode()
    assert [s.pk for s in page.context["offering_schools"]] == [world.school2.pk]


def test_the_planner_sets_the_window(client, world):
    client.force_login(world["stagecoordinator"])
    url = year_url(world, "preference_window")
    bad = client.post(url, {"opens_on": "2027-05-20", "closes_on": "2027-05-01"})
    assert bad.context["form"].errors["closes_on"] == [
        dutch("The window cannot close before it opens.")
    ]
    response = client.post(url, {"opens_on": "2027-05-01", "closes_on": "2027-05-20"})
    assert response.status_code == 302
    window = PreferenceWindow.objects.get(partnership=world.a)
    assert (window.opens_on, window.closes_on) == (
        datetime.date(2027, 5, 1),
        datetime.date(2027, 5, 20),
    )


def test_the_overview_shows_who_submitted_and_filters(client, world):
    open_window(world)
    client.force_login(world["student"])
    client.post(edit_url(world, world.student1), wishes(world, world.school2))
    client.force_login(world["stagecoordinator"])
    page = client.get(year_url(world, "preferences"))
    listed = {s.pk: s for s in page.context["object_list"]}
    assert set(listed) == {world.student1.pk, world.student2.pk, world.student3.pk}
    assert listed[world.student1.pk].year_form is not None
    assert listed[world.student2.pk].year_form is None
    submitted = client.get(year_url(world, "preferences"), {"submitted": "yes"})
    assert [s.pk for s in submitted.context["object_list"]] == [world.student1.pk]
    missing = client.get(
        year_url(world, "preferences"), {"submitted": "no", "institute": world.institute2.pk}
    )
    assert {s.pk for s in missing.context["object_list"]} == {world.student2.pk, world.student3.pk}


@pytest.mark.parametrize("actor", ["stagecoordinator", "instituutsopleider"])
def test_overview_query_count_is_flat(client, world, actor):
    client.force_login(world[actor])
    year = academic_year()
    url = year_url(world, "preferences")
    client.get(url)
    counts, total = {}, 0
    for size in SIZES:
        for _ in range(size - total):
            student = StudentFactory(
                partnership=world.a,
                institute=world.institute,
                subject=world.subject,
                instituutsopleider=world["instituutsopleider"],
                student_number=f"PR-{next(_serial)}",
            )
            form = PreferenceForm.objects.create(student=student, academic_year=year)
            form.preferences.create(rank=1, school=world.school2)
            form.preferences.create(rank=2, school=world.school3)
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"submitted": "yes"})
        assert response.context["paginator"].count == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts
