"""Reads of guidance: the norms of a year, each placement's status against them (for the log
page and the dashboards, a fixed number of queries however many placements), and the facts
for the quality cycle — numbers only, never notes (``guidance_facts``, re-exported from
``placements.selectors``)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from partnerships.glossary import Role, Start
from partnerships.models import AcademicYear, Organisation, Partnership
from placements.choices import Level, PlacementStatus
from placements.guidance import rules
from placements.guidance.access import GUIDED, entries_visible
from placements.guidance.models import OBSERVATION_KINDS
from placements.models import (
    GuidanceEntry,
    GuidanceKind,
    GuidanceNorm,
    ObservationScore,
    Placement,
)

K = GuidanceKind
S = PlacementStatus
# The defaults of 002 Bijlagen 3–4, used until the partnership keeps its own rows for a year.
DEFAULT_NORMS: list[tuple[str, str, rules.Norm]] = [
    (K.TALK, Level.WO, rules.Norm(K.TALK, every_weeks=1)),
    (K.TALK, Level.HBO, rules.Norm(K.TALK, every_weeks=2)),
    (K.CONSULTATION, "", rules.Norm(K.CONSULTATION, per_period=2)),
    (K.MID_EVALUATION, "", rules.Norm(K.MID_EVALUATION, per_period=1)),
]
# Whose task a norm is (002 Bijlage 3: the wpb's talks; Bijlage 4: the schoolopleider's
# consultations and the observation halfway through the placement).
NORM_OWNER = {
    K.TALK: Role.WERKPLEKBEGELEIDER,
    K.CONSULTATION: Role.SCHOOLOPLEIDER,
    K.MID_EVALUATION: Role.SCHOOLOPLEIDER,
}
NOW = (S.CONFIRMED, S.ACTIVE)  # placements whose guidance runs now


def norm_rows(norms) -> list[tuple[str, str, rules.Norm]]:
    return [
        (
            n.kind,
            n.level,
            rules.Norm(n.kind, every_weeks=n.every_weeks, per_period=n.per_period),
        )
        for n in norms
    ]


def norms_of_years(partnership: Partnership, years) -> dict[int, list]:
    """Per academic year id: its (kind, level, Norm) rows, the defaults when it has none."""
    found: dict[int, list] = defaultdict(list)
    for norm in GuidanceNorm.objects.filter(partnership=partnership, academic_year__in=years):
        found[norm.academic_year_id] += norm_rows([norm])
    return {year.pk: found.get(year.pk) or DEFAULT_NORMS for year in years}


def with_february(qs: QuerySet[Placement]) -> QuerySet[Placement]:
    """Annotates ``followed_in_february``: a September placement whose student has a February
    placement the same year ends when that one starts."""
    february = Placement.objects.filter(
        student=OuterRef("student"),
        academic_year=OuterRef("academic_year"),
        start=Start.FEBRUARY,
    ).exclude(status=S.CANCELLED)
    return qs.annotate(followed_in_february=Exists(february))


def period_of(placement: Placement, year: AcademicYear) -> rules.Period:
    """The placement's period: from its start to the end of the lessons (30 June), or to 31
    January for a September placement followed by a February one."""
    start = year.start_date_for(placement.start)
    end = datetime.date(year.start_year + 1, 6, 30)
    if placement.start == Start.SEPTEMBER and getattr(placement, "followed_in_february", False):
        end = datetime.date(year.start_year + 1, 1, 31)
    return rules.Period(start, end)


@dataclass
class GuidanceState:
    placement: Placement
    period: rules.Period
    norms: list[rules.NormStatus] = field(default_factory=list)

    @property
    def behind(self) -> list[rules.NormStatus]:
        return [n for n in self.norms if n.behind]

    @property
    def is_behind(self) -> bool:
        return bool(self.behind)

    def started(self, day: datetime.date) -> bool:
        return self.period.start <= day <= self.period.end


def _kind_annotations(kinds, day: datetime.date) -> dict:
    out = {}
    for kind in kinds:
        upto = Q(guidance_entries__kind=kind, guidance_entries__date__lte=day)
        out[f"n_{kind}"] = Count("guidance_entries", filter=upto)
        out[f"last_{kind}"] = Max("guidance_entries__date", filter=upto)
    return out


def states(
    placements: QuerySet[Placement], *, partnership: Partnership, day: datetime.date
) -> list[GuidanceState]:
    """Each placement's status against its year's norms on ``day``: two queries (the norms, and
    the placements with their counts and latest dates per kind)."""
    placements = list(placements)  # the caller's queryset, to learn the years
    if not placements:
        return []
    years = {p.academic_year_id: p.academic_year for p in placements}
    norms_by_year = norms_of_years(partnership, list(years.values()))
    kinds = {kind for rows in norms_by_year.values() for kind, _level, _norm in rows}
    annotated = with_february(Placement.objects.filter(pk__in=[p.pk for p in placements])).annotate(
        **_kind_annotations(sorted(kinds), day)
    )
    facts = {p.pk: p for p in annotated}
    out = []
    for placement in placements:
        row = facts[placement.pk]
        placement.followed_in_february = row.followed_in_february
        year = years[placement.academic_year_id]
        period = period_of(placement, year)
        state = GuidanceState(placement, period)
        rows = norms_by_year[year.pk]
        for kind in sorted({k for k, _level, _n in rows}):
            norm = rules.norm_for(rows, kind, placement.level)
            if norm is None:
                continue
            state.norms.append(
                rules.from_summary(
                    norm,
                    period,
                    done=getattr(row, f"n_{kind}"),
                    last=getattr(row, f"last_{kind}"),
                    day=day,
                )
            )
        out.append(state)
    return out


def current_placements(partnership: Partnership, day: datetime.date) -> QuerySet[Placement]:
    """This year's placements whose guidance runs now."""
    year = AcademicYear.current(day)
    return Placement.objects.filter(
        student__partnership=partnership, academic_year=year, status__in=NOW
    ).select_related("student__person", "school", "academic_year")


