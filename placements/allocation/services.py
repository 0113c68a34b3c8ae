"""Allocation runs: start one (queued; the Celery task ``placements.tasks.run_allocation``,
enqueued through the outbox in the run's transaction, runs it), execute it (the task's body),
change a result by hand and lock it, rerun with the locks, and commit the run as proposed
placements.

* Executing claims the run with a conditional UPDATE (queued → running), so a second delivery of
  the task does nothing. The engine's input is built by ``allocation_input.problem_build``; the
  solver runs with one worker (reproducible, and as fast as two on this machine: see
  tests/benchmarks/ALLOCATION.md). Progress (objective, bound, seconds) is written at most every
  half second; any error ends the run as failed with the error text.
* A lock on a result is carried into a rerun as a locked result of the new run, which the engine
  receives as ``locked_place_id`` and never moves.
* Committing the run as proposed placements: ``allocation_commit``.
"""

import logging
import threading
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships import outbox
from partnerships.models import AcademicYear, Partnership, Person, Student
from placements.allocation.engine import Progress, Result, Weights, solve
from placements.allocation.inputs import Built, problem_build, weights_from_json, weights_to_json
from placements.choices import RunStatus
from placements.models import AllocationResult, AllocationRun, Place, Preference

logger = logging.getLogger(__name__)
R = RunStatus
PROGRESS_EVERY_S = 0.5


RUN_TASK = "placements.tasks.run_allocation"


def _enqueue(run_id: int) -> None:
    """Queue the run's task through the outbox, in the run's own transaction: a broker that is
    down never fails the request, and the relay publishes the task when it is back."""
    outbox.enqueue(RUN_TASK, run_id)


def allocation_run_waiting(run: AllocationRun) -> bool:
    """A queued run whose task is still waiting for the broker (the background service)."""
    return run.status == R.QUEUED and outbox.waiting(RUN_TASK, run.pk)


@transaction.atomic
def allocation_run_create(
    *,
    partnership: Partnership,
    year: AcademicYear,
    start: str,
    weights: Weights,
    time_limit_s: int,
    by: Person,
    label: str = "",
    locked: list[tuple[int, int]] = (),
) -> AllocationRun:
    """A queued run; ``locked`` (student id, place id) pairs become locked results."""
    run = AllocationRun(
        partnership=partnership,
        academic_year=year,
        start=start,
        label=label,
        weights=weights_to_json(weights),
        time_limit_s=time_limit_s,
        created_by=by,
    )
    run.full_clean()
    run.save()
    AllocationResult.objects.bulk_create(
        AllocationResult(run=run, student_id=student, place_id=place, locked=True)
        for student, place in locked
    )
    _enqueue(run.pk)
    logger.info("person %s started allocation run %s (%s, %s)", by.pk, run.pk, year, start)
    return run


def allocation_run_rerun(*, run: AllocationRun, by: Person) -> AllocationRun:
    locked = run.results.filter(locked=True, place__isnull=False).values_list("student", "place")
    return allocation_run_create(
        partnership=run.partnership,
        year=run.academic_year,
        start=run.start,
        weights=weights_from_json(run.weights),
        time_limit_s=run.time_limit_s,
        label=run.label,
        locked=list(locked),
        by=by,
    )


def _progress_writer(run_id: int):
    """A throttled callback; only the calling thread touches the database."""
    owner, last = threading.get_ident(), [0.0]

    def report(progress: Progress) -> None:
        now = time.monotonic()
        if threading.get_ident() != owner or now - last[0] < PROGRESS_EVERY_S:
            return
        last[0] = now
        AllocationRun.objects.filter(pk=run_id).update(
            progress={
                "objective": progress.objective,
                "bound": progress.best_bound,
                "seconds": round(progress.seconds, 1),
                "solutions": progress.solutions,
            }
        )

    return report


