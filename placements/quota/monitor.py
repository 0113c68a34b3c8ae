"""Realisation against the quota through the year (reads only).

Counted: **students** with a placement of the year that holds a place (confirmed, active,
completed). A student counts once for the partnership, and at each school by the part of the
year spent there (``facilitation_rules.presence``: the same halves of the year as facilitation
hours), so a wo master who changes school in February counts ½ at each; a school in a cluster
counts for its cluster. Rows and totals add up exactly (fractions, never rounded).
hbo year-1 students are outside the quota: they are counted apart and never in the rows.
A unit is flagged when its realisation exceeds its share plus the quota's margin
(``quota_rules.over_margin``). The monitor holds totals only, never names of students: every
role that may view the quota sees every unit's row (the quota is an agreement between all
schools), and a school lead's own unit is marked."""

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf

from partnerships.glossary import ProgrammeVariant, SubsidyCategory
from partnerships.models import AcademicYear, Organisation, Partnership
from placements.choices import HOLDING_STATUSES, Level
from placements.facilitation import rules
from placements.models import Placement, Quota
from placements.quota.rules import over_margin
from placements.quota.services import share_key


@dataclass
class MonitorRow:
    key: str
    name: str
    share: int | None  # None: the unit has no share in the quota (e.g. a school added later)
    realised: Fraction | int = 0  # students, by the part of their year at this unit
    over: bool = False
    own: bool = False

    @property
    def remaining(self) -> Fraction | int:
        return max((self.share or 0) - self.realised, 0)


@dataclass
class Monitor:
    rows: list[MonitorRow]
    total_share: int
    total_realised: int
    total_over: bool
    categories: list[tuple[str, int]]
    levels: list[tuple[str, int]]
    hbo_year_1: int


def holding_placements(*, partnership: Partnership, year: AcademicYear):
    return Placement.objects.filter(
        student__partnership=partnership, academic_year=year, status__in=HOLDING_STATUSES
    )


def unit_keys(school_ids) -> set[str]:
    """The quota units (cluster or school keys) of these schools, e.g. a school lead's own."""
    schools = Organisation.objects.filter(pk__in=school_ids).values_list("pk", "cluster_id")
    return {f"c{cluster}" if cluster else f"s{pk}" for pk, cluster in schools}


def _number(value: Fraction) -> Fraction | int:
    return value.numerator if value.denominator == 1 else value


def quota_monitor(*, quota: Quota, own_units: set[str] = frozenset()) -> Monitor:
    """Two queries whatever the number of schools and placements."""
    placements = holding_placements(partnership=quota.partnership, year=quota.academic_year)
    category = Coalesce(
        NullIf("student__subsidy_category_override", Value("")), "student__subsidy_category"
    )
    found = list(
        placements.order_by("pk")
        .annotate(category=category)
        .values_list(
            "student_id",
            "start",
            "student__programme_variant",
            "student__hbo_year",
            "school_id",
            "school__name",
            "school__cluster_id",
            "school__cluster__name",
            "category",
            "level",
        )
    )
    hbo_year_1 = {p[0] for p in found if p[3] == 1}
    counted = [p for p in found if p[0] not in hbo_year_1]
    halves = rules.year_halves(
        [(p[0], p[1], p[2] == ProgrammeVariant.EDUCATIEVE_MINOR) for p in counted]
    )
    parts = rules.presence(
        [
            rules.PlacementRow(p[0], p[4], "", covered, None, None, 0)
            for p, covered in zip(counted, halves, strict=True)
        ]
    )
    rows: dict[str, MonitorRow] = {}
    for share in quota.shares.select_related("school", "cluster"):
        key = share_key(share)
        rows[key] = MonitorRow(key, share.unit_name, share.share)
    per_category: dict[str, Fraction] = defaultdict(Fraction)
    per_level: dict[str, Fraction] = defaultdict(Fraction)
    for (_s, _st, _v, _y, school, name, cluster, cluster_name, cat, level), part in zip(
        counted, parts, strict=True
    ):
        key = f"c{cluster}" if cluster else f"s{school}"
        row = rows.setdefault(key, MonitorRow(key, cluster_name if cluster else name, None))
        row.realised += part
        per_category[cat] += part
        per_level[level] += part
    for row in rows.values():
        row.realised = _number(row.realised)
        row.own = row.key in own_units
        row.over = over_margin(row.realised, row.share or 0, quota.margin_percent)
    total_realised = len({p[0] for p in counted})
    return Monitor(
        rows=sorted(rows.values(), key=lambda r: r.name.lower()),
        total_share=quota.places,
        total_realised=total_realised,
        total_over=over_margin(total_realised, quota.places, quota.margin_percent),
        categories=[
            (label, _number(per_category.get(value, Fraction(0))))
            for value, label in SubsidyCategory.choices
        ],
        levels=[
            (label, _number(per_level.get(value, Fraction(0)))) for value, label in Level.choices
        ],
        hbo_year_1=len(hbo_year_1),
    )
