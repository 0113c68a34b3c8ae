"""Recording who was at an event (facilitators for their sessions, organisers for all)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships import audit
from partnerships.models import Person, Student

from ..choices import AttendanceStatus
from ..models import Attendance, Event, Session


@transaction.atomic
def attendance_record(
    *,
    event: Event,
    student: Student,
    status: str,
    reason: str = "",
    by: Person,
    session: Session | None = None,
    today: datetime.date | None = None,
) -> Attendance:
    """Set (or change) the student's attendance at the event. Absence with a reason needs the
    reason; the other statuses drop any reason given."""
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    errors = {}
    if status not in AttendanceStatus.values:
        errors["status"] = _("Choose present, absent with a reason or absent.")
    if status == AttendanceStatus.ABSENT_EXCUSED and not reason:
        errors["reason"] = _("Give the reason for the absence.")
    if student.partnership_id != event.partnership_id:
        errors["student"] = _("This student does not belong to the partnership.")
    if session is not None and session.slot.event_id != event.pk:
        errors["session"] = _("The session belongs to another event.")
    if event.date > today:
        errors[None] = _("Attendance can be taken from the day of the event on.")
    if errors:
        raise ValidationError({k or "__all__": v for k, v in errors.items()})
    if status != AttendanceStatus.ABSENT_EXCUSED:
        reason = ""
    row = Attendance.objects.select_for_update().filter(event=event, student=student).first()
    if row is None:
        row = Attendance(event=event, student=student)
    row.status, row.reason, row.recorded_by = status, reason, by
    if session is not None or row.session_id is None:
        row.session = session
    row.full_clean(validate_constraints=False)
    row.save()
    audit.record(
        person=by,
        action="attendance_record",
        obj=row,
        partnership=event.partnership,
        student=student.pk,
        status=status,
    )
    return row
