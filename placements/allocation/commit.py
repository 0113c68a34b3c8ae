"""Committing an allocation run: a proposed placement for every placed student, in one
transaction. A student's earlier unlocked proposal for the same start (made before the run) is
cancelled and replaced; a student who got another placement meanwhile (or whose proposal is
locked or newer than the run) is skipped and reported. A second commit does nothing.

``allocation_run_commit_plan`` tells the same story without writing (the check-your-answers
page). While the year's preference window has not closed yet, committing needs an explicit
``anyway`` (students can still change their wishes); the proposals are then hidden from the
students until the day after the window closes (``Placement.hidden_from_student_until``) unless
the coordinator chooses ``show_to_students`` — staff see them at once either way."""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.models import Person, Student
from placements.allocation.inputs import redecided, run_students
from placements.choices import RunStatus
from placements.lifecycle.services import placement_cancel, placement_create
from placements.models import AllocationRun, Placement, PreferenceWindow

logger = logging.getLogger(__name__)
R = RunStatus


@dataclass
class CommitReport:
    already: bool = False
    created: list[Placement] = field(default_factory=list)
    unchanged: list[Student] = field(default_factory=list)
    skipped: list[Student] = field(default_factory=list)
    replaced: int = 0
    hidden_until: datetime.date | None = None


@dataclass
class CommitPlan:
    """What committing would do now: per placed student "create" (with the earlier proposals it
    replaces), "unchanged" or "skipped"."""

    create: list = field(default_factory=list)  # (result, [replaced placements])
    unchanged: list = field(default_factory=list)  # results
    skipped: list = field(default_factory=list)  # results
    window: PreferenceWindow | None = None

    @property
    def replaced(self) -> int:
        return sum(len(replaced) for _result, replaced in self.create)


def preference_window(run: AllocationRun) -> PreferenceWindow | None:
    return PreferenceWindow.objects.filter(
        partnership_id=run.partnership_id, academic_year_id=run.academic_year_id
    ).first()


def window_not_closed(window: PreferenceWindow | None, today: datetime.date) -> bool:
    """True while students may still give or change their preferences (open, or not open yet)."""
    return window is not None and today <= window.closes_on


def allocation_run_commit_plan(*, run: AllocationRun) -> CommitPlan:
    """Classify the run's placed students as committing would, without writing anything."""
    results = list(
        run.results.filter(place__isnull=False).select_related(
            "student__person", "place__school", "place__subject", "place__division__academic_year"
        )
    )
    students = [r.student_id for r in results]
    still_open = set(run_students(run).filter(pk__in=students).values_list("pk", flat=True))
    proposals: dict[int, list[Placement]] = {}
    for placement in redecided(run, students).select_related("student"):
        proposals.setdefault(placement.student_id, []).append(placement)
    plan = CommitPlan(window=preference_window(run))
    for result in results:
        mine = proposals.get(result.student_id, [])
        if any(p.place_id == result.place_id for p in mine):
            plan.unchanged.append(result)
            continue
        replaceable = [p for p in mine if not p.locked and p.created_at <= run.created_at]
        if result.student_id not in still_open or len(replaceable) != len(mine):
            plan.skipped.append(result)
            continue
        plan.create.append((result, replaceable))
    return plan


@transaction.atomic
def allocation_run_commit(
    *,
    run: AllocationRun,
    by: Person,
    anyway: bool = False,
    show_to_students: bool = False,
    today: datetime.date | None = None,
) -> CommitReport:
    today = today or timezone.localdate()
    run = AllocationRun.objects.select_for_update().get(pk=run.pk)
    if run.status == R.COMMITTED:
        return CommitReport(already=True)
    if run.status != R.DONE:
        raise ValidationError(_("Only a finished run can be committed."))
    plan = allocation_run_commit_plan(run=run)
    hidden_until = None
    if window_not_closed(plan.window, today):
        if not anyway:
            raise ValidationError(
                _(
                    "The preference window is open until %(date)s: students can still change "
                    "their preferences. Confirm that you want to commit anyway."
                )
                % {"date": date_format(plan.window.closes_on, "DATE_FORMAT")}
            )
        if not show_to_students:
            hidden_until = plan.window.closes_on + datetime.timedelta(days=1)
    from placements.allocation.texts import run_name

    name = run_name(run)
    report = CommitReport(
        unchanged=[r.student for r in plan.unchanged],
        skipped=[r.student for r in plan.skipped],
        hidden_until=hidden_until,
    )
    for result, replaceable in plan.create:
        for placement in replaceable:
            reason = _("Replaced by allocation %(run)s.") % {"run": name}
            placement_cancel(placement=placement, reason=reason, by=by)
            report.replaced += 1
        placement = placement_create(
            student=result.student,
            place=result.place,
            by=by,
            locked=result.locked,
            hidden_from_student_until=hidden_until,
        )
        report.created.append(placement)
    run.status = R.COMMITTED
    run.progress = {
        **run.progress,
        "commit": {
            "by": by.pk,
            "at": timezone.now().isoformat(),
            "created": len(report.created),
            "unchanged": len(report.unchanged),
            "replaced": report.replaced,
            "skipped": [s.pk for s in report.skipped],
            "schools": len({p.school_id for p in report.created}),
            "window_open": window_not_closed(plan.window, today),
            "hidden_until": hidden_until.isoformat() if hidden_until else None,
        },
    }
    run.save(update_fields=["status", "progress"])
    logger.info("person %s committed allocation run %s: %s", by.pk, run.pk, run.progress["commit"])
    return report
