"""Reads for the placement year's task list: the year's facts in a fixed number of queries,
however many schools, runs, placements and snapshots the year has."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from partnerships.glossary import OrganisationKind
from partnerships.models import AcademicYear, Organisation, Partnership
from placements.choices import RunStatus
from placements.models import (
    AllocationRun,
    CapacityRequest,
    Division,
    Placement,
    PreferenceWindow,
    ProcedureStep,
    Quota,
    SubsidySnapshot,
)
from placements.year.progress import YearFacts


@dataclass
class YearState:
    """The facts for the rules, and the rows the task list names in its hints."""

    facts: YearFacts
    quota: Quota | None
    division: Division | None
    window: PreferenceWindow | None
    steps: list[ProcedureStep]


def year_state(*, partnership: Partnership, year: AcademicYear) -> YearState:
    quota = (
        Quota.objects.filter(partnership=partnership, academic_year=year)
        .select_related("submitted_by", "created_by")
        .first()
    )
    schools = Organisation.objects.filter(
        partnership=partnership, kind=OrganisationKind.SCHOOL, is_active=True
    ).aggregate(
        total=Count("pk", distinct=True),
        answered=Count(
            "pk",
            distinct=True,
            filter=Q(capacities__academic_year=year, capacities__answered_at__isnull=False),
        ),
    )
    requested = CapacityRequest.objects.filter(
        partnership=partnership, academic_year=year, is_february_recheck=False
    ).exists()
    division = (
        Division.objects.filter(partnership=partnership, academic_year=year)
        .select_related("submitted_by")
        .annotate(reserved_total=Sum("places__reserved"))
        .first()
    )
    window = PreferenceWindow.objects.filter(partnership=partnership, academic_year=year).first()
    runs = AllocationRun.objects.filter(partnership=partnership, academic_year=year).aggregate(
        total=Count("pk"), committed=Count("pk", filter=Q(status=RunStatus.COMMITTED))
    )
    by_status = dict(
        Placement.objects.filter(student__partnership=partnership, academic_year=year)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    snapshots = SubsidySnapshot.objects.filter(partnership=partnership, academic_year=year).count()
    steps = list(
        ProcedureStep.objects.filter(partnership=partnership, academic_year=year)
        .select_related("done_by")
        .order_by("number", "occurrence")
    )
    facts = YearFacts(
        quota=quota.status if quota else None,
        schools=schools["total"],
        answered=schools["answered"],
        capacity_requested=requested,
        division=division.status if division else None,
        reserved=(division.reserved_total or 0) if division else 0,
        window_opens=window.opens_on if window else None,
        window_closes=window.closes_on if window else None,
        runs=runs["total"],
        committed_runs=runs["committed"],
        placements=by_status,
        snapshots=snapshots,
    )
    return YearState(facts=facts, quota=quota, division=division, window=window, steps=steps)
