"""Approvals reach the approvers, and the decision reaches the proposer.

A quota goes to the steering group, a division to the programme manager or the board council:
whoever holds a role that may take the approving action in ``placements.permissions`` (so the
mail and the permission table cannot disagree). Each approver gets one e-mail per submission —
the key holds the moment of submission, so submitting again after a send-back mails again, and a
retried call never mails twice. The decision (approved, or sent back with a note) goes to the
person who submitted it, once per submission. Nobody is mailed about their own action. The
dashboard card for approvers is in ``placements.approvals.dashboard``."""

import datetime

from django.urls import reverse

from partnerships.models import Partnership, Person, RoleAssignment
from partnerships.notifications import notify_once
from placements.permissions import PLACEMENT_ACTION_ROLES, PlacementAction


def role_holders(partnership: Partnership, action: PlacementAction) -> list[Person]:
    """The people whose active role in ``partnership`` allows ``action``."""
    roles = PLACEMENT_ACTION_ROLES[action]
    assignments = RoleAssignment.objects.active().filter(partnership=partnership, role__in=roles)
    return list(Person.objects.filter(pk__in=assignments.values("person")).order_by("pk"))


def submission_stamp(submitted_at: datetime.datetime) -> str:
    return submitted_at.strftime("%Y%m%d%H%M%S%f")


def notify_approvers(
    *,
    kind: str,
    pk: int,
    partnership: Partnership,
    action: PlacementAction,
    submitted_at: datetime.datetime,
    by: Person,
    context: dict,
    also: list[Person] = (),
) -> int:
    """Mail the holders of ``action`` (and ``also``) that ``kind`` ``pk`` waits for approval,
    once per submission and person. Returns how many mails were claimed now."""
    stamp = submission_stamp(submitted_at)
    people = {p.pk: p for p in [*role_holders(partnership, action), *also]}
    sent = 0
    for person in people.values():
        if person.pk == by.pk:
            continue
        sent += notify_once(
            key=f"{kind}-submitted:{pk}:{stamp}:{person.pk}",
            recipient=person,
            template=f"placements/email/{kind}_submitted",
            context={"submitted_by": by, **context},
        )
    return sent


def notify_proposer(
    *,
    kind: str,
    pk: int,
    proposer: Person | None,
    submitted_at: datetime.datetime | None,
    by: Person,
    approved: bool,
    note: str,
    context: dict,
) -> bool:
    """Mail the decision on the submission of ``submitted_at`` to whoever submitted it."""
    if proposer is None or proposer.pk == by.pk or not proposer.is_active:
        return False
    stamp = submission_stamp(submitted_at) if submitted_at else "unknown"
    return notify_once(
        key=f"{kind}-decided:{pk}:{stamp}:{proposer.pk}",
        recipient=proposer,
        template=f"placements/email/{kind}_decided",
        context={"decided_by": by, "approved": approved, "note": note, **context},
    )


def year_path(name: str, partnership: Partnership, year) -> str:
    return reverse(f"placements:{name}", args=[partnership.slug, year.label])
