"""Travel times (issue 11, rule 7): the student's own time beats their postcode area's, the
planners' page and file import (all or nothing, Dutch row messages, the template), the
allocation input (one query) and a run whose student's first preference is too far."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from placements.allocation.inputs import problem_build
from placements.models import TravelTime
from placements.travel.models import TravelLookup, postcode_area
from placements.travel.services import travel_rows
from tests.factories import academic_year
from tests.partnerships.conftest import dutch
from tests.placements.allocation.test_allocation_runs import (
    new_run,
    place,
    prefer,
    results,
    run_task,
)

pytestmark = pytest.mark.django_db


def url(world, name):
    return reverse(f"placements:{name}", args=[world.a.slug, academic_year().label])


def test_a_students_own_time_beats_their_postcode_area():
    assert postcode_area("2514 AB") == "2514" and postcode_area("") == ""
    lookup = TravelLookup([(1, None, "2514", 20), (1, 7, "", 45), (2, None, "2514", 15)])
    assert lookup.minutes(student_id=7, postcode="2514 AB", school_id=1) == 45
    assert lookup.minutes(student_id=8, postcode="2514AB", school_id=1) == 20
    assert lookup.for_student(student_id=7, postcode="2514 AB") == {1: 45, 2: 15}
    assert lookup.for_student(student_id=8, postcode="9999 ZZ") == {}


def travel_world(world, *, elsewhere=True):
    """student1 (now at school1) may go at most 30 minutes; school2 is their first preference,
    20 minutes from their area but 45 from their own address."""
    student = world.student1
    student.postcode = "2514 AB"
    student.save(update_fields=["postcode"])
    schools = [world.school2, world.school3] if elsewhere else [world.school2]
    places = {school.pk: place(world, school) for school in schools}
    form = prefer(world, student, *schools)
    form.max_travel_minutes = 30
    form.save()
    for school, minutes in ((world.school2, 20), (world.school3, 25)):
        TravelTime.objects.create(partnership=world.a, school=school, area="2514", minutes=minutes)
    TravelTime.objects.create(
        partnership=world.a, school=world.school2, student=student, minutes=45
    )
    return places


def test_the_input_carries_the_travel_times_in_one_query(world):
    travel_world(world)
    run = new_run(world)
    built = problem_build(run=run)
    s1 = {s.id: s for s in built.problem.students}[world.student1.pk]
    assert s1.max_travel_minutes == 30
    assert dict(s1.travel_minutes) == {world.school2.pk: 45, world.school3.pk: 25}
    assert built.travel == {"limited": 1, "unknown_pairs": 0}
    with CaptureQueriesContext(connection) as before:
        problem_build(run=run)
    for n in range(10):
        TravelTime.objects.create(
            partnership=world.a, school=world.school1, area=f"3{n:03d}", minutes=n
        )
    with CaptureQueriesContext(connection) as after:
        problem_build(run=run)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_a_student_whose_first_preference_is_too_far_is_placed_elsewhere(client, world):
    places = travel_world(world)
    run = new_run(world)
    assert run_task(run) == "done"
    result = results(run)[world.student1.pk]
    assert result.place_id == places[world.school3.pk].pk
    assert result.explanation["params"]["better_infeasible"] == [[1, "travel"]]
    client.force_login(world["stagecoordinator"])
    html = client.get(reverse("placements:run_detail", args=[world.a.slug, run.pk])).content
    assert escape(dutch("Travel rule")) in html.decode()


def test_a_student_with_only_too_far_places_is_left_unplaced_for_travel(client, world):
    travel_world(world, elsewhere=False)
    run = new_run(world)
    assert run_task(run) == "done"
    result = results(run)[world.student1.pk]
    assert result.place_id is None and result.explanation["code"] == "travel"
    run.refresh_from_db()
    assert run.progress["travel"] == {"limited": 1, "unknown_pairs": 0}
    client.force_login(world["stagecoordinator"])
    page = client.get(reverse("placements:run_detail", args=[world.a.slug, run.pk]))
    assert [r.student_id for r in page.context["too_far"]] == [world.student1.pk]
    reason = dutch(
        "not placed: every allowed place is further than %(minutes)s minutes away: %(schools)s"
    ) % {"minutes": 30, "schools": world.school2.name}
    assert escape(reason) in page.content.decode()


def test_the_page_lists_and_saves_travel_times(client, world):
    client.force_login(world["stagecoordinator"])
    response = client.post(
        url(world, "travel_times"), {"school": world.school1.pk, "area": "2514", "minutes": "25"}
    )
    assert response.status_code == 302
    row = TravelTime.objects.get(partnership=world.a)
    assert (row.school, row.area, row.student, row.minutes) == (world.school1, "2514", None, 25)
    page = client.get(url(world, "travel_times"))
    assert world.school1.name in page.content.decode()
    both = client.post(
        url(world, "travel_times"),
        {"school": world.school1.pk, "area": "2514", "student": world.student1.pk, "minutes": 5},
    )
    assert both.status_code == 200 and both.context["form"].errors
    assert "There is a problem" in both.content.decode() or dutch("There is a problem") in (
        both.content.decode()
    )
    client.post(url(world, "travel_times"), {"school": world.school1.pk, "area": "2514"})
    assert not TravelTime.objects.filter(partnership=world.a).exists()
    runs = client.get(url(world, "runs")).content.decode()
    assert url(world, "travel_times") in runs


def upload(client, world, text, name="reistijden.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(url(world, "travel_import"), {"file": file})


def test_a_good_file_is_imported(client, world):
    client.force_login(world["stagecoordinator"])
    text = (
        "School;Postcodegebied;Student (studentnummer of e-mail);Minuten\n"
        f"{world.school1.name};2514 AB;;20\n"
        f"{world.school2.name};2515;;35\n"
        f"{world.school2.name};;{world.student1.student_number};50\n"
    )
    response = upload(client, world, text)
    assert response.status_code == 302, response.context and response.context["report"].errors
    rows = set(travel_rows(partnership=world.a))
    assert rows == {
        (world.school1.pk, None, "2514", 20),
        (world.school2.pk, None, "2515", 35),
        (world.school2.pk, world.student1.pk, "", 50),
    }
    # uploading again replaces the same rows
    assert upload(client, world, text.replace(";20\n", ";22\n")).status_code == 302
    assert TravelTime.objects.get(school=world.school1, area="2514").minutes == 22
    assert TravelTime.objects.filter(partnership=world.a).count() == 3


def test_a_bad_row_rejects_the_whole_file_with_dutch_messages(client, world):
    client.force_login(world["stagecoordinator"])
    text = (
        "School;Postcodegebied;Student;Minuten\n"
        f"{world.school1.name};2514;;20\n"
        f"{world.school1.name};12;;20\n"
        "Onbekende school;2515;;veel\n"
        f"{world.school2.name};2516;{world.student1.student_number};10\n"
    )
    response = upload(client, world, text)
    assert response.status_code == 200
    assert not TravelTime.objects.exists()
    errors = {(e.row, e.message) for e in response.context["report"].errors}
    assert (3, "Vul de vier cijfers van een postcode in, zoals 2514.") in errors
    assert (4, "Voer een geheel getal in.") in errors
    assert (5, "Vul een postcodegebied of een student in, niet allebei.") in errors
    html = response.content.decode()
    assert escape("Vul de vier cijfers van een postcode in, zoals 2514.") in html


def test_the_template_downloads_with_the_known_times(client, world):
    TravelTime.objects.create(partnership=world.a, school=world.school1, area="2514", minutes=20)
    client.force_login(world["stagecoordinator"])
    response = client.get(url(world, "travel_template"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("School", "Postcodegebied", "Student (studentnummer of e-mail)", "Minuten")
    assert rows[1] == (world.school1.name, "2514", None, 20)
