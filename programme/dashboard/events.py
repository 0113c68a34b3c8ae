"""Dashboard cards of the programme events: a student's next events and open choices, a
facilitator's next sessions (with the attendance list), the organisers' next events with their
sign-up counts."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.dashboard import Card
from programme.choices import RegistrationStatus
from programme.models import Event, Session
from programme.permissions import ProgrammeAction
from programme.selectors import events as selectors
from programme.services.registrations import signup_is_open

HORIZON = 60  # days ahead shown on the dashboard


def _url(partnership, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership": partnership.slug, **kwargs})


def _label(event) -> str:
    return f"{event.date:%d-%m} {event.title}"


def student_cards(access, partnership, today) -> list[Card]:
    student = selectors.student_record(user=access.user, partnership=partnership)
    if student is None:
        return []
    coming = list(
        Event.objects.filter(
            selectors.audience_q_for(student),
            partnership=partnership,
            is_published=True,
            date__gte=today,
            date__lte=today + datetime.timedelta(days=HORIZON),
        ).order_by("date", "starts_at")[:5]
    )
    to_choose = [
        e
        for e in coming
        if signup_is_open(e, today)
        and not selectors.has_chosen_everything(event=e, student=student)
    ]
    cards = [
        Card(
            _("Your next programme events"),
            [(_label(e), e.get_absolute_url()) for e in coming],
            _("No events in the coming weeks."),
            level="info",
        )
    ]
    if to_choose:
        cards.insert(
            0,
            Card(
                _("Choose your sessions"),
                [(_label(e), _url(partnership, "signup", pk=e.pk)) for e in to_choose],
                level="warning",
                count=len(to_choose),
            ),
        )
    return cards


def facilitator_cards(access, partnership, today) -> list[Card]:
    sessions = list(
        Session.objects.filter(
            facilitators=access.user,
            slot__event__partnership=partnership,
            slot__event__is_published=True,
            slot__event__date__gte=today,
            slot__event__date__lte=today + datetime.timedelta(days=HORIZON),
        )
        .select_related("slot__event")
        .annotate(
            registered=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            )
        )
        .order_by("slot__event__date", "slot__starts_at")[:8]
    )
    if not sessions:
        return []
    items = [
        (
            f"{_label(s.slot.event)}, {s.slot.starts_at:%H:%M} {s.title} ({s.registered})",
            _url(partnership, "attendance", pk=s.slot.event_id) + f"?session={s.pk}",
        )
        for s in sessions
    ]
    return [Card(_("Your next sessions"), items, level="info")]


def organiser_cards(access, partnership, today) -> list[Card]:
    events = (
        Event.objects.filter(
            partnership=partnership,
            date__gte=today,
            date__lte=today + datetime.timedelta(days=HORIZON),
        )
        .annotate(
            signed_up=Count(
                "slots__registrations__student",
                filter=Q(slots__registrations__status=RegistrationStatus.REGISTERED),
                distinct=True,
            ),
            slot_count=Count("slots", distinct=True),
        )
        .order_by("date", "starts_at")[:6]
    )
    items = []
    for e in events:
        label = _label(e)
        if not e.is_published:
            label += f" — {_('draft')}"
        elif e.slot_count:
            label += " — " + str(_("%(n)s signed up") % {"n": e.signed_up})
        items.append((label, e.get_absolute_url()))
    return [Card(_("Next programme events"), items, _("No events planned."), level="info")]


def cards(access, partnership) -> list[Card]:
    today = access.today
    result = []
    if access.can(partnership, ProgrammeAction.MANAGE_PROGRAMME):
        result += organiser_cards(access, partnership, today)
    if access.can(partnership, ProgrammeAction.TAKE_ATTENDANCE):
        result += facilitator_cards(access, partnership, today)
    if access.can(partnership, ProgrammeAction.SIGN_UP):
        result += student_cards(access, partnership, today)
    return result
