"""Committing an allocation run: a proposed placement for every placed student, in one
transaction. A student's earlier unlocked proposal for the same start (made before the run) is
cancelled and replaced; a student who got another placement meanwhile (or whose proposal is
locked or newer than the run) is skipped and reported. A second commit does nothing."""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Person, Student
from placements.allocation.inputs import redecided, run_students
from placements.choices import RunStatus
from placements.lifecycle.services import placement_cancel, placement_create
from placements.models import AllocationRun, Placement

logger = logging.getLogger(__name__)
R = RunStatus


@dataclass
class CommitReport:
    already: bool = False
    created: list[Placement] = field(default_factory=list)
    unchanged: list[Student] = field(default_factory=list)
    skipped: list[Student] = field(default_factory=list)
    replaced: int = 0


@transaction.atomic
def allocation_run_commit(*, run: AllocationRun, by: Person) -> CommitReport:
    run = AllocationRun.objects.select_for_update().get(pk=run.pk)
    if run.status == R.COMMITTED:
        return CommitReport(already=True)
    if run.status != R.DONE:
        raise ValidationError(_("Only a finished run can be committed."))
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
    report = CommitReport()
    for result in results:
        mine = proposals.get(result.student_id, [])
        if any(p.place_id == result.place_id for p in mine):
            report.unchanged.append(result.student)
            continue
        replaceable = [p for p in mine if not p.locked and p.created_at <= run.created_at]
        if result.student_id not in still_open or len(replaceable) != len(mine):
            report.skipped.append(result.student)
            continue
        for placement in replaceable:
            reason = _("Replaced by allocation run %(run)s.") % {"run": run.pk}
            placement_cancel(placement=placement, reason=reason, by=by)
            report.replaced += 1
        placement = placement_create(
            student=result.student, place=result.place, by=by, locked=result.locked
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
        },
    }
    run.save(update_fields=["status", "progress"])
    logger.info("person %s committed allocation run %s: %s", by.pk, run.pk, run.progress["commit"])
    return report
