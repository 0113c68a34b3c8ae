"""The yearly placement procedure as ProcedureStep rows (``placements.calendar.procedure.STEPS``).

``procedure_generate`` creates the steps of one partnership's year that are missing (steps with
a winter round get occurrence 1 and 2) and never duplicates one: the unique constraint on
(partnership, year, number, occurrence) makes a concurrent second call a no-op. It runs when a
coordinator presses "Generate the calendar" and every morning for the planning year before the
reminders go out (``placements.tasks.send_step_reminders``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import AcademicYear, Partnership, Person
from placements.calendar.procedure import STEPS, due_dates
from placements.choices import StepStatus
from placements.models import ProcedureStep


def procedure_missing(*, partnership: Partnership, year: AcademicYear) -> list[ProcedureStep]:
    existing = set(
        ProcedureStep.objects.filter(partnership=partnership, academic_year=year).values_list(
            "number", "occurrence"
        )
    )
    return [
        ProcedureStep(
            partnership=partnership,
            academic_year=year,
            number=step.number,
            occurrence=occurrence,
            code=step.code,
            owner_role=step.owner,
            due_date=due,
        )
        for step in STEPS
        for occurrence, due in enumerate(due_dates(step, year.start_year), 1)
        if (step.number, occurrence) not in existing
    ]


@transaction.atomic
def procedure_generate(*, partnership: Partnership, year: AcademicYear) -> int:
    """Create the missing steps; returns how many were missing."""
    missing = procedure_missing(partnership=partnership, year=year)
    for step in missing:
        step.full_clean(validate_unique=False, validate_constraints=False)
    ProcedureStep.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


NEEDS_NOTE = {StepStatus.SKIPPED, StepStatus.OPEN}


@transaction.atomic
def procedure_step_set_status(
    *, step: ProcedureStep, status: str, note: str, by: Person
) -> ProcedureStep:
    """Mark a step done or not applicable (who and when are kept), or reopen it. Marking it not
    applicable and reopening need a note saying why."""
    step = ProcedureStep.objects.select_for_update().get(pk=step.pk)
    note = note.strip()
    if status == step.status:
        raise ValidationError(
            _("This step is already %(status)s.") % {"status": step.get_status_display()}
        )
    if status in NEEDS_NOTE and not note:
        raise ValidationError({"note": _("Add a note saying why.")})
    step.status = status
    if status == StepStatus.OPEN:
        step.done_at, step.done_by = None, None
    else:
        step.done_at, step.done_by = timezone.now(), by
    if note:
        step.note = note
    step.full_clean()
    step.save()
    return step
