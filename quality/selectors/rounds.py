"""Reads for the round pages and the dashboard: plans, rounds with their participation, and
response rates per group, school and institute — counts only, never who responded."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q, QuerySet

from partnerships.models import Partnership

from .. import response_target
from ..choices import RespondentGroup, RoundStatus
from ..models import Invitation, RoundPlan, SurveyRound

RESPONDED = Q(invitations__responded_at__isnull=False)


@dataclass(frozen=True)
class Rate:
    label: str
    invited: int
    responded: int
    target: Fraction  # exact, e.g. 2/3 (quality/response_target.py)

    @property
    def percent(self) -> int | None:
        """Rounded, for display only: the verdict never uses it."""
        return round(100 * self.responded / self.invited) if self.invited else None

    @property
    def meets_target(self) -> bool:
        """Exact: 200 of 300 meets 2/3; 199 of 300 and 333 of 500 (shown as 67%, too) do not."""
        return response_target.meets(self.responded, self.invited, self.target)

    @property
    def target_label(self) -> str:
        return response_target.label(self.target)


def plans(*, partnership: Partnership) -> QuerySet[RoundPlan]:
    return (
        RoundPlan.objects.filter(partnership=partnership)
        .select_related("survey")
        .annotate(round_count=Count("rounds"))
        .order_by("survey__name", "audience")
    )


def rounds(*, partnership: Partnership) -> QuerySet[SurveyRound]:
    return (
        SurveyRound.objects.filter(partnership=partnership)
        .select_related("survey", "academic_year")
        .annotate(invited=Count("invitations"), responded=Count("invitations", filter=RESPONDED))
        .order_by("-opens_on", "title", "pk")
    )


def _rates(counts: dict, labels, target: Fraction) -> list[Rate]:
    out = [
        Rate(labels(value), invited, responded, target)
        for value, (invited, responded) in counts.items()
        if value is not None
    ]
    return sorted(out, key=lambda r: r.label)


def round_rates(*, survey_round: SurveyRound, target: Fraction) -> dict:
    """Invited, responded and percentage overall and per group, school and institute: one
    query counting per combination of the three, summed here per dimension."""
    rows = (
        Invitation.objects.filter(round=survey_round)
        .values("group", "school__name", "institute__name")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False)))
        .order_by()
    )
    dims = ("group", "school__name", "institute__name")
    totals = {dim: defaultdict(lambda: [0, 0]) for dim in dims}
    invited = responded = 0
    for row in rows:
        invited += row["invited"]
        responded += row["responded"]
        for dim, counts in totals.items():
            counts[row[dim]][0] += row["invited"]
            counts[row[dim]][1] += row["responded"]
    groups = dict(RespondentGroup.choices)
    return {
        "overall": Rate("", invited, responded, target),
        "groups": _rates(totals["group"], lambda g: str(groups.get(g, g)), target),
        "schools": _rates(totals["school__name"], str, target),
        "institutes": _rates(totals["institute__name"], str, target),
    }


def open_rounds(*, partnership: Partnership) -> QuerySet[SurveyRound]:
    return rounds(partnership=partnership).filter(status=RoundStatus.OPEN)


def rounds_opening_soon(
    *, partnership: Partnership, today: datetime.date, days: int = 14
) -> QuerySet[SurveyRound]:
    return SurveyRound.objects.filter(
        partnership=partnership,
        status=RoundStatus.SCHEDULED,
        opens_on__gte=today,
        opens_on__lte=today + datetime.timedelta(days=days),
    ).order_by("opens_on", "pk")


def waiting_invitations(*, person, partnership: Partnership) -> QuerySet[Invitation]:
    """The person's unanswered invitations of this partnership's open rounds."""
    return (
        Invitation.objects.filter(
            person=person,
            round__partnership=partnership,
            round__status=RoundStatus.OPEN,
            responded_at__isnull=True,
        )
        .select_related("round")
        .order_by("round__closes_on", "pk")
    )
