"""Reads of the programme events for the views: which events a user sees, the year of a list,
sign-up counts and places left."""

from __future__ import annotations

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from partnerships.glossary import HBO_BACHELOR_VARIANTS, WO_VARIANTS
from partnerships.models import AcademicYear, Student
from partnerships.selectors import year_from_label  # noqa: F401 (the base's, shared)

from ..audience import student_in_audience
from ..choices import RegistrationStatus
from ..models import Attendance, Event, Registration, Session, TimeSlot
from ..permissions import ProgrammeAction


def is_organiser(access, partnership) -> bool:
    return access.can(partnership, ProgrammeAction.MANAGE_PROGRAMME)


def visible_events(*, access, partnership) -> QuerySet[Event]:
    """The partnership's events the user may see: all of them for organisers, the published
    ones for everybody else."""
    qs = Event.objects.filter(partnership=partnership)
    if not is_organiser(access, partnership):
        qs = qs.filter(is_published=True)
    return qs


def event_list(*, access, partnership, year: AcademicYear) -> QuerySet[Event]:
    """The year's events (a fixed number of queries whatever the rows); for organisers, who see
    the sign-up column, with ``slot_count`` and ``registered_students`` (each a subquery, so the
    list and its count do not join every registration)."""
    events = (
        visible_events(access=access, partnership=partnership)
        .filter(academic_year=year)
        .select_related("host_school")
        .order_by("date", "starts_at", "pk")
    )
    if not is_organiser(access, partnership):
        return events
    slots = TimeSlot.objects.filter(event=OuterRef("pk")).order_by().values("event")
    students = (
        Registration.objects.filter(
            slot__event=OuterRef("pk"), status=RegistrationStatus.REGISTERED
        )
        .order_by()
        .values("slot__event")
        .annotate(n=Count("student", distinct=True))
        .values("n")
    )
    return events.annotate(
        slot_count=Coalesce(
            Subquery(slots.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
        ),
        registered_students=Coalesce(Subquery(students, output_field=IntegerField()), 0),
    )


def sessions_with_counts(*, facilitators: bool = True) -> QuerySet[Session]:
    """Sessions with their ``registered`` and ``waiting`` counts; ``facilitators`` prefetched
    unless the page does not show them (the student's sign-up page)."""
    sessions = Session.objects.annotate(
        registered=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.REGISTERED),
            distinct=True,
        ),
        waiting=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
            distinct=True,
        ),
    ).order_by("line", "title", "pk")
    return sessions.prefetch_related("facilitators") if facilitators else sessions


def event_slots(event: Event, *, facilitators: bool = True) -> list[TimeSlot]:
    """The event's slots, each with ``sessions`` (with ``registered``, ``waiting`` and
    ``places_left``, and their facilitators unless ``facilitators`` is false)."""
    sessions = sessions_with_counts(facilitators=facilitators)
    slots = list(
        TimeSlot.objects.filter(event=event)
        .prefetch_related(Prefetch("sessions", queryset=sessions))
        .order_by("starts_at", "pk")
    )
    for slot in slots:
        for session in slot.sessions.all():
            session.places_left = max(session.capacity - session.registered, 0)
    return slots


def student_choices(*, event: Event, student) -> dict[int, Registration]:
    """The student's live registration per slot of the event: {slot id: registration}."""
    regs = Registration.objects.filter(slot__event=event, student=student).exclude(
        status=RegistrationStatus.CANCELLED
    )
    return {reg.slot_id: reg for reg in regs.select_related("session")}


def has_chosen_everything(*, event: Event, student) -> bool:
    open_slots = TimeSlot.objects.filter(event=event, choice_required=True).exclude(
        Exists(
            Registration.objects.filter(slot=OuterRef("pk"), student=student).exclude(
                status=RegistrationStatus.CANCELLED
            )
        )
    )
    return not open_slots.exists()


# --- audience --------------------------------------------------------------------------------
def audience_condition(event: Event) -> Q:
    """The students (as a Q on Student) an event is meant for; see ``audience.py``."""
    condition = Q(pk__in=[])
    if event.audience_hbo_years:
        condition |= Q(
            programme_variant__in=HBO_BACHELOR_VARIANTS, hbo_year__in=event.audience_hbo_years
        )
    if event.audience_wo:
        condition |= Q(programme_variant__in=WO_VARIANTS)
    return condition


