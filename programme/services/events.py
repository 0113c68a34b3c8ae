"""Writes of the programme events, their time slots and sessions (organisers only; the views
check MANAGE_PROGRAMME)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships import audit
from partnerships.glossary import OrganisationKind
from partnerships.models import Person, RoleAssignment

from ..models import Event, Session, TimeSlot
from . import registrations

EVENT_FIELDS = (
    "academic_year",
    "kind",
    "title",
    "date",
    "starts_at",
    "ends_at",
    "host_school",
    "location",
    "online_url",
    "description",
    "audience_hbo_years",
    "audience_wo",
    "audience_roles",
    "mandatory",
    "signup_opens_on",
    "signup_closes_on",
    "cost_cents",
)
SLOT_FIELDS = ("title", "starts_at", "ends_at", "choice_required")
SESSION_FIELDS = ("title", "line", "theme", "kind", "description", "room", "capacity")


def _check_event(event: Event) -> None:
    errors = {}
    year = event.academic_year
    if event.date and year and not year.start_date <= event.date <= year.end_date:
        errors["date"] = _("The date lies outside the academic year %(year)s.") % {
            "year": year.label
        }
    if event.host_school_id and (
        event.host_school.partnership_id != event.partnership_id
        or event.host_school.kind != OrganisationKind.SCHOOL
    ):
        errors["host_school"] = _("Choose a school of this partnership.")
    opens, closes = event.signup_opens_on, event.signup_closes_on
    if opens and closes and closes < opens:
        errors["signup_closes_on"] = _("Sign-up cannot close before it opens.")
    elif closes and event.date and closes >= event.date:
        errors["signup_closes_on"] = _("Sign-up closes before the day of the event.")
    if opens and event.date and opens >= event.date:
        errors["signup_opens_on"] = _("Sign-up opens before the day of the event.")
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("The event ends after it starts.")
    if errors:
        raise ValidationError(errors)


def _save_event(event: Event) -> Event:
    event.audience_hbo_years = sorted({int(y) for y in event.audience_hbo_years or []})
    event.audience_roles = sorted(set(event.audience_roles or []))
    event.full_clean()
    _check_event(event)
    event.save()
    return event


@transaction.atomic
def event_create(*, partnership, by: Person, **fields) -> Event:
    event = Event(partnership=partnership, **{k: fields[k] for k in EVENT_FIELDS if k in fields})
    _save_event(event)
    audit.record(person=by, action="event_create", obj=event, partnership=partnership)
    return event


@transaction.atomic
def event_update(*, event: Event, by: Person, **fields) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    for name in EVENT_FIELDS:
        if name in fields:
            setattr(event, name, fields[name])
    _save_event(event)
    for slot in event.slots.all():
        _check_slot_times(slot, event)
    audit.record(person=by, action="event_update", obj=event, partnership=event.partnership)
    return event


@transaction.atomic
def event_publish(*, event: Event, by: Person, publish: bool = True) -> Event:
    Event.objects.filter(pk=event.pk).update(is_published=publish)
    event.is_published = publish
    audit.record(
        person=by,
        action="event_publish" if publish else "event_unpublish",
        obj=event,
        partnership=event.partnership,
    )
    return event


# --- slots -----------------------------------------------------------------------------------
def _check_slot_times(slot: TimeSlot, event: Event) -> None:
    if slot.starts_at < event.starts_at or slot.ends_at > event.ends_at:
        raise ValidationError(
            {
                "starts_at": _("A slot lies within the event's times (%(start)s–%(end)s).")
                % {"start": f"{event.starts_at:%H:%M}", "end": f"{event.ends_at:%H:%M}"}
            }
        )


def _save_slot(slot: TimeSlot) -> TimeSlot:
    slot.full_clean()
    if slot.ends_at <= slot.starts_at:
        raise ValidationError({"ends_at": _("The slot ends after it starts.")})
    _check_slot_times(slot, slot.event)
    slot.save()
    return slot


@transaction.atomic
def slot_create(*, event: Event, by: Person, **fields) -> TimeSlot:
    slot = _save_slot(TimeSlot(event=event, **{k: fields[k] for k in SLOT_FIELDS if k in fields}))
    audit.record(person=by, action="slot_create", obj=slot, partnership=event.partnership)
    return slot


@transaction.atomic
def slot_update(*, slot: TimeSlot, by: Person, **fields) -> TimeSlot:
    for name in SLOT_FIELDS:
        if name in fields:
            setattr(slot, name, fields[name])
    _save_slot(slot)
    audit.record(person=by, action="slot_update", obj=slot, partnership=slot.event.partnership)
    return slot


@transaction.atomic
def slot_delete(*, slot: TimeSlot, by: Person) -> None:
    audit.record(
        person=by,
        action="slot_delete",
        obj=slot,
        partnership=slot.event.partnership,
        title=str(slot),
    )
    slot.delete()


# --- sessions --------------------------------------------------------------------------------
def eligible_facilitators(partnership):
    """People with a role in the partnership today (co-docenten, trainers, …)."""
    holders = RoleAssignment.objects.active().filter(partnership=partnership).values("person")
    return Person.objects.filter(pk__in=holders).order_by("last_name", "first_name", "pk")


def _check_facilitators(partnership, facilitators) -> list[Person]:
    facilitators = list(facilitators or [])
    allowed = set(
        eligible_facilitators(partnership)
        .filter(pk__in=[p.pk for p in facilitators])
        .values_list("pk", flat=True)
    )
    if any(p.pk not in allowed for p in facilitators):
        raise ValidationError({"facilitators": _("Choose people with a role in this partnership.")})
    return facilitators


@transaction.atomic
def session_create(*, slot: TimeSlot, by: Person, facilitators=(), **fields) -> Session:
    partnership = slot.event.partnership
    people = _check_facilitators(partnership, facilitators)
    session = Session(slot=slot, **{k: fields[k] for k in SESSION_FIELDS if k in fields})
    session.full_clean()
    session.save()
    session.facilitators.set(people)
    audit.record(person=by, action="session_create", obj=session, partnership=partnership)
    return session


@transaction.atomic
def session_update(*, session: Session, by: Person, facilitators=None, **fields) -> Session:
    partnership = session.slot.event.partnership
    session = Session.objects.select_for_update().select_related("slot__event").get(pk=session.pk)
    for name in SESSION_FIELDS:
        if name in fields:
            setattr(session, name, fields[name])
    session.full_clean()
    session.save()
    if facilitators is not None:
        session.facilitators.set(_check_facilitators(partnership, facilitators))
    # a larger room lets people from the waiting list in
    registrations.promote_waiting(session=session)
    audit.record(person=by, action="session_update", obj=session, partnership=partnership)
    return session


@transaction.atomic
def session_delete(*, session: Session, by: Person) -> None:
    audit.record(
        person=by,
        action="session_delete",
        obj=session,
        partnership=session.slot.event.partnership,
        title=session.title,
    )
    session.delete()
