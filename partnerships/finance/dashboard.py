"""Dashboard cards of the money: the programme manager's declarations to decide, the
administrative support's approved declarations to pay."""

from django.utils.translation import gettext_lazy as _

from ..dashboard import Card
from ..money import format_cents
from . import selectors
from .permissions import FinanceAction


def _items(declarations):
    return [
        (
            f"{d.number} — {d.declarant.full_name}"
            + (f" ({d.organisation.name})" if d.organisation else "")
            + f" — {format_cents(d.amount_cents)}",
            d.get_absolute_url(),
        )
        for d in declarations[:10]
    ]


def finance_cards(access, partnership) -> list[Card]:
    cards = []
    if access.can(partnership, FinanceAction.DECIDE_DECLARATIONS):
        pending = selectors.to_decide(partnership).order_by("submitted_at", "pk")
        cards.append(
            Card(
                _("Declarations to decide"),
                _items(pending),
                _("No declarations are waiting for your decision."),
                count=pending.count(),
            )
        )
    if access.can(partnership, FinanceAction.PAY_DECLARATIONS):
        approved = selectors.to_pay(partnership).order_by("decided_at", "pk")
        cards.append(
            Card(
                _("Approved declarations to pay"),
                _items(approved),
                _("No approved declarations are waiting for payment."),
                level="info",
                count=approved.count(),
            )
        )
    return cards
