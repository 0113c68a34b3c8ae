"""Who may open a placement's guidance log; the one place for this rule.

Only the people who share the guidance: the student and the placement's three guides
(werkplekbegeleider, schoolopleider, instituutsopleider). Nobody else — not the managers, not
the school's coordinator, not another school's staff or another student — opens a log or an
entry: they get 404, as for a forged id (the transfer forms' pattern,
``placements.transfer.access``). The schoolcoördinator and the quality cycle read numbers only
(``placements.guidance.selectors``).

A log exists for a placement that is confirmed, active or completed (guidance starts when the
placement is agreed). Who may write: the three guides record any kind; the student records a
pair observation (what their pair partner observed; the pairs themselves live in the programme
app, which placements may not import) and adds a reflection to any entry.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from partnerships.glossary import Role
from partnerships.models import Partnership, Person
from placements.choices import PlacementStatus
from placements.models import GuidanceEntry, GuidanceKind, Placement

S = PlacementStatus
GUIDED = (S.CONFIRMED, S.ACTIVE, S.COMPLETED)
GUIDE_FIELDS = {
    Role.WERKPLEKBEGELEIDER: "werkplekbegeleider",
    Role.SCHOOLOPLEIDER: "schoolopleider",
    Role.INSTITUUTSOPLEIDER: "instituutsopleider",
}
STUDENT_KINDS = frozenset({GuidanceKind.PAIR_OBSERVATION})


def _sharing(user: Person, prefix: str = "") -> Q:
    condition = Q(**{f"{prefix}student__person": user})
    for field in GUIDE_FIELDS.values():
        condition |= Q(**{f"{prefix}{field}": user})
    return condition


def guided_placements(*, user: Person, partnership: Partnership) -> QuerySet[Placement]:
    """The placements whose guidance log ``user`` may open."""
    return Placement.objects.filter(
        _sharing(user), student__partnership=partnership, status__in=GUIDED
    )


def entries_visible(*, user: Person, partnership: Partnership) -> QuerySet[GuidanceEntry]:
    return GuidanceEntry.objects.filter(
        _sharing(user, "placement__"),
        placement__student__partnership=partnership,
        placement__status__in=GUIDED,
    )


def guide_roles(placement: Placement, person: Person) -> list[str]:
    """The guide roles ``person`` holds on ``placement`` (wpb first)."""
    return [
        role
        for role, field in GUIDE_FIELDS.items()
        if getattr(placement, f"{field}_id") == person.pk
    ]


def is_student(placement: Placement, person: Person) -> bool:
    return placement.student.person_id == person.pk


def kinds_for(placement: Placement, person: Person) -> list[str]:
    """The kinds ``person`` may record in the placement's log."""
    if guide_roles(placement, person):
        return list(GuidanceKind.values)
    if is_student(placement, person):
        return [k for k in GuidanceKind.values if k in STUDENT_KINDS]
    return []
