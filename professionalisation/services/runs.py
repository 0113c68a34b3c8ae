"""Activities, their runs and meetings, enrolment (oneself or by an organiser or
schoolcoördinator), attendance and completion.

Enrolling in a run of an activity that gives a qualification records a RUNNING qualification
for the person (compliance counts a running training as OK for a wpb); cancelling the enrolment
removes the running qualification it created; completion turns it into a COMPLETED one with the
completion date. The enrolment's ``qualification`` link only ever points at a qualification the
enrolment created or completed, so cancelling never removes one the person had before."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.audit import record
from partnerships.glossary import QualificationStatus, Role
from partnerships.models import AcademicYear, Partnership, Person, Qualification

from ..choices import EnrolmentStatus, RunStatus
from ..models import Activity, Enrolment, Meeting, MeetingAttendance, Run
from ..selectors.runs import ACTIVE, OPEN_RUN, is_for_roles, roles_of, staff

ACTIVITY_FIELDS = (
    "name",
    "kind",
    "formality",
    "target_roles",
    "provider",
    "hours",
    "description",
    "qualification_kind",
    "is_active",
)
RUN_FIELDS = (
    "title",
    "starts_on",
    "ends_on",
    "location",
    "capacity",
    "status",
    "self_enrolment",
    "cost_cents",
)


# --- activities ------------------------------------------------------------------------------
def _check_activity(activity: Activity) -> None:
    unknown = set(activity.target_roles) - set(Role.values)
    if unknown:
        raise ValidationError({"target_roles": _("Choose roles from the list.")})
    activity.full_clean()


@transaction.atomic
def activity_create(*, partnership: Partnership, by: Person, **fields) -> Activity:
    activity = Activity(
        partnership=partnership, **{k: fields[k] for k in fields if k in ACTIVITY_FIELDS}
    )
    _check_activity(activity)
    activity.save()
    record(person=by, action="create", obj=activity, partnership=partnership)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by: Person, **fields) -> Activity:
    for name, value in fields.items():
        if name in ACTIVITY_FIELDS:
            setattr(activity, name, value)
    _check_activity(activity)
    activity.save()
    record(person=by, action="update", obj=activity, partnership=activity.partnership)
    return activity


# --- runs ------------------------------------------------------------------------------------
def _check_trainers(partnership: Partnership, trainers) -> None:
    allowed = set(staff(partnership=partnership).values_list("pk", flat=True))
    if any(t.pk not in allowed for t in trainers):
        raise ValidationError({"trainers": _("Trainers must hold a role in this partnership.")})


def _save_run(run: Run, trainers) -> Run:
    if run.starts_on:
        run.academic_year = AcademicYear.objects.get_or_create(
            start_year=AcademicYear.start_year_for(run.starts_on)
        )[0]
    if run.starts_on and run.ends_on and run.ends_on < run.starts_on:
        raise ValidationError({"ends_on": _("A run cannot end before it starts.")})
    run.full_clean()
    if trainers is not None:
        _check_trainers(run.activity.partnership, trainers)
    run.save()
    if trainers is not None:
        run.trainers.set(trainers)
    return run


@transaction.atomic
def run_create(*, activity: Activity, by: Person, trainers=(), **fields) -> Run:
    run = Run(activity=activity, **{k: v for k, v in fields.items() if k in RUN_FIELDS})
    _save_run(run, list(trainers))
    record(person=by, action="create", obj=run, partnership=activity.partnership)
    return run


@transaction.atomic
def run_update(*, run: Run, by: Person, trainers=None, **fields) -> Run:
    run = (
        Run.objects.select_for_update(of=("self",))
        .select_related("activity__partnership")
        .get(pk=run.pk)
    )
    for name, value in fields.items():
        if name in RUN_FIELDS:
            setattr(run, name, value)
    active = run.enrolments.filter(status__in=ACTIVE).count()
    if run.status != RunStatus.CANCELLED and run.capacity is not None and run.capacity < active:
        raise ValidationError(
            {
                "capacity": _("%(n)s people are enrolled; the capacity cannot be lower.")
                % {"n": active}
            }
        )
    _save_run(run, None if trainers is None else list(trainers))
    if run.status == RunStatus.CANCELLED:
        for enrolment in run.enrolments.filter(status=EnrolmentStatus.ENROLLED):
            enrolment_cancel(enrolment=enrolment, by=by)
    record(person=by, action="update", obj=run, partnership=run.activity.partnership)
    return run


@transaction.atomic
def meeting_create(
    *,
    run: Run,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    topic: str = "",
    by: Person,
) -> Meeting:
    errors = {}
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("A meeting ends after it starts.")
    if date and not run.starts_on <= date <= run.ends_on:
        errors["date"] = _("The meeting falls outside the run (%(start)s – %(end)s).") % {
            "start": run.starts_on,
            "end": run.ends_on,
        }
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(run=run, date=date, starts_at=starts_at, ends_at=ends_at, topic=topic)
    meeting.full_clean()
    meeting.save()
    record(person=by, action="create", obj=meeting, partnership=run.activity.partnership)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: Person) -> None:
    partnership = meeting.run.activity.partnership
    record(person=by, action="delete", obj=meeting, partnership=partnership, date=str(meeting.date))
    meeting.delete()


# --- enrolment -------------------------------------------------------------------------------
def _running_qualification(enrolment: Enrolment) -> None:
    """Record the RUNNING qualification for a fresh enrolment, unless the person already has a
    running (or completed) one of that kind."""
    kind = enrolment.run.activity.qualification_kind
    if not kind or enrolment.qualification_id:
        return
    held = Qualification.objects.filter(
        person=enrolment.person,
        kind=kind,
        status__in=[QualificationStatus.RUNNING, QualificationStatus.COMPLETED],
    )
    if held.exists():
        return
    qualification = Qualification(
        person=enrolment.person, kind=kind, status=QualificationStatus.RUNNING
    )
    qualification.full_clean()
    qualification.save()
    enrolment.qualification = qualification


def _enrol(*, run: Run, person: Person, by: Person) -> Enrolment:
    run = (
        Run.objects.select_for_update(of=("self",))
        .select_related("activity__partnership")
        .get(pk=run.pk)
    )
    partnership = run.activity.partnership
    if run.status not in OPEN_RUN:
        raise ValidationError(_("This run is not open for enrolment."))
    if not roles_of(person=person, partnership=partnership):
        raise ValidationError(
            {"person": _("Only people with a role in the partnership can enrol.")}
        )
    enrolment = Enrolment.objects.filter(run=run, person=person).first()
    if enrolment and enrolment.status in ACTIVE:
        raise ValidationError({"person": _("%(person)s is already enrolled.") % {"person": person}})
    if run.enrolments.filter(status__in=ACTIVE).count() >= run.capacity:
        raise ValidationError(_("This run is full."))
    if enrolment is None:
        enrolment = Enrolment(run=run, person=person)
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.enrolled_by = by
    enrolment.completed_on = None
    enrolment.run = run
    _running_qualification(enrolment)
    enrolment.full_clean(validate_unique=False)
    enrolment.save()
    record(person=by, action="enrol", obj=enrolment, partnership=partnership, person_id=person.pk)
    return enrolment


@transaction.atomic
def run_enrol(*, run: Run, person: Person) -> Enrolment:
    """Enrol oneself: the run allows it and the person holds one of the activity's roles (any
    staff if the activity names none)."""
    if not run.self_enrolment:
        raise ValidationError(_("Enrolment in this run goes through the organisers."))
    roles = roles_of(person=person, partnership=run.activity.partnership)
    if not is_for_roles(run.activity, roles):
        raise ValidationError(_("This activity is meant for other roles."))
    return _enrol(run=run, person=person, by=person)


@transaction.atomic
def run_enrol_person(*, run: Run, person: Person, by: Person) -> Enrolment:
    """Enrol someone else; the view offers only the people ``by`` may enrol."""
    return _enrol(run=run, person=person, by=by)


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by: Person) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("run__activity__partnership", "qualification")
        .get(pk=enrolment.pk)
    )
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ValidationError(_("Only a current enrolment can be cancelled."))
    qualification = enrolment.qualification
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.qualification = None
    enrolment.save()
    if qualification and qualification.status == QualificationStatus.RUNNING:
        qualification.delete()
    record(
        person=by,
        action="cancel",
        obj=enrolment,
        partnership=enrolment.run.activity.partnership,
        person_id=enrolment.person_id,
    )
    return enrolment


# --- attendance and completion ---------------------------------------------------------------
@transaction.atomic
def meeting_attendance_save(*, meeting: Meeting, present: set[int], by: Person) -> int:
    """Mark every current participant of the run present (their enrolment id in ``present``) or
    absent. Returns how many were present."""
    enrolments = list(meeting.run.enrolments.filter(status__in=ACTIVE))
    existing = {a.enrolment_id: a for a in meeting.attendance.select_for_update(of=("self",))}
    for enrolment in enrolments:
        is_present = enrolment.pk in present
        row = existing.get(enrolment.pk)
        if row is None:
            MeetingAttendance.objects.create(
                meeting=meeting, enrolment=enrolment, present=is_present
            )
        elif row.present != is_present:
            row.present = is_present
            row.save(update_fields=["present"])
    count = sum(1 for e in enrolments if e.pk in present)
    record(
        person=by,
        action="attendance",
        obj=meeting,
        partnership=meeting.run.activity.partnership,
        present=count,
        total=len(enrolments),
    )
    return count


def _complete_qualification(enrolment: Enrolment, on: datetime.date) -> None:
    kind = enrolment.run.activity.qualification_kind
    if not kind:
        return
    qualification = enrolment.qualification
    if qualification is None:
        qualification = (
            Qualification.objects.select_for_update(of=("self",))
            .filter(
                person=enrolment.person,
                kind=kind,
                status__in=[QualificationStatus.PLANNED, QualificationStatus.RUNNING],
            )
            .order_by("pk")
            .first()
        ) or Qualification(person=enrolment.person, kind=kind)
    qualification.status = QualificationStatus.COMPLETED
    qualification.obtained_on = on
    qualification.full_clean()
    qualification.save()
    enrolment.qualification = qualification


@transaction.atomic
def run_complete(*, run: Run, completed: dict[int, bool], on: datetime.date, by: Person) -> dict:
    """Decide per enrolment: completed (with the qualification of the activity, obtained ``on``)
    or not completed. Deciding the same again changes nothing; a completed enrolment stays
    completed. The run is completed once every participant is decided."""
    run = (
        Run.objects.select_for_update(of=("self",))
        .select_related("activity__partnership")
        .get(pk=run.pk)
    )
    if run.status == RunStatus.CANCELLED:
        raise ValidationError(_("A cancelled run cannot be completed."))
    if on < run.starts_on:
        raise ValidationError({"on": _("The completion date lies before the run starts.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("The completion date cannot lie in the future.")})
    enrolments = {
        e.pk: e
        for e in run.enrolments.select_for_update(of=("self",))
        .filter(status__in=ACTIVE)
        .select_related("person", "qualification")
    }
    unknown = set(completed) - set(enrolments)
    if unknown:
        raise ValidationError(_("Some of these people are not enrolled in this run."))
    changed = {"completed": 0, "not_completed": 0}
    for pk, done in completed.items():
        enrolment = enrolments[pk]
        enrolment.run = run
        if enrolment.status == EnrolmentStatus.COMPLETED:
            if not done:
                raise ValidationError(
                    _("%(person)s has completed this run already.") % {"person": enrolment.person}
                )
            continue
        if done:
            _complete_qualification(enrolment, on)
            enrolment.status = EnrolmentStatus.COMPLETED
            enrolment.completed_on = on
            changed["completed"] += 1
        else:
            if enrolment.status == EnrolmentStatus.NOT_COMPLETED:
                continue
            running = enrolment.qualification
            enrolment.qualification = None
            enrolment.status = EnrolmentStatus.NOT_COMPLETED
            enrolment.completed_on = None
            enrolment.save()
            if running and running.status == QualificationStatus.RUNNING:
                running.delete()
            changed["not_completed"] += 1
            continue
        enrolment.save()
    undecided = run.enrolments.filter(status=EnrolmentStatus.ENROLLED).exists()
    if not undecided and run.status != RunStatus.COMPLETED:
        run.status = RunStatus.COMPLETED
        run.completed_at = timezone.now()
        run.save(update_fields=["status", "completed_at"])
    elif undecided and run.status == RunStatus.PLANNED:
        run.status = RunStatus.RUNNING
        run.save(update_fields=["status"])
    record(
        person=by,
        action="complete",
        obj=run,
        partnership=run.activity.partnership,
        on=on.isoformat(),
        **changed,
    )
    return changed
