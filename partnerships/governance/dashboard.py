"""Dashboard cards: a member's upcoming meetings with their agenda, an owner's open actions, and
for the secretaries how often each body met this year against its norm."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..dashboard import Card
from .permissions import GovernanceAction
from .selectors import bodies_with_norms, open_actions_for, upcoming_meetings_for


def governance_cards(access, partnership) -> list:
    cards = []
    meetings = list(upcoming_meetings_for(access.user, partnership))
    if meetings:
        items = []
        for meeting in meetings:
            when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
            agenda = "; ".join(item.title for item in meeting.items.all())
            items.append((f"{meeting.body.name} — {when}: {agenda}", meeting.get_absolute_url()))
        cards.append(Card(_("Your upcoming meetings"), items, level="info"))
    actions = list(open_actions_for(access.user, partnership))
    if actions:
        today = timezone.localdate()
        cards.append(
            Card(
                _("Your open actions"),
                [
                    (
                        _("%(text)s — due %(date)s%(late)s")
                        % {
                            "text": a.text,
                            "date": date_format(a.due_date),
                            "late": _(" (overdue)") if a.due_date < today else "",
                        },
                        a.meeting.get_absolute_url(),
                    )
                    for a in actions
                ],
                level="warning" if any(a.due_date < today for a in actions) else "info",
            )
        )
    if access.can(partnership, GovernanceAction.MANAGE_GOVERNANCE):
        year = timezone.localdate().year
        rows = [
            (
                _("The %(body)s met %(held)s of %(norm)s times in %(year)s")
                % {"body": body.name, "held": norm.held, "norm": norm.norm, "year": year},
                body.get_absolute_url(),
            )
            for body, norm in bodies_with_norms(partnership)
            if norm.norm
        ]
        if rows:
            cards.append(Card(_("Meetings against the norm"), rows, level="info"))
    return cards
