"""Realisation against the quota through the year (reads only).

Counted: placements of the year that hold a place (confirmed, active, completed), each as one
place, at the school where the student is placed; a school in a cluster counts for its cluster.
hbo year-1 students are outside the quota: they are counted apart and never in the rows.
A unit is flagged when its realisation exceeds its share plus the quota's margin
(``quota_rules.over_margin``). The monitor holds totals only, never names of students: every
role that may view the quota sees every unit's row (the quota is an agreement between all
schools), and a school lead's own unit is marked."""

from dataclasses import dataclass

from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce, NullIf

from partnerships.glossary import SubsidyCategory
from partnerships.models import AcademicYear, Organisation, Partnership

from ..models import Placement, Quota
from ..models.choices import HOLDING_STATUSES, Level
from ..quota_rules import over_margin
from .quota import share_key

HBO_YEAR_1 = Q(student__hbo_year=1)


@dataclass
class MonitorRow:
    key: str
    name: str
    share: int | None  # None: the unit has no share in the quota (e.g. a school added later)
    realised: int = 0
    over: bool = False
    own: bool = False

    @property
    def remaining(self) -> int:
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


def quota_monitor(*, quota: Quota, own_units: set[str] = frozenset()) -> Monitor:
    """Five queries whatever the number of schools and placements."""
    placements = holding_placements(partnership=quota.partnership, year=quota.academic_year)
    counted = placements.exclude(HBO_YEAR_1).order_by()
    rows: dict[str, MonitorRow] = {}
    for share in quota.shares.select_related("school", "cluster"):
        key = share_key(share)
        rows[key] = MonitorRow(key, share.unit_name, share.share)
    per_school = counted.values(
        "school_id", "school__name", "school__cluster_id", "school__cluster__name"
    ).annotate(n=Count("pk"))
    for item in per_school:
        cluster = item["school__cluster_id"]
        key = f"c{cluster}" if cluster else f"s{item['school_id']}"
        name = item["school__cluster__name"] if cluster else item["school__name"]
        row = rows.setdefault(key, MonitorRow(key, name, None))
        row.realised += item["n"]
    for row in rows.values():
        row.own = row.key in own_units
        row.over = over_margin(row.realised, row.share or 0, quota.margin_percent)
    total_realised = sum(row.realised for row in rows.values())
    category = Coalesce(
        NullIf("student__subsidy_category_override", Value("")), "student__subsidy_category"
    )
    per_category = dict(
        counted.annotate(category=category).values_list("category").annotate(n=Count("pk"))
    )
    per_level = dict(counted.values_list("level").annotate(n=Count("pk")))
    return Monitor(
        rows=sorted(rows.values(), key=lambda r: r.name.lower()),
        total_share=quota.places,
        total_realised=total_realised,
        total_over=over_margin(total_realised, quota.places, quota.margin_percent),
        categories=[
            (label, per_category.get(value, 0)) for value, label in SubsidyCategory.choices
        ],
        levels=[(label, per_level.get(value, 0)) for value, label in Level.choices],
        hbo_year_1=placements.filter(HBO_YEAR_1).count(),
    )