def audience_students(event: Event) -> QuerySet[Student]:
    return Student.objects.filter(
        audience_condition(event), partnership=event.partnership_id, is_active=True
    )


def student_record(*, user, partnership) -> Student | None:
    """The user's own active student record in the partnership (the STUDENT pseudo-role)."""
    if not user.is_authenticated:
        return None
    return (
        Student.objects.filter(person=user, partnership=partnership, is_active=True)
        .order_by("pk")
        .first()
    )


# --- attendance ------------------------------------------------------------------------------
def facilitated_sessions(*, event: Event, person) -> QuerySet[Session]:
    return Session.objects.filter(slot__event=event, facilitators=person)


def attendance_rows(*, event: Event, sessions=None) -> list[dict]:
    """The students to take attendance of, each with their session(s) and recorded attendance.

    ``sessions`` given (a facilitator): the students registered in those sessions. Otherwise (an
    organiser): the event's audience plus anyone registered, whatever their year."""
    registered = Registration.objects.filter(
        slot__event=event, status=RegistrationStatus.REGISTERED
    )
    if sessions is not None:
        registered = registered.filter(session__in=sessions)
    by_student: dict[int, list] = {}
    for student_id, session_title in registered.values_list("student_id", "session__title"):
        by_student.setdefault(student_id, []).append(session_title)
    students = Student.objects.filter(pk__in=list(by_student))
    if sessions is None:
        students = Student.objects.filter(
            Q(pk__in=list(by_student)) | (audience_condition(event) & Q(is_active=True)),
            partnership=event.partnership_id,
        )
    students = students.select_related("person", "school").order_by(
        "person__last_name", "person__first_name", "pk"
    )
    recorded = {a.student_id: a for a in Attendance.objects.filter(event=event)}
    return [
        {
            "student": s,
            "sessions": sorted(by_student.get(s.pk, [])),
            "attendance": recorded.get(s.pk),
        }
        for s in students
    ]


def attendance_row(*, event: Event, student: Student) -> dict:
    sessions = Registration.objects.filter(
        slot__event=event, student=student, status=RegistrationStatus.REGISTERED
    ).values_list("session__title", flat=True)
    return {
        "student": student,
        "sessions": sorted(sessions),
        "attendance": Attendance.objects.filter(event=event, student=student).first(),
    }


def mandatory_events_so_far(*, partnership, year: AcademicYear, today) -> list[Event]:
    return list(
        Event.objects.filter(
            partnership=partnership,
            academic_year=year,
            is_published=True,
            mandatory=True,
            date__lte=today,
        ).order_by("date", "starts_at", "pk")
    )


def attendance_overview(*, students: list[Student], events: list[Event]) -> list[dict]:
    """Per student: each mandatory event meant for them and its status (present, excused,
    absent, not recorded), with counts. Three queries whatever the numbers."""
    recorded = {
        (a.student_id, a.event_id): a
        for a in Attendance.objects.filter(
            student__in=[s.pk for s in students], event__in=[e.pk for e in events]
        )
    }
    rows = []
    for student in students:
        cells, counts = [], {"present": 0, "absent_excused": 0, "absent": 0, "none": 0}
        for event in events:
            if not student_in_audience(
                hbo_years=event.audience_hbo_years,
                wo=event.audience_wo,
                programme_variant=student.programme_variant,
                hbo_year=student.hbo_year,
            ):
                cells.append(None)
                continue
            att = recorded.get((student.pk, event.pk))
            key = att.status if att else "none"
            counts[key] += 1
            cells.append({"status": key, "attendance": att})
        rows.append({"student": student, "cells": cells, "counts": counts})
    return rows


def audience_q_for(student: Student) -> Q:
    """The events (as a Q on Event) meant for this student."""
    if student.programme_variant in WO_VARIANTS:
        return Q(audience_wo=True)
    if student.programme_variant in HBO_BACHELOR_VARIANTS and student.hbo_year:
        return Q(audience_hbo_years__contains=[student.hbo_year])
    return Q(pk__in=[])


def choices_by_event(*, student: Student, events) -> dict[int, list[Registration]]:
    regs = (
        Registration.objects.filter(student=student, slot__event__in=[e.pk for e in events])
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session", "slot")
        .order_by("slot__starts_at")
    )
    out: dict[int, list[Registration]] = {}
    for reg in regs:
        out.setdefault(reg.slot.event_id, []).append(reg)
    return out
