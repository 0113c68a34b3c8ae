"""Permission rows for preferences, allocation runs and the shortage subjects. Wired into
``tests/partnerships/test_permissions.py`` (every ``tests/*/perm_*.py``).

Objects are made inside each row's kwargs (rolled back with the row's test): an allocation run
of A's year with one result (student1, unplaced), a run of partnership B, and a placement of
student1 in a shortage subject. The world has no preference window, so only the planners may
change preferences (the others read them)."""

from partnerships.models import Subject
from placements.models import AllocationResult, AllocationRun, Placement
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    A_ACTORS,
    FORGED,
    IC,
    IO,
    Row,
    forged,
    has_form_errors,
    url_rows,
)

YEAR = 2026
LABEL = f"{YEAR}-{YEAR + 1}"
PLANNERS = ("stagecoordinator", "programmamanager")
NS = {"namespace": "placements"}


def in_year(w):
    return {"partnership": w.a.slug, "year": LABEL}


def student(name):
    return lambda w: in_year(w) | {"student": getattr(w, name).pk}


def _run(partnership, student) -> AllocationRun:
    run, created = AllocationRun.objects.get_or_create(
        partnership=partnership,
        academic_year=academic_year(YEAR),
        label="perm",
        defaults={"start": "september", "status": "done", "solver_status": "optimal"},
    )
    if created:
        AllocationResult.objects.create(
            run=run, student=student, explanation={"code": "places_full", "params": {"places": 1}}
        )
    return run


def run_a(w):
    return {"partnership": w.a.slug, "pk": _run(w.a, w.student1).pk}


def run_b_under_a(w):
    return {"partnership": w.a.slug, "pk": _run(w.b, w.student_b).pk}


def result_a(w):
    run = _run(w.a, w.student1)
    return {"partnership": w.a.slug, "pk": run.pk, "result": run.results.get().pk}


def result_b_under_a(w):
    run_b = _run(w.b, w.student_b)
    return {
        "partnership": w.a.slug,
        "pk": _run(w.a, w.student1).pk,
        "result": run_b.results.get().pk,
    }


def _placement(student, school, subject, tekortvak=True) -> Placement:
    Subject.objects.filter(pk=subject.pk).update(is_tekortvak=tekortvak)
    return Placement.objects.get_or_create(
        student=student,
        academic_year=academic_year(YEAR),
        start="september",
        defaults={"school": school, "subject": subject, "stage": "onderbouw", "level": "hbo"},
    )[0]


def shared_a(w):
    return {"partnership": w.a.slug, "pk": _placement(w.student1, w.school1, w.subject).pk}


def shared_not_tekortvak(w):
    placement = _placement(w.student2, w.school2, w.subject2, tekortvak=False)
    return {"partnership": w.a.slug, "pk": placement.pk}


def shared_b_under_a(w):
    placement = _placement(w.student_b, w.school_b, w.subject_b)
    return {"partnership": w.a.slug, "pk": placement.pk}


def invalid(name, kwargs, *, ok, not_found=(), data=None, variant="invalid"):
    return url_rows(
        name,
        kwargs,
        ok=ok,
        not_found=not_found,
        method="post",
        data=data or {},
        variant=variant,
        check=has_form_errors,
        **NS,
    )


def planner_posts(name, kwargs, data=None):
    return url_rows(name, kwargs, ok=PLANNERS, ok_status=302, method="post", data=data, **NS)


NOT_STUDENT = tuple(a for a in A_ACTORS if a != "student")

ROWS: list[Row] = [
    # --- preferences ---------------------------------------------------------------------------
    *url_rows("preferences", in_year, ok=(*PLANNERS, IO, IC), actors=NOT_STUDENT, **NS),
    Row("placements:preferences", in_year, "student", 302),  # to their own form
    *forged("preferences", lambda w: {"partnership": w.a.slug, "year": "2026-2028"}, **NS),
    *url_rows("preference_window", in_year, ok=PLANNERS, **NS),
    *invalid("preference_window", in_year, ok=PLANNERS, data={"opens_on": "x"}),
    *url_rows("preference_edit", student("student1"), ok=(*PLANNERS, IO, IC, "student"), **NS),
    *url_rows(
        "preference_edit",
        student("student3"),
        variant="not_theirs",
        ok=PLANNERS,
        not_found=(IO, IC, "student"),
        **NS,
    ),
    # without an open window only planners may save; the others get 403
    *url_rows(
        "preference_edit",
        student("student1"),
        ok=PLANNERS,
        ok_status=302,
        method="post",
        data={"rank1": ""},
        **NS,
    ),
    *invalid("preference_edit", student("student1"), ok=PLANNERS, data={"rank2": FORGED}),
    *forged("preference_edit", student("student_b"), "b_student", **NS),
    *forged("preference_edit", lambda w: in_year(w) | {"student": FORGED}, **NS),
    # --- allocation runs ----------------------------------------------------------------------
    *url_rows("runs", in_year, ok=PLANNERS, **NS),
    *url_rows("run_create", in_year, ok=PLANNERS, **NS),
    *invalid("run_create", in_year, ok=PLANNERS),
    *url_rows("run_compare", in_year, ok=PLANNERS, **NS),
    *url_rows("run_detail", run_a, ok=PLANNERS, **NS),
    *forged("run_detail", run_b_under_a, "b_run", **NS),
    *forged("run_detail", lambda w: {"partnership": w.a.slug, "pk": FORGED}, **NS),
    *planner_posts("run_rerun", run_a),
    Row("placements:run_rerun", run_a, "stagecoordinator", 405, variant="get"),
    *forged("run_rerun", run_b_under_a, "b_run", method="post", **NS),
    *planner_posts("run_commit", run_a),
    *forged("run_commit", run_b_under_a, "b_run", method="post", **NS),
    # check your answers before committing, and the confirmation page (a run not committed
    # yet sends the planner back to the run)
    *url_rows("run_commit", run_a, ok=PLANNERS, variant="check", **NS),
    *forged("run_commit", run_b_under_a, "b_run", **NS),
    *url_rows("run_committed", run_a, ok=PLANNERS, ok_status=302, **NS),
    *forged("run_committed", run_b_under_a, "b_run", **NS),
    *url_rows("run_result", result_a, ok=PLANNERS, **NS),
    *invalid("run_result", result_a, ok=PLANNERS, data={"locked": "on"}),
    *forged("run_result", result_b_under_a, "b_result", **NS),
    *forged("run_result", lambda w: run_a(w) | {"result": FORGED}, **NS),
    # --- shortage subjects --------------------------------------------------------------------
    *url_rows("shortage", in_year, ok=PLANNERS, **NS),
    *url_rows("placement_shared_with", shared_a, ok=PLANNERS, **NS),
    *url_rows(
        "placement_shared_with",
        shared_a,
        ok=PLANNERS,
        ok_status=302,
        method="post",
        data=None,
        variant="clear",
        **NS,
    ),
    *invalid("placement_shared_with", shared_a, ok=PLANNERS, data={"shared_with": FORGED}),
    *forged("placement_shared_with", shared_not_tekortvak, "not_tekortvak", **NS),
    *forged("placement_shared_with", shared_b_under_a, "b_placement", **NS),
]
