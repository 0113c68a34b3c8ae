"""Writes for the quality calendar (PDCA): generating a year's items from the instruments and
updating an item's status, phase and notes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships import audit
from partnerships.models import AcademicYear, Partnership

from ..calendar_grid import month_due_date
from ..choices import CalendarStatus, PdcaPhase
from ..models import CalendarItem, Instrument


@transaction.atomic
def calendar_generate(*, partnership: Partnership, academic_year: AcademicYear, by=None) -> int:
    """Creates the calendar items of ``academic_year`` from the months of the instruments in
    use; returns how many were added. Idempotent: an existing item (instrument, month) is left
    as it is, and concurrent runs cannot make duplicates (unique in the database)."""
    existing = set(
        CalendarItem.objects.filter(
            partnership=partnership, academic_year=academic_year
        ).values_list("instrument_id", "month")
    )
    new = []
    for instrument in Instrument.objects.filter(partnership=partnership, is_active=True):
        for month in sorted(set(instrument.months)):
            if (instrument.pk, month) in existing:
                continue
            item = CalendarItem(
                partnership=partnership,
                academic_year=academic_year,
                instrument=instrument,
                month=month,
                target_group=instrument.target_group,
                responsible_role=instrument.responsible_role,
                due_date=month_due_date(academic_year.start_year, month),
            )
            item.full_clean(validate_unique=False, validate_constraints=False)
            new.append(item)
    CalendarItem.objects.bulk_create(new, ignore_conflicts=True)
    if new and by is not None:
        audit.record(
            person=by,
            action="quality.calendar_generate",
            partnership=partnership,
            year=academic_year.label,
            items=len(new),
        )
    return len(new)


@transaction.atomic
def calendar_item_update(
    *, item: CalendarItem, status: str, phase: str, notes: str, by
) -> CalendarItem:
    """Sets status, PDCA phase and notes; marking it done records when (reopening clears it)."""
    if status not in CalendarStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if phase not in PdcaPhase.values:
        raise ValidationError({"phase": _("Choose a PDCA phase.")})
    item.status, item.phase, item.notes = status, phase, notes.strip()
    if status == CalendarStatus.DONE:
        item.completed_at = item.completed_at or timezone.now()
    else:
        item.completed_at = None
    item.full_clean()
    item.save()
    audit.record(
        person=by,
        action="quality.calendar_item_update",
        obj=item,
        partnership=item.partnership,
        status=status,
        phase=phase,
    )
    return item