def running(states_: list[GuidanceState], day: datetime.date) -> list[GuidanceState]:
    """The states of placements whose period includes ``day``."""
    return [s for s in states_ if s.started(day)]


# --- facts for the quality cycle -------------------------------------------------------------

FACT_KINDS = (
    K.TALK,
    K.OBSERVATION,
    K.CONSULTATION,
    K.MID_EVALUATION,
    K.ASSESSMENT,
    K.PAIR_OBSERVATION,
)


def guidance_facts(
    *,
    partnership: Partnership,
    start: datetime.date,
    end: datetime.date,
    schools: QuerySet[Organisation] | None = None,
) -> list[dict]:
    """Per school, for the days ``start``–``end``: the placements under guidance then, the
    entries of each kind dated in the window, and for the kinds with a norm how many came due
    in the window (``due_<kind>``) and how many placements were behind on its last day.
    Numbers only — no names, no notes. Four queries."""
    if end < start:
        raise ValueError("the window cannot end before it starts")
    years = list(
        AcademicYear.objects.filter(start_date__lte=end, end_date__gte=start).order_by("start_year")
    )
    qs = Placement.objects.filter(
        student__partnership=partnership, academic_year__in=years, status__in=GUIDED
    )
    if schools is not None:
        qs = qs.filter(school__in=schools)
    placements = list(with_february(qs).select_related("school", "academic_year"))
    norms_by_year = norms_of_years(partnership, years) if years else {}
    dates: dict[int, dict[str, list[datetime.date]]] = defaultdict(lambda: defaultdict(list))
    for placement_id, kind, day in GuidanceEntry.objects.filter(
        placement__in=[p.pk for p in placements], date__lte=end
    ).values_list("placement_id", "kind", "date"):
        dates[placement_id][kind].append(day)
    schools_out: dict[int, dict] = {}
    for p in placements:
        period = period_of(p, p.academic_year)
        if period.end < start or period.start > end:
            continue
        row = schools_out.setdefault(
            p.school_id,
            {"school_id": p.school_id, "school": p.school.name, "placements": 0, "behind": 0}
            | {kind: 0 for kind in FACT_KINDS},
        )
        row["placements"] += 1
        for kind, days in dates[p.pk].items():
            row[kind] += sum(1 for d in days if d >= start)
        rows = norms_by_year[p.academic_year_id]
        last_day = min(end, period.end)
        behind = False
        for kind in sorted({k for k, _level, _n in rows}):
            norm = rules.norm_for(rows, kind, p.level)
            if norm is None:
                continue
            key = f"due_{kind}"
            row[key] = row.get(key, 0) + rules.due_in_window(norm, period, start, end)
            behind = behind or rules.status(norm, period, dates[p.pk][kind], last_day).behind
        row["behind"] += behind
    return sorted(schools_out.values(), key=lambda r: r["school"])


def observations_of(*, user, partnership, student):
    """The observations of ``student`` that ``user`` may read, oldest first, with scores."""
    return (
        entries_visible(user=user, partnership=partnership)
        .filter(placement__student=student, kind__in=sorted(OBSERVATION_KINDS))
        .select_related("placement__school", "placement__academic_year", "author")
        .prefetch_related(
            Prefetch("scores", queryset=ObservationScore.objects.order_by("position"))
        )
        .order_by("date", "pk")
    )
