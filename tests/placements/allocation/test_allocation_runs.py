"""Allocation runs: the engine's input built from the database (rotation, history, locks,
capacity already taken), the Celery task end to end (results and explanations on the page,
idempotent), runs compared, a result changed by hand and locked (the lock survives a rerun),
commit (placements exactly once), and the query count of the results page."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from partnerships.glossary import ProgrammeVariant
from partnerships.models import SchoolType
from placements import tasks
from placements.allocation import services as service
from placements.allocation.engine import Progress
from placements.allocation.inputs import problem_build
from placements.models import AllocationResult, AllocationRun, Place, Placement, PreferenceForm
from tests.factories import StudentFactory, academic_year
from tests.outbox_helpers import capture_publishes
from tests.partnerships.conftest import dutch
from tests.placements.factories import DivisionFactory, SchoolCapacityFactory

pytestmark = pytest.mark.django_db
_serial = itertools.count()
SIZES = (1, 10, 50)


def place(world, school, subject=None, level="hbo", stage="onderbouw", capacity=1, year=None):
    division = DivisionFactory(partnership=world.a, academic_year=year or academic_year())
    return Place.objects.create(
        division=division,
        school=school,
        subject=subject or world.subject,
        stage=stage,
        level=level,
        start="september",
        capacity=capacity,
    )


def new_run(world, **extra) -> AllocationRun:
    fields = {"start": "september", "time_limit_s": 5, "created_by": world["stagecoordinator"]}
    return AllocationRun.objects.create(
        partnership=world.a, academic_year=academic_year(), **(fields | extra)
    )


def prefer(world, student, *schools, excluded=()):
    form = PreferenceForm.objects.create(student=student, academic_year=academic_year())
    for rank, school in enumerate(schools, 1):
        form.preferences.create(rank=rank, school=school)
    form.excluded_schools.set(excluded)
    return form


def results(run) -> dict:
    return {r.student_id: r for r in AllocationResult.objects.filter(run=run)}


@pytest.fixture
def maths(world):
    """Three maths places for student1 (hbo year 2, now at school1, earlier at school2)."""
    places = {s.pk: place(world, s) for s in (world.school1, world.school2, world.school3)}
    earlier = place(world, world.school2, year=academic_year(academic_year().start_year - 1))
    Placement.objects.create(
        student=world.student1,
        academic_year=earlier.division.academic_year,
        school=world.school2,
        place=earlier,
        subject=world.subject,
        stage="onderbouw",
        level="hbo",
        start="september",
        status="completed",
    )
    return places


def test_the_problem_follows_the_database(world, maths):
    world.school2.school_types.set(SchoolType.objects.filter(code="vmbo-k"))
    world.school3.school_types.set(SchoolType.objects.filter(code="vwo"))
    prefer(world, world.student1, world.school2, world.school3, excluded=[world.school1])
    wo_place = place(world, world.school2, level="wo", capacity=2)
    locked = Placement.objects.create(
        student=world.student3,
        academic_year=academic_year(),
        school=world.school2,
        place=wo_place,
        subject=world.subject,
        stage="onderbouw",
        level="wo",
        start="september",
        locked=True,
    )
    # someone outside the run already holds one of the two wo places and a seat of school2's cap
    outsider = Placement.objects.create(
        student=StudentFactory(partnership=world.a, institute=world.institute2),
        academic_year=academic_year(),
        school=world.school2,
        place=wo_place,
        subject=world.subject,
        stage="onderbouw",
        level="wo",
        start="september",
        status="confirmed",
    )
    SchoolCapacityFactory(school=world.school2, academic_year=academic_year(), total_cap=3)
    zij = StudentFactory(
        partnership=world.a,
        institute=world.institute,
        subject=world.subject,
        programme_variant=ProgrammeVariant.ZIJ_INSTROMER,
        hbo_year=None,
    )
    problem = problem_build(run=new_run(world)).problem
    students = {s.id: s for s in problem.students}
    assert outsider.student_id not in students and zij.pk not in students
    s1 = students[world.student1.pk]
    assert (s1.track, s1.level, s1.remaining_years) == ("hbo_bachelor", "hbo", 3)
    assert s1.previous_school_ids == {world.school1.pk, world.school2.pk}
    assert (s1.seen_vmbo, s1.seen_havo_vwo) == (True, False)
    assert s1.preferences == (world.school2.pk, world.school3.pk)
    assert s1.excluded_schools == {world.school1.pk}
    s3 = students[world.student3.pk]
    assert (s3.track, s3.level, s3.remaining_years) == ("wo_master", "wo", 2)
    assert s3.locked_place_id == locked.place_id
    places = {p.id: p for p in problem.places}
    assert places[wo_place.pk].capacity == 1
    assert problem.school_by_id[world.school2.pk].total_cap == 2
    assert problem.workers == 1


def run_task(run) -> str:
    return tasks.run_allocation(run.pk)


def test_rotation_sends_the_student_to_a_school_not_visited_before(world, maths):
    prefer(world, world.student1, world.school2, world.school3)
    run = new_run(world)
    assert run_task(run) == "done"
    result = results(run)[world.student1.pk]
    assert result.place_id == maths[world.school3.pk].pk
    assert result.explanation["code"] == "preference"
    assert result.explanation["rank"] == 2
    assert result.explanation["params"]["better_infeasible"] == [[1, "previous_school"]]


def test_a_run_through_the_pages_and_the_task(
    client, world, maths, monkeypatch, django_capture_on_commit_callbacks
):
    prefer(world, world.student1, world.school3)
    published = capture_publishes(monkeypatch)
    client.force_login(world["stagecoordinator"])
    url = reverse("placements:run_create", args=[world.a.slug, academic_year().label])
    form = client.get(url)
    assert form.context["form"]["preference_1"].value() == 100
    assert (
        escape(
            dutch("a place at preference %(rank)s: +%(points)s points") % {"rank": 1, "points": 100}
        )
        in form.content.decode()
    )
    data = {
        "start": "september",
        "label": "Eerste ronde",
        "time_limit_s": 5,
        "preference_1": 100,
        "preference_2": 60,
        "preference_3": 30,
        "no_preference_penalty": 20,
        "variety_bonus": 10,
        "spread_penalty": 2,
        "unplaced_penalty": 1000,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    run = AllocationRun.objects.get(partnership=world.a)
    assert published == [("placements.tasks.run_allocation", [run.pk])]
    assert response["Location"] == reverse("placements:run_detail", args=[world.a.slug, run.pk])
    assert run.weights["preference"] == [100, 60, 30]
    # while queued the page polls with htmx, and says so without JavaScript too
    page = client.get(response["Location"])
    assert 'hx-trigger="every 1s"' in page.content.decode()
    poll = client.get(response["Location"], {"poll": 1}, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in poll.content.decode()

    assert run_task(run) == "done"
    assert run_task(run) == "skipped"  # a second delivery does nothing
    run.refresh_from_db()
    assert (run.status, run.solver_status, run.placed, run.unplaced) == ("done", "optimal", 1, 2)
    assert run.gap == 0 and run.objective is not None
    assert AllocationResult.objects.filter(run=run).count() == 3

    done = client.get(response["Location"], {"poll": 1}, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "hx-trigger" not in html
    assert escape(dutch("Proven optimum.")) in html
    assert escape(dutch("preference %(rank)s") % {"rank": 1}) in html
    no_place = dutch("not placed: there is no place for this subject, level and start")
    assert escape(no_place) in html  # student2 (English, wo): no place at all


def test_a_failing_run_records_the_error(world, maths, monkeypatch):
    def broken(problem, progress=None):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(service, "solve", broken)
    run = new_run(world)
    assert run_task(run) == "failed"
    run.refresh_from_db()
    assert run.status == "failed" and "solver exploded" in run.error


def test_progress_is_written_at_most_twice_a_second(world):
    run = new_run(world, status="running")
    report = service._progress_writer(run.pk)
    report(Progress(objective=10, best_bound=20, seconds=0.1, solutions=1))
    report(Progress(objective=15, best_bound=20, seconds=0.2, solutions=2))
    run.refresh_from_db()
    assert run.progress == {"objective": 10, "bound": 20, "seconds": 0.1, "solutions": 1}


def run_done(world, maths) -> AllocationRun:
    run = new_run(world)
    run_task(run)
    run.refresh_from_db()
    return run


def test_a_result_changed_by_hand_and_locked_survives_a_rerun(client, world, maths):
    run = run_done(world, maths)
    mine = results(run)[world.student1.pk]
    assert mine.place_id == maths[world.school3.pk].pk
    client.force_login(world["stagecoordinator"])
    url = reverse("placements:run_result", args=[world.a.slug, run.pk, mine.pk])
    page = client.get(url)
    assert {p.pk for p in page.context["form"].fields["place"].queryset} == {
        p.pk for p in maths.values()
    }
    bad = client.post(url, {"place": "", "locked": "on"})
    assert bad.context["form"].errors["locked"]
    school2 = maths[world.school2.pk]  # a school visited before: a hand-made lock may break rules
    response = client.post(url, {"place": school2.pk, "locked": "on"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.place_id, mine.locked, mine.explanation["code"]) == (school2.pk, True, "manual")

    response = client.post(reverse("placements:run_rerun", args=[world.a.slug, run.pk]))
    rerun = AllocationRun.objects.exclude(pk=run.pk).get()
    assert response["Location"].endswith(f"/runs/{rerun.pk}/")
    assert results(rerun)[world.student1.pk].locked  # carried before the run starts
    assert run_task(rerun) == "done"
    kept = results(rerun)[world.student1.pk]
    assert (kept.place_id, kept.locked, kept.explanation["code"]) == (school2.pk, True, "locked")
    assert kept.explanation["params"]["conflicts"] == ["previous_school"]
    page = client.get(reverse("placements:run_detail", args=[world.a.slug, rerun.pk]))
    sentence = dutch("breaks the rule: %(rule)s") % {"rule": dutch("school visited before")}
    assert escape(sentence) in page.content.decode()


def test_two_runs_compared(client, world, maths):
    prefer(world, world.student1, world.school3)
    first = run_done(world, maths)
    second = run_done(world, maths)
    changed = results(second)[world.student1.pk]
    service.allocation_result_set(
        result=changed, place=None, locked=False, by=world["stagecoordinator"]
    )
    client.force_login(world["stagecoordinator"])
    url = reverse("placements:run_compare", args=[world.a.slug, academic_year().label])
    page = client.get(url, {"a": first.pk, "b": second.pk})
    assert [d.student.pk for d in page.context["differences"]] == [world.student1.pk]
    a, b = page.context["a"], page.context["b"]
    assert (a.placed, b.placed, a.first_percent, b.first_percent) == (1, 0, 100.0, 0.0)
    same = client.get(url, {"a": first.pk, "b": first.pk})
    assert same.context["form"].errors["b"] == [dutch("Choose two different runs.")]


def test_commit_creates_proposed_placements_exactly_once(client, world, maths):
    extra = StudentFactory(
        partnership=world.a, institute=world.institute, subject=world.subject, hbo_year=3
    )
    old = Placement.objects.create(
        student=extra,
        academic_year=academic_year(),
        school=world.school3,
        subject=world.subject,
        stage="onderbouw",
        level="hbo",
        start="september",
    )
    run = run_done(world, maths)
    assert results(run)[extra.pk].place_id is not None
    assert results(run)[world.student1.pk].place_id is not None
    # student1 gets a placement by other means before the run is committed
    Placement.objects.create(
        student=world.student1,
        academic_year=academic_year(),
        school=world.school1,
        subject=world.subject,
        stage="onderbouw",
        level="hbo",
        start="february",
        status="confirmed",
    )
    client.force_login(world["stagecoordinator"])
    commit = reverse("placements:run_commit", args=[world.a.slug, run.pk])
    response = client.post(commit, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert any(world.student1.person.full_name in m for m in shown)
    run.refresh_from_db()
    assert run.status == "committed"
    created = Placement.objects.filter(student=extra, status="proposed")
    assert created.count() == 1 and created.get().place_id == results(run)[extra.pk].place_id
    old.refresh_from_db()
    if old.place_id != created.get().place_id:
        assert old.status == "cancelled"
    assert not Placement.objects.filter(
        student=world.student1, start="september", academic_year=academic_year()
    ).exists()
    before = Placement.objects.count()
    again = client.post(commit, follow=True)
    assert Placement.objects.count() == before
    assert [str(m) for m in again.context["messages"]] == [
        dutch("This run had already been committed; nothing changed.")
    ]


def test_results_page_query_count_is_flat(client, world):
    client.force_login(world["stagecoordinator"])
    run = new_run(world, status="done", solver_status="optimal", objective=1, best_bound=1, gap=0)
    target = place(world, world.school3, capacity=60)
    url = reverse("placements:run_detail", args=[world.a.slug, run.pk])
    client.get(url)
    counts, total = {}, 0
    for size in SIZES:
        for i in range(size - total):
            student = StudentFactory(
                partnership=world.a,
                institute=world.institute,
                subject=world.subject,
                student_number=f"RR-{next(_serial)}",
            )
            placed = i % 2 == 0
            explanation = (
                {
                    "code": "preference",
                    "params": {
                        "rank": 2,
                        "better_full": [1],
                        "better_infeasible": [],
                        "better_balanced": [],
                    },
                    "notes": [],
                    "rank": 2,
                    "wishes": 2,
                }
                if placed
                else {
                    "code": "school_caps_reached",
                    "params": {"school_ids": [world.school2.pk]},
                    "notes": [],
                    "rank": None,
                    "wishes": 0,
                }
            )
            AllocationResult.objects.create(
                run=run, student=student, place=target if placed else None, explanation=explanation
            )
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.context["paginator"].count == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts
    html = response.content.decode()
    assert escape(dutch("preference %(rank)s full") % {"rank": 1}) in html
    assert world.school2.name in html
    placed = client.get(url, {"outcome": "placed"}).context["paginator"].count
    unplaced = client.get(url, {"outcome": "unplaced"}).context["paginator"].count
    assert (placed, unplaced) == (26, 24)
    assert client.get(url, {"outcome": "first"}).context["paginator"].count == 0


def test_a_run_whose_worker_died_is_run_again_by_the_redelivered_task_only(world, maths):
    from placements import services

    run = new_run(world, status="running", task_id="task-1")  # claimed, then the worker died
    assert services.allocation_run_execute(run_id=run.pk, task_id="task-2") == "skipped"
    assert services.allocation_run_execute(run_id=run.pk, task_id="task-1") == "done"
    run.refresh_from_db()
    assert run.status == "done" and results(run)
    assert services.allocation_run_execute(run_id=run.pk, task_id="task-1") == "skipped"