def allocation_run_execute(*, run_id: int, task_id: str = "") -> str:
    """Run a queued run once: "done", "failed" or "skipped" (not queued any more).

    The run is claimed with a conditional UPDATE (queued → running) that records the Celery task
    id. The task is acknowledged late, so the broker delivers the same task id again only when
    the worker that claimed the run died; such a run (running, same task id) is claimed again
    instead of hanging in "running" for ever."""
    claimed = AllocationRun.objects.filter(pk=run_id, status=R.QUEUED).update(
        status=R.RUNNING, progress={}, task_id=task_id
    )
    if not claimed and task_id:
        claimed = AllocationRun.objects.filter(pk=run_id, status=R.RUNNING, task_id=task_id).update(
            progress={}
        )
        if claimed:
            logger.warning("allocation run %s: worker lost, running it again", run_id)
    if not claimed:
        return "skipped"
    run = AllocationRun.objects.select_related("partnership", "academic_year").get(pk=run_id)
    try:
        built = problem_build(run=run, workers=1)
        result = solve(built.problem, progress=_progress_writer(run_id))
        _store(run, built, result)
    except Exception as exc:
        logger.exception("allocation run %s failed", run_id)
        AllocationRun.objects.filter(pk=run_id).update(
            status=R.FAILED, error=f"{type(exc).__name__}: {exc}", finished_at=timezone.now()
        )
        return "failed"
    return "done"


def _rank(student, place_id, problem) -> int | None:
    if place_id is None:
        return None
    school = problem.place_by_id[place_id].school_id
    return student.preferences.index(school) + 1 if school in student.preferences else None


@transaction.atomic
def _store(run: AllocationRun, built: Built, result: Result) -> None:
    problem = built.problem
    carried = {r.student_id: r for r in AllocationResult.objects.filter(run=run)}
    new, kept = [], []
    for student in problem.students:
        place_id = result.assignments.get(student.id)
        expl = result.explanations[student.id]
        explanation = {
            "code": expl.code,
            "params": expl.params,
            "notes": list(expl.notes),
            "rank": _rank(student, place_id, problem),
            "wishes": len(student.preferences),
        }
        row = carried.pop(student.id, None)
        if row is None:
            new.append(AllocationResult(run=run, student_id=student.id, explanation=explanation))
            row = new[-1]
        else:
            kept.append(row)
            row.explanation = explanation
            row.locked = row.locked and student.locked_place_id == place_id
        row.place_id = place_id
    AllocationResult.objects.filter(pk__in=[r.pk for r in carried.values()]).delete()
    AllocationResult.objects.bulk_update(kept, ["place", "explanation", "locked"])
    AllocationResult.objects.bulk_create(new)
    placed = sum(1 for pid in result.assignments.values() if pid is not None)
    AllocationRun.objects.filter(pk=run.pk).update(
        status=R.DONE,
        solver_status=result.status,
        objective=result.objective,
        best_bound=result.best_bound,
        gap=result.gap,
        solve_seconds=round(result.build_seconds + result.solve_seconds, 2),
        placed=placed,
        unplaced=len(problem.students) - placed,
        finished_at=timezone.now(),
        progress={"variables": result.num_variables, "travel": built.travel},
    )


def matching_places(*, run: AllocationRun, student: Student) -> QuerySet[Place]:
    """The run's places a student could take: their subject, level and the run's start."""
    return Place.objects.filter(
        division__partnership=run.partnership_id,
        division__academic_year=run.academic_year_id,
        start=run.start,
        subject=student.subject_id,
        level=student.institute.institute_level,
    ).select_related("school", "subject")


@transaction.atomic
def allocation_result_set(
    *, result: AllocationResult, place: Place | None, locked: bool, by: Person
) -> AllocationResult:
    """Change a result by hand (another place, or none) and lock or unlock it."""
    run = AllocationRun.objects.select_for_update().get(pk=result.run_id)
    if run.status != R.DONE:
        raise ValidationError(_("Only a finished run that has not been committed can be changed."))
    if locked and place is None:
        raise ValidationError({"locked": _("Choose a place to lock the student to.")})
    if place is not None and not matching_places(run=run, student=result.student).filter(
        pk=place.pk
    ):
        raise ValidationError({"place": _("This place does not fit the student.")})
    if place != result.place:
        rank = Preference.objects.filter(
            form__student=result.student_id,
            form__academic_year=run.academic_year_id,
            school=place.school_id if place else None,
        ).values_list("rank", flat=True)
        result.explanation = {
            **result.explanation,
            "code": "manual",
            "params": {},
            "notes": [],
            "rank": rank.first(),
        }
    result.place, result.locked = place, locked
    result.save()
    run.placed = run.results.filter(place__isnull=False).count()
    run.unplaced = run.results.filter(place__isnull=True).count()
    run.save(update_fields=["placed", "unplaced"])
    logger.info(
        "person %s set result %s of run %s to place %s (locked: %s)",
        by.pk,
        result.pk,
        run.pk,
        place.pk if place else None,
        locked,
    )
    return result
