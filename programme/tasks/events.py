"""Reminders before programme events (scheduled daily in ``config/schedule.py``)."""

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from partnerships.models import Person, RoleAssignment
from partnerships.notifications import notify_once

from ..audience import roles_in_audience
from ..choices import RegistrationStatus
from ..models import Event, Registration, TimeSlot
from ..selectors.events import audience_students

NOTICES = {7: "week", 1: "day"}


def _where(event: Event) -> str:
    parts = [event.host_school.name if event.host_school else "", event.location, event.online_url]
    return ", ".join(p for p in parts if p)


def event_reminders_send(*, today: datetime.date) -> int:
    """Mail the audience students (with their sessions, or a nudge to choose) and the
    facilitators of published events 7 days and 1 day ahead; staff roles in the audience get a
    week's notice. One mail per (event, person, kind), however often this runs."""
    kinds = {today + datetime.timedelta(days=d): kind for d, kind in NOTICES.items()}
    events = Event.objects.filter(is_published=True, date__in=list(kinds)).select_related(
        "partnership", "host_school"
    )
    sent = 0
    for event in events:
        kind = kinds[event.date]
        base = {"event": event, "kind": kind, "where": _where(event)}
        choice_slots = set(
            TimeSlot.objects.filter(event=event, choice_required=True).values_list("pk", flat=True)
        )
        regs: dict[int, list] = {}
        for reg in (
            Registration.objects.filter(slot__event=event)
            .exclude(status=RegistrationStatus.CANCELLED)
            .select_related("session", "slot")
            .order_by("slot__starts_at")
        ):
            regs.setdefault(reg.student_id, []).append(reg)
        students = audience_students(event).select_related("person")
        for student in students:
            mine = regs.get(student.pk, [])
            lines = [
                f"{r.slot.starts_at:%H:%M} {r.session.title}"
                + (f" ({r.get_status_display()} {r.position})" if r.position else "")
                for r in mine
            ]
            not_chosen = bool(choice_slots - {r.slot_id for r in mine})
            with transaction.atomic():
                sent += notify_once(
                    key=f"programme:event:{event.pk}:{student.person_id}:{kind}",
                    recipient=student.person,
                    template="programme/email/event_reminder",
                    context=base
                    | {"is_student": True, "sessions": lines, "not_chosen": not_chosen},
                )
        facilitators = Person.objects.filter(
            facilitated_sessions__slot__event=event, is_active=True
        ).distinct()
        sessions_of: dict[int, list[str]] = {}
        for person_id, start, title in event.slots.filter(
            sessions__facilitators__isnull=False
        ).values_list("sessions__facilitators", "starts_at", "sessions__title"):
            sessions_of.setdefault(person_id, []).append(f"{start:%H:%M} {title}")
        staff = set(facilitators)
        if kind == "week" and event.audience_roles:
            holders = RoleAssignment.objects.active(today).filter(partnership=event.partnership)
            roles_of: dict[int, set[str]] = {}
            for person_id, role in holders.values_list("person", "role"):
                roles_of.setdefault(person_id, set()).add(role)
            invited = [
                pk
                for pk, roles in roles_of.items()
                if roles_in_audience(audience_roles=event.audience_roles, roles=roles)
            ]
            staff.update(Person.objects.filter(pk__in=invited))
        for person in sorted(staff, key=lambda p: p.pk):
            with transaction.atomic():
                sent += notify_once(
                    key=f"programme:event:{event.pk}:{person.pk}:{kind}",
                    recipient=person,
                    template="programme/email/event_reminder",
                    context=base
                    | {
                        "is_student": False,
                        "sessions": sorted(sessions_of.get(person.pk, [])),
                        "not_chosen": False,
                    },
                )
    return sent


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def send_event_reminders(on: str | None = None) -> int:
    """Reminders a week and a day before published events. Idempotent: a key per event,
    person and kind. ``on`` (an ISO date) catches up on a missed day."""
    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return event_reminders_send(today=today)
