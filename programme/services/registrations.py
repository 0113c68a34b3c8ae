"""Students choosing sessions: capacity, the waiting list and moving up.

Capacity counts REGISTERED rows. Every change locks the session rows involved
(``select_for_update``, in id order so two students swapping sessions cannot deadlock), so
concurrent sign-ups never overfill a session: the (capacity + 1)-th student waits in line with
the next position. A freed place goes to the first in line (lowest position), who is mailed."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships import audit
from partnerships.models import Person, Student
from partnerships.notifications import notify_once

from ..audience import student_in_audience
from ..choices import RegistrationStatus as RS
from ..models import Event, Registration, Session

LIVE = (RS.REGISTERED, RS.WAITLISTED)


def signup_is_open(event: Event, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    if not event.is_published or today >= event.date:
        return False
    if event.signup_opens_on and today < event.signup_opens_on:
        return False
    return not (event.signup_closes_on and today > event.signup_closes_on)


def student_may_attend(event: Event, student: Student) -> bool:
    return student.partnership_id == event.partnership_id and student_in_audience(
        hbo_years=event.audience_hbo_years,
        wo=event.audience_wo,
        programme_variant=student.programme_variant,
        hbo_year=student.hbo_year,
    )


def _check_signup(event: Event, student: Student, today: datetime.date) -> None:
    if not student_may_attend(event, student) or not student.is_active:
        raise ValidationError(_("This event is not meant for you."))
    if not signup_is_open(event, today):
        raise ValidationError(_("Sign-up for this event is closed."))


def _lock(*session_ids: int) -> dict[int, Session]:
    ids = sorted(set(session_ids))
    return {s.pk: s for s in Session.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def promote_waiting(*, session: Session) -> list[Registration]:
    """Fill free places of a (locked) session from its waiting list, first in line first, and
    mail each promoted student. Call inside a transaction holding the session's lock."""
    free = session.capacity - session.registrations.filter(status=RS.REGISTERED).count()
    promoted: list[Registration] = []
    while free > 0:
        first = (
            session.registrations.filter(status=RS.WAITLISTED)
            .order_by("position", "created_at", "pk")
            .select_related("student__person", "session__slot__event__partnership")
            .first()
        )
        if first is None:
            break
        gone = first.position
        first.status, first.position = RS.REGISTERED, None
        first.save(update_fields=["status", "position", "updated_at"])
        _close_gap(session, gone)
        promoted.append(first)
        free -= 1
        event = first.session.slot.event
        notify_once(
            key=f"programme:promoted:{first.pk}",
            recipient=first.student.person,
            template="programme/email/event_promoted",
            context={"registration": first, "session": first.session, "event": event},
        )
    return promoted


def _close_gap(session: Session, position: int | None) -> None:
    """Everyone behind ``position`` in the session's line moves one place up."""
    if position is None:
        return
    session.registrations.filter(status=RS.WAITLISTED, position__gt=position).update(
        position=F("position") - 1
    )


def _cancel(registration: Registration, session: Session) -> None:
    was_registered = registration.status == RS.REGISTERED
    gone = registration.position
    registration.status, registration.position = RS.CANCELLED, None
    registration.save(update_fields=["status", "position", "updated_at"])
    if was_registered:
        promote_waiting(session=session)
    else:
        _close_gap(session, gone)


@transaction.atomic
def registration_choose(
    *, student: Student, session: Session, today: datetime.date | None = None
) -> Registration:
    """Register ``student`` for ``session`` (or put them on its waiting list when it is full),
    giving up their other live choice in the same slot."""
    today = today or timezone.localdate()
    session = Session.objects.select_related("slot__event__partnership").get(pk=session.pk)
    slot, event = session.slot, session.slot.event
    _check_signup(event, student, today)
    live = Registration.objects.filter(slot=slot, student=student, status__in=LIVE)
    seen = live.first()
    locked = _lock(session.pk, *([seen.session_id] if seen else []))
    session = locked[session.pk]
    current = live.select_for_update().first()
    if current and current.session_id not in locked:
        raise ValidationError(_("Your choice changed meanwhile; please try again."))
    if current and current.session_id == session.pk:
        return current
    if current:
        _cancel(current, locked[current.session_id])
    taken = session.registrations.filter(status=RS.REGISTERED).count()
    registration = Registration(session=session, slot=slot, student=student)
    if taken >= session.capacity:
        last = session.registrations.filter(status=RS.WAITLISTED).aggregate(m=Max("position"))
        registration.status = RS.WAITLISTED
        registration.position = (last["m"] or 0) + 1
    registration.full_clean()
    registration.save()
    audit.record(
        person=student.person,
        action="registration_choose",
        obj=registration,
        partnership=event.partnership,
        status=registration.status,
    )
    return registration


@transaction.atomic
def registration_cancel(
    *, registration: Registration, by: Person | None = None, today: datetime.date | None = None
) -> Registration:
    """Give up a choice; the first on the session's waiting list moves up."""
    today = today or timezone.localdate()
    registration = Registration.objects.select_related("session__slot__event", "student").get(
        pk=registration.pk
    )
    event = registration.session.slot.event
    if registration.status == RS.CANCELLED:
        return registration
    if today >= event.date:
        raise ValidationError(_("Choices can no longer be changed on or after the event's day."))
    session = _lock(registration.session_id)[registration.session_id]
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RS.CANCELLED:
        return registration
    _cancel(registration, session)
    audit.record(
        person=by or registration.student.person,
        action="registration_cancel",
        obj=registration,
        partnership=event.partnership,
    )
    return registration
