"""Reads for the allocation pages: a run's number within its year (runs are named "Ronde 3 van
7 december 2026", never by their database id) and a run's summary (placed, unplaced by reason,
preferences met, the score as points per kind) in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.db.models.fields.json import KT

from placements.allocation.engine import Weights
from placements.models import AllocationRun

# The codes of a student left without a place (``engine/explain.py``), most telling first.
UNPLACED_CODES = (
    "places_full",
    "school_caps_reached",
    "all_blocked",
    "travel",
    "no_matching_place",
    "not_selected",
    "no_solution",
)


def run_numbers(partnership_id: int, academic_year_id: int) -> dict[int, int]:
    """Every run of the year by id → its number: 1, 2, 3 … in creation order (one query)."""
    ids = AllocationRun.objects.filter(
        partnership_id=partnership_id, academic_year_id=academic_year_id
    ).order_by("created_at", "pk")
    return {pk: n for n, pk in enumerate(ids.values_list("pk", flat=True), 1)}


def run_number(run: AllocationRun) -> int:
    if getattr(run, "number", None):
        return run.number
    earlier = AllocationRun.objects.filter(
        partnership_id=run.partnership_id, academic_year_id=run.academic_year_id
    ).filter(Q(created_at__lt=run.created_at) | Q(created_at=run.created_at, pk__lt=run.pk))
    run.number = earlier.count() + 1
    return run.number


@dataclass
class Points:
    """One part of the score: ``count`` students × ``each`` points = ``total``."""

    kind: str  # "preference_1" … "preference_3", "outside", "unplaced", "rest"
    count: int | None
    each: int | None
    total: int


@dataclass
class RunSummary:
    total: int = 0
    placed: int = 0
    unplaced: int = 0
    with_wishes: int = 0  # students who stated preferences
    by_rank: dict[int, int] = field(default_factory=dict)  # placed at preference n
    outside: int = 0  # placed, with preferences, at none of them
    unplaced_by_code: list[tuple[str, int]] = field(default_factory=list)
    points: list[Points] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.by_rank.get(1, 0)

    @property
    def any_preference(self) -> int:
        return sum(self.by_rank.values())


def run_summary(run: AllocationRun, weights: Weights) -> RunSummary:
    """Counts from the run's results in one query, and the score split into points per kind:
    preferences met, placed outside the preferences, unplaced, and the rest (spreading and new
    school types, which the results do not record one by one)."""
    rows = (
        run.results.annotate(
            has_place=ExpressionWrapper(Q(place__isnull=False), output_field=BooleanField()),
            code=KT("explanation__code"),
            rank=KT("explanation__rank"),
            wishes=KT("explanation__wishes"),
        )
        .values("has_place", "code", "rank", "wishes")
        .annotate(n=Count("pk"))
        .order_by()
    )
    summary = RunSummary()
    unplaced: dict[str, int] = {}
    for row in rows:
        n = row["n"]
        summary.total += n
        wishes = int(row["wishes"] or 0)
        if wishes:
            summary.with_wishes += n
        if not row["has_place"]:
            summary.unplaced += n
            code = row["code"] or "no_solution"
            unplaced[code] = unplaced.get(code, 0) + n
            continue
        summary.placed += n
        if row["rank"] not in (None, "", "null"):
            rank = int(row["rank"])
            summary.by_rank[rank] = summary.by_rank.get(rank, 0) + n
        elif wishes:
            summary.outside += n
    order = {code: i for i, code in enumerate(UNPLACED_CODES)}
    summary.unplaced_by_code = sorted(
        unplaced.items(), key=lambda item: (-item[1], order.get(item[0], 99))
    )
    if run.objective is not None:
        parts = [
            Points(f"preference_{rank}", summary.by_rank.get(rank, 0), points, 0)
            for rank, points in enumerate(weights.preference, 1)
        ]
        parts.append(Points("outside", summary.outside, -weights.no_preference_penalty, 0))
        parts.append(Points("unplaced", summary.unplaced, -weights.unplaced_penalty, 0))
        for part in parts:
            part.total = part.count * part.each
        rest = round(run.objective) - sum(p.total for p in parts)
        summary.points = [p for p in parts if p.count] + [Points("rest", None, None, rest)]
    return summary
