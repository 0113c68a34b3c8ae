"""Which placed student counts for which subsidy category a–g (pure Python, no Django).

The ministry subsidises a partnership per student placed in a year, per category of the
Regeling tegemoetkoming kosten opleidingsscholen (DOMAIN "Students and categories"). The rules:

* **Which placements count.** A placement that holds a place (confirmed, active, completed) and
  starts (1 September or 1 February of the year) on or before the reference date. Proposed
  placements and those still waiting for their introductory interview are not placements yet.
* **Once per student per year.** A student with two placements in a year (a wo master who
  changes school in February, a placement cancelled and replaced) counts once. The school
  reported is the one of the *latest* counted placement (latest start, then the most recently
  created); the other schools are named on the row so nobody counts the student twice.
* **Category.** The student's category follows from the programme variant. A missing
  category, or an administrator's override that differs from it, means the student is *not
  counted* but listed for reconciliation: the ministry's category follows from the programme
  the student is enrolled in, so a record that disagrees with it is settled first (correct the
  programme variant, then remove the override).
* **Practice share.** Each category has its minimum as a percentage of the programme, in EC, or
  both (``MINIMUMS``; b, c and d state both — c's 12 EC is 20% of 60 EC). Every recorded figure
  for which the category states a minimum must meet it, so a percentage and an EC figure that
  disagree are never settled in the partnership's favour. When only one figure is recorded, that
  one decides — as long as the category states a minimum in that unit: a percentage says
  nothing for category e (its minimum is in EC; the base of the percentage is unclear) and EC
  nothing for category a (programmes differ in length). The figure is read from the reported
  placement, or when that one has none, from the latest counted placement that has one.
* **Unknown share: counted, flagged.** Most placements do not record a share (the schools report
  it late), and leaving all of them out would empty the list; they count and are flagged so the
  administrator can check before handing in. A share *below* the minimum is not counted.
* **Not counted, with a reason:** ``NO_CATEGORY``, ``OVERRIDDEN``, ``BELOW_MINIMUM`` (a counted
  placement, but the student does not qualify) and, when no placement counts, ``STARTS_LATER``
  (confirmed, but starting after the reference date), ``NOT_CONFIRMED`` or ``CANCELLED`` — in
  that order of preference, the most hopeful reason first.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

CATEGORIES = ("a", "b", "c", "d", "e", "f", "g")
HOLDING = frozenset({"confirmed", "active", "completed"})
CANCELLED_STATUS = "cancelled"

# practice checks
MEETS, BELOW, UNKNOWN, NO_MINIMUM = "meets", "below", "unknown", "no_minimum"
# reasons a student is not counted
NO_CATEGORY = "no_category"
OVERRIDDEN = "overridden"
BELOW_MINIMUM = "below_minimum"
STARTS_LATER = "starts_later"
NOT_CONFIRMED = "not_confirmed"
CANCELLED = "cancelled"
REASONS = (NO_CATEGORY, OVERRIDDEN, BELOW_MINIMUM, STARTS_LATER, NOT_CONFIRMED, CANCELLED)


@dataclass(frozen=True)
class Minimum:
    percent: Decimal | None = None
    ec: Decimal | None = None


MINIMUMS: dict[str, Minimum] = {
    "a": Minimum(percent=Decimal(40)),
    "b": Minimum(percent=Decimal(50), ec=Decimal(30)),
    "c": Minimum(percent=Decimal(20), ec=Decimal(12)),
    "d": Minimum(percent=Decimal(25), ec=Decimal(30)),
    "e": Minimum(ec=Decimal(15)),
    "f": Minimum(),
    "g": Minimum(),
}


def practice_check(category: str, percent, ec) -> str:
    """MEETS, BELOW, UNKNOWN (nothing checkable recorded) or NO_MINIMUM (f, g, no category)."""
    minimum = MINIMUMS.get(category, Minimum())
    pairs = [(v, m) for v, m in ((percent, minimum.percent), (ec, minimum.ec)) if m is not None]
    if not pairs:
        return NO_MINIMUM
    known = [(Decimal(str(v)), m) for v, m in pairs if v is not None]
    if not known:
        return UNKNOWN
    return BELOW if any(value < m for value, m in known) else MEETS


@dataclass(frozen=True)
class PlacementFacts:
    id: int
    status: str
    starts_on: datetime.date
    school_id: int
    practice_percent: int | None = None
    practice_ec: Decimal | None = None

    @property
    def has_share(self) -> bool:
        return self.practice_percent is not None or self.practice_ec is not None


@dataclass(frozen=True)
class StudentFacts:
    id: int
    derived: str  # the category the programme variant gives ("" when unknown)
    override: str = ""  # an administrator's override ("" when none)


@dataclass(frozen=True)
class Outcome:
    reason: str  # "" when counted
    placement: PlacementFacts  # the reported placement, or the one the reason is about
    category: str  # the effective category ("" when unknown)
    check: str
    other_school_ids: tuple[int, ...] = ()
    share: PlacementFacts | None = None  # where the practice share was read

    @property
    def counted(self) -> bool:
        return not self.reason


def _order(p: PlacementFacts):
    return (p.starts_on, p.id)


def classify(
    student: StudentFacts, placements: Iterable[PlacementFacts], reference_date: datetime.date
) -> Outcome | None:
    """The outcome for one student's placements of a year; None without any placement."""
    placements = sorted(placements, key=_order)
    if not placements:
        return None
    category = student.override or student.derived
    holding = [p for p in placements if p.status in HOLDING]
    counted = [p for p in holding if p.starts_on <= reference_date]
    if not counted:
        later = [p for p in holding if p.starts_on > reference_date]
        pending = [p for p in placements if p.status not in HOLDING | {CANCELLED_STATUS}]
        if later:
            return Outcome(STARTS_LATER, later[0], category, NO_MINIMUM)
        if pending:
            return Outcome(NOT_CONFIRMED, pending[-1], category, NO_MINIMUM)
        return Outcome(CANCELLED, placements[-1], category, NO_MINIMUM)
    reported = counted[-1]
    others = tuple(dict.fromkeys(p.school_id for p in counted if p.school_id != reported.school_id))
    share = next((p for p in reversed(counted) if p.has_share), reported)
    check = practice_check(category, share.practice_percent, share.practice_ec)
    if not category:
        reason = NO_CATEGORY
    elif student.override and student.override != student.derived:
        reason = OVERRIDDEN
    elif check == BELOW:
        reason = BELOW_MINIMUM
    else:
        reason = ""
    return Outcome(reason, reported, category, check, others, share)


