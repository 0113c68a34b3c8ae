"""The allocation pages in plain language and committing through check-your-answers (issue 14,
items 3-4): runs numbered within their year, the summary and the score in points, the results
filtered by school, subject and reason in a constant number of queries, the commit gate while the
preference window is open, proposals hidden from the student until it closes (or shown at once),
and the confirmation page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from partnerships.access import Access
from placements import selectors, services
from placements.allocation.engine import Weights
from placements.allocation.selectors import run_numbers, run_summary
from placements.allocation.texts import run_name, score_texts
from placements.models import AllocationResult, AllocationRun, Placement, PreferenceWindow
from placements.transfer.facts import find_next_placement
from tests.factories import StudentFactory, academic_year
from tests.partnerships.conftest import dutch
from tests.placements.allocation.test_allocation_runs import (  # noqa: F401 (fixture)
    maths,
    new_run,
    place,
    prefer,
    run_done,
)

pytestmark = pytest.mark.django_db


def window(world, *, closes_in: int) -> PreferenceWindow:
    today = timezone.localdate()
    return PreferenceWindow.objects.create(
        partnership=world.a,
        academic_year=academic_year(),
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=closes_in),
    )


def explanation(code, rank=None, wishes=0):
    params = {
        "preference": {
            "rank": rank,
            "better_full": [],
            "better_infeasible": [],
            "better_balanced": [],
        },
        "no_preference_met": {"full": [], "infeasible": [], "balanced": []},
    }.get(code, {})
    return {"code": code, "params": params, "notes": [], "rank": rank, "wishes": wishes}


def proposals(student):
    return Placement.objects.filter(student=student, status="proposed")


def test_runs_are_numbered_within_their_year_in_creation_order(world):
    first, second = new_run(world), new_run(world)
    other_year = AllocationRun.objects.create(
        partnership=world.a, academic_year=academic_year(2030), start="september"
    )
    numbers = run_numbers(world.a.pk, academic_year().pk)
    assert (numbers[first.pk], numbers[second.pk]) == (1, 2)
    assert run_numbers(world.a.pk, other_year.academic_year_id) == {other_year.pk: 1}
    day = timezone.localdate(second.created_at)
    assert run_name(second) == dutch("Run %(n)s of %(date)s") % {
        "n": 2,
        "date": date_format(day, "DATE_FORMAT"),
    }


def test_summary_counts_reasons_and_splits_the_score_into_points(world):
    run = new_run(world, status="done", objective=-1848, best_bound=-1848, solver_status="optimal")
    target = place(world, world.school3, capacity=5)
    rows = [
        (target, explanation("preference", rank=1, wishes=2)),
        (target, explanation("preference", rank=2, wishes=2)),
        (target, explanation("no_preference_met", wishes=1)),
        (None, explanation("places_full", wishes=1)),
        (None, explanation("places_full")),
        (None, explanation("no_matching_place")),
    ]
    for i, (where, expl) in enumerate(rows):
        student = StudentFactory(
            partnership=world.a,
            institute=world.institute,
            subject=world.subject,
            student_number=f"SUM-{i}",
        )
        AllocationResult.objects.create(run=run, student=student, place=where, explanation=expl)
    summary = run_summary(run, Weights())
    assert (summary.total, summary.placed, summary.unplaced) == (6, 3, 3)
    assert (summary.first, summary.any_preference, summary.with_wishes) == (1, 2, 4)
    assert summary.unplaced_by_code == [("places_full", 2), ("no_matching_place", 1)]
    points = {p.kind: p.total for p in summary.points}
    assert points == {
        "preference_1": 100,
        "preference_2": 60,
        "outside": -20,
        "unplaced": -3000,
        "rest": -1848 - (100 + 60 - 20 - 3000),
    }
    assert sum(points.values()) == -1848
    assert score_texts(run)[1] == dutch(
        "Optimal: no better division exists with these weights (proven)."
    )
    run.best_bound = -1800
    assert "48" in score_texts(run)[1]


@pytest.mark.usefixtures("built_pages")
def test_results_filter_by_school_subject_and_reason_in_constant_queries(client, world):
    client.force_login(world["stagecoordinator"])
    run = new_run(world, status="done", solver_status="optimal", objective=1, best_bound=1, gap=0)
    at3, at2 = place(world, world.school3, capacity=50), place(world, world.school2, capacity=50)
    url = reverse("placements:run_detail", args=[world.a.slug, run.pk])
    filters = [
        {"school": world.school3.pk},
        {"subject": world.subject.pk},
        {"reason": "places_full"},
        {"school": world.school2.pk, "reason": ""},
    ]
    counts = {}
    made = 0
    for size in (3, 30):
        for i in range(made, size):
            student = StudentFactory(
                partnership=world.a,
                institute=world.institute,
                subject=world.subject,
                student_number=f"FLT-{i}",
            )
            where = (at3, at2, None)[i % 3]
            expl = (
                explanation("preference", rank=1, wishes=1) if where else explanation("places_full")
            )
            AllocationResult.objects.create(run=run, student=student, place=where, explanation=expl)
        made = size
        for params in filters:
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, params)
            assert response.status_code == 200
            counts.setdefault(str(params), set()).add(len(ctx.captured_queries))
        assert client.get(url, {"school": world.school3.pk}).context["paginator"].count == size // 3
        assert client.get(url, {"reason": "places_full"}).context["paginator"].count == size // 3
        assert client.get(url, {"reason": "travel"}).context["paginator"].count == 0
    assert all(len(c) == 1 for c in counts.values()), counts
    assert client.get(url, {"school": world.school_b.pk}).context["paginator"].count == 0


def test_committing_while_the_window_is_open_needs_anyway_and_hides_proposals(client, world, maths):  # noqa: F811
    prefer(world, world.student1, world.school3)
    run = run_done(world, maths)
    open_window = window(world, closes_in=10)
    client.force_login(world["stagecoordinator"])
    check = reverse("placements:run_commit", args=[world.a.slug, run.pk])
    page = client.get(check)
    assert page.status_code == 200 and page.context["window_open"]
    assert len(page.context["plan"].create) == run.placed
    assert not proposals(world.student1).exists()  # the check page writes nothing

    refused = client.post(check, {})
    assert refused.status_code == 200 and refused.context["form"].errors["anyway"]
    with pytest.raises(ValidationError):
        services.allocation_run_commit(run=run, by=world["stagecoordinator"])
    assert not proposals(world.student1).exists()

    done = client.post(check, {"anyway": "on"})
    confirmation = reverse("placements:run_committed", args=[world.a.slug, run.pk])
    assert done["Location"] == confirmation
    page = client.get(confirmation)
    assert page.status_code == 200 and not list(page.context["messages"])
    mine = proposals(world.student1).get()
    assert mine.hidden_from_student_until == open_window.closes_on + datetime.timedelta(days=1)

    today = timezone.localdate()
    student = Access(world.student1.person, today=today)
    assert not selectors.placements_visible(access=student, partnership=world.a).filter(pk=mine.pk)
    coordinator = Access(world["stagecoordinator"], today=today)
    assert selectors.placements_visible(access=coordinator, partnership=world.a).filter(pk=mine.pk)
    later = Access(world.student1.person, today=mine.hidden_from_student_until)
    assert selectors.placements_visible(access=later, partnership=world.a).filter(pk=mine.pk)
    # the transfer form's "new school" does not know it yet either
    earlier = academic_year(academic_year().start_year - 1)
    ending = Placement(student=world.student1, academic_year=earlier, start="september")
    assert find_next_placement(ending) is None

    again = client.post(check, {"anyway": "on"})
    assert again["Location"] == confirmation
    assert proposals(world.student1).count() == 1


def test_show_now_leaves_the_proposals_visible_and_a_closed_window_asks_nothing(world, maths):  # noqa: F811
    prefer(world, world.student1, world.school3)
    run = run_done(world, maths)
    window(world, closes_in=3)
    services.allocation_run_commit(
        run=run, by=world["stagecoordinator"], anyway=True, show_to_students=True
    )
    assert proposals(world.student1).get().hidden_from_student_until is None

    proposals(world.student1).delete()
    AllocationRun.objects.filter(pk=run.pk).update(status="done")
    PreferenceWindow.objects.update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    run.refresh_from_db()
    services.allocation_run_commit(run=run, by=world["stagecoordinator"])
    assert proposals(world.student1).get().hidden_from_student_until is None
