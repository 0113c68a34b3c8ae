"""Reads of the programme events for the views: which events a user sees, the year of a list,
sign-up counts and places left."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from partnerships.models import AcademicYear

from ..choices import RegistrationStatus
from ..models import Event, Registration, Session, TimeSlot
from ..permissions import ProgrammeAction


def year_from_label(label: str) -> AcademicYear | None:
    """'2026-2027' → that academic year (made if missing); None when malformed or far off."""
    try:
        start_year = AcademicYear.parse_label(label)
    except ValueError:
        return None
    if not 2000 <= start_year <= 2100:
        return None
    return AcademicYear.objects.get_or_create(start_year=start_year)[0]


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
    """The year's events with their counts (a fixed number of queries whatever the rows)."""
    live = Q(slots__registrations__status=RegistrationStatus.REGISTERED)
    return (
        visible_events(access=access, partnership=partnership)
        .filter(academic_year=year)
        .select_related("host_school")
        .annotate(
            slot_count=Count("slots", distinct=True),
            registered_students=Count("slots__registrations__student", filter=live, distinct=True),
        )
        .order_by("date", "starts_at", "pk")
    )


def sessions_with_counts() -> QuerySet[Session]:
    return (
        Session.objects.annotate(
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
        )
        .prefetch_related("facilitators")
        .order_by("line", "title", "pk")
    )


def event_slots(event: Event) -> list[TimeSlot]:
    """The event's slots, each with ``sessions`` (with ``registered``, ``waiting`` and
    ``places_left``)."""
    slots = list(
        TimeSlot.objects.filter(event=event)
        .prefetch_related(Prefetch("sessions", queryset=sessions_with_counts()))
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
