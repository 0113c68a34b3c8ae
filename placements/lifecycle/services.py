"""The placement lifecycle: proposed → interview planned → interview held → confirmed → active →
completed, or cancelled with a reason. Every change writes a PlacementEvent (who, what, when).

Capacity on confirmation is enforced in the database: ``placement_confirm`` locks the place row
and the school's capacity row (SELECT … FOR UPDATE) before counting the placements that already
hold a place, so two coordinators confirming at the same moment are serialised and can never
overbook (see tests/placements/test_concurrency.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Person, Student
from placements.choices import HOLDING_STATUSES, PlacementStatus
from placements.lifecycle.interview import (
    ATTENDEE_ROLES,
    ATTENDEES,
    STUDENT,
    TOPIC_LABELS,
    attendee_names,
)
from placements.models import (
    IntroductoryInterview,
    Place,
    Placement,
    PlacementEvent,
    SchoolCapacity,
)

S = PlacementStatus
ALLOWED = {
    S.PROPOSED: {S.INTERVIEW_PLANNED, S.CONFIRMED, S.CANCELLED},
    S.INTERVIEW_PLANNED: {S.INTERVIEW_HELD, S.CANCELLED},
    S.INTERVIEW_HELD: {S.CONFIRMED, S.CANCELLED},
    S.CONFIRMED: {S.ACTIVE, S.CANCELLED},
    S.ACTIVE: {S.COMPLETED, S.CANCELLED},
    S.COMPLETED: set(),
    S.CANCELLED: set(),
}


class CapacityExceeded(ValidationError):
    pass


def _log(placement: Placement, by: Person | None, action: str, **details) -> None:
    PlacementEvent.objects.create(placement=placement, by=by, action=action, details=details)


def _move(placement: Placement, to: str, by: Person | None, **details) -> Placement:
    if to not in ALLOWED[placement.status]:
        raise ValidationError(
            _("A placement that is %(current)s cannot become %(target)s.")
            % {"current": placement.get_status_display(), "target": S(to).label}
        )
    before = placement.status
    placement.status = to
    placement.full_clean()
    placement.save()
    _log(placement, by, "status", before=before, after=to, **details)
    return placement


@transaction.atomic
def placement_create(
    *, student: Student, place: Place | None = None, by: Person | None, **fields
) -> Placement:
    if place is not None:
        fields = {
            "school": place.school,
            "subject": place.subject,
            "stage": place.stage,
            "level": place.level,
            "start": place.start,
            "academic_year": place.division.academic_year,
            **fields,
        }
    placement = Placement(student=student, place=place, **fields)
    placement.full_clean()
    placement.save()
    _log(placement, by, "created", school=placement.school.name)
    return placement


@transaction.atomic
def placement_interview_plan(*, placement: Placement, planned_at, by: Person) -> Placement:
    interview, _created = IntroductoryInterview.objects.get_or_create(placement=placement)
    interview.planned_at = planned_at
    interview.save()
    if placement.status == S.PROPOSED:
        return _move(placement, S.INTERVIEW_PLANNED, by, planned_at=planned_at.isoformat())
    _log(placement, by, "interview_replanned", planned_at=planned_at.isoformat())
    return placement


def _attendance(placement: Placement, attended: list[str]) -> dict[str, str]:
    """Who attended, by role, named as the placement names them now. The student must be there
    and at least one of the school's guides; a guide can only attend once assigned."""
    names = attendee_names(placement)
    unknown = set(attended) - set(ATTENDEES)
    if unknown:
        raise ValidationError({"attended": _("Choose who attended from the list.")})
    missing = [role for role in attended if not names[role]]
    if missing:
        raise ValidationError(
            {
                "attended": _(
                    "No %(role)s has been assigned to this placement yet; assign one under "
                    "Guides or leave it unticked."
                )
                % {"role": ATTENDEE_ROLES[missing[0]].lower()}
            }
        )
    if STUDENT not in attended:
        raise ValidationError(
            {"attended": _("The student takes part in the interview: tick the student.")}
        )
    if not set(attended) & {"schoolopleider", "werkplekbegeleider"}:
        raise ValidationError(
            {
                "attended": _(
                    "Tick who was there for the school: the schoolopleider, the "
                    "werkplekbegeleider or both."
                )
            }
        )
    return {role: names[role] for role in ATTENDEES if role in attended}