@dataclass
class Totals:
    by_category: dict[str, int]
    by_institute: dict[str, dict[str, int]] = field(default_factory=dict)
    by_school: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_category.values())


def totals(rows: Iterable[Mapping]) -> Totals:
    """Counted rows (``category``, ``institute``, ``school``) per category, and per institute and
    per school split by category; institutes and schools sorted by name."""
    result = Totals({c: 0 for c in CATEGORIES})
    institutes: dict[str, dict[str, int]] = {}
    schools: dict[str, dict[str, int]] = {}
    for row in rows:
        category = row["category"]
        result.by_category[category] = result.by_category.get(category, 0) + 1
        for table, key in ((institutes, row["institute"]), (schools, row["school"])):
            line = table.setdefault(key, {c: 0 for c in CATEGORIES})
            line[category] = line.get(category, 0) + 1
    result.by_institute = dict(sorted(institutes.items(), key=lambda kv: kv[0].lower()))
    result.by_school = dict(sorted(schools.items(), key=lambda kv: kv[0].lower()))
    return result


@dataclass
class Diff:
    added: list[Mapping]
    removed: list[Mapping]
    category_changed: list[tuple[Mapping, Mapping]]  # (before, after)
    school_changed: list[tuple[Mapping, Mapping]]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.category_changed or self.school_changed)


def compare(before: Iterable[Mapping], after: Iterable[Mapping]) -> Diff:
    """Counted rows of two lists, matched by ``student_id``: who was added, who was removed,
    whose category or school changed (a school renamed is not a change: ids are compared)."""
    old = {row["student_id"]: row for row in before}
    new = {row["student_id"]: row for row in after}
    both = [key for key in new if key in old]
    return Diff(
        added=[new[key] for key in new if key not in old],
        removed=[old[key] for key in old if key not in new],
        category_changed=[
            (old[k], new[k]) for k in both if old[k]["category"] != new[k]["category"]
        ],
        school_changed=[
            (old[k], new[k]) for k in both if old[k]["school_id"] != new[k]["school_id"]
        ],
    )