@transaction.atomic
def placement_interview_held(
    *, placement: Placement, checklist: list[str], attended: list[str], notes: str, by: Person
) -> Placement:
    """Record the kennismakingsgesprek: the topics ticked as discussed, who attended, notes."""
    unknown = set(checklist) - set(TOPIC_LABELS)
    if unknown:
        raise ValidationError({"topics": _("Choose the topics from the list.")})
    attendance = _attendance(placement, attended)
    interview, _created = IntroductoryInterview.objects.get_or_create(placement=placement)
    interview.held_at = timezone.now()
    interview.checklist = [code for code in TOPIC_LABELS if code in checklist]
    interview.attendance = attendance
    interview.notes = notes.strip()
    interview.save()
    return _move(placement, S.INTERVIEW_HELD, by, topics=len(checklist), attended=list(attendance))


def _holding(qs):
    return qs.filter(status__in=HOLDING_STATUSES)


@transaction.atomic
def placement_confirm(*, placement: Placement, by: Person) -> Placement:
    """Confirm a placement unless that would exceed its place's capacity or the school's total
    cap for the year. Locks both rows first so concurrent confirmations queue up."""
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    placement.refresh_from_db()
    if placement.place_id:
        place = Place.objects.select_for_update().get(pk=placement.place_id)
        taken = _holding(place.placements.exclude(pk=placement.pk)).count()
        if taken >= place.capacity:
            raise CapacityExceeded(
                _("All %(n)s places of %(place)s are already confirmed.")
                % {"n": place.capacity, "place": place}
            )
    capacity = (
        SchoolCapacity.objects.select_for_update()
        .filter(school=placement.school_id, academic_year=placement.academic_year_id)
        .first()
    )
    if capacity and capacity.total_cap is not None:
        taken = _holding(
            Placement.objects.filter(
                school=placement.school_id, academic_year=placement.academic_year_id
            ).exclude(pk=placement.pk)
        ).count()
        if taken >= capacity.total_cap:
            raise CapacityExceeded(
                _("%(school)s takes at most %(n)s students this year; all are confirmed.")
                % {"school": placement.school, "n": capacity.total_cap}
            )
    return _move(placement, S.CONFIRMED, by)


@transaction.atomic
def placement_activate(*, placement: Placement, by: Person) -> Placement:
    """The placement starts: the student's current school and guides follow it."""
    _move(placement, S.ACTIVE, by)
    _sync_student(placement)
    return placement


@transaction.atomic
def placement_complete(*, placement: Placement, by: Person) -> Placement:
    return _move(placement, S.COMPLETED, by)


@transaction.atomic
def placement_cancel(*, placement: Placement, reason: str, by: Person) -> Placement:
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Give a reason for cancelling.")})
    placement.cancel_reason = reason.strip()
    was_active = placement.status == S.ACTIVE
    _move(placement, S.CANCELLED, by, reason=placement.cancel_reason)
    if was_active and placement.student.school_id == placement.school_id:
        Student.objects.filter(pk=placement.student_id).update(
            school=None, werkplekbegeleider=None, schoolopleider=None
        )
    return placement


@transaction.atomic
def placement_assign_guides(
    *,
    placement: Placement,
    by: Person,
    werkplekbegeleider=None,
    schoolopleider=None,
    instituutsopleider=None,
) -> Placement:
    """Assign the mentor (wpb), schoolopleider and institute trainer; the mentor may come later."""
    changes = {}
    for name, person in (
        ("werkplekbegeleider", werkplekbegeleider),
        ("schoolopleider", schoolopleider),
        ("instituutsopleider", instituutsopleider),
    ):
        if getattr(placement, f"{name}_id") != (person.pk if person else None):
            setattr(placement, name, person)
            changes[name] = str(person) if person else None
    if not changes:
        return placement
    placement.full_clean()
    placement.save()
    _log(placement, by, "guides", **changes)
    if placement.status == S.ACTIVE:
        _sync_student(placement)
    return placement


@transaction.atomic
def placement_set_lock(*, placement: Placement, locked: bool, by: Person) -> Placement:
    placement.locked = locked
    placement.save(update_fields=["locked", "updated_at"])
    _log(placement, by, "locked" if locked else "unlocked")
    return placement


def _sync_student(placement: Placement) -> None:
    """Keep the student's 'who guides me now' (read by the access layer) in step."""
    Student.objects.filter(pk=placement.student_id).update(
        school=placement.school_id,
        werkplekbegeleider=placement.werkplekbegeleider_id,
        schoolopleider=placement.schoolopleider_id,
        instituutsopleider=placement.instituutsopleider_id
        or placement.student.instituutsopleider_id,
    )
