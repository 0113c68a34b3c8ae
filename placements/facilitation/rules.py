"""Facilitation hours (seed 002 §6.5), pure Python. Norms are data passed in, not constants.

Hours are per student per **whole school year**: a student's category norm (wpb + schoolopleider
hours) is paid once a year, split over the placements by the time the student spends at each.
The time is derived from the placement periods, in halves of the school year (the start is
September or February): a September placement runs the whole year, or only the first half when
the student moves to a February placement the same year (a wo master changing school halfway) or
is an educational minor (a minor uses the place for half a year: 002 §6.5 "de helft van de
facilitering"); a February placement runs the second half. Each half carries half the year's
hours; placements that cover the same half share it, so a student never gets more than one
year's norm, however the placements are split.

Per school: the sum over its placements plus the base hours (342 by default) for every school —
also one without students that year. A "school" here is a facilitation unit: a school, or a
cluster that acts as one school (the caller maps schools to units).

Institute trainer hours: each institute has one or more norms, each "hours per student or per
group, per week or per year"; groups follow the norm's size range (the fewest groups of at most
the upper bound; a started group counts whole); weekly hours are times the partnership's weeks
per year."""

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

FIRST_HALF, SECOND_HALF = 1, 2
WHOLE_YEAR = frozenset({FIRST_HALF, SECOND_HALF})


@dataclass(frozen=True)
class Norm:
    wpb_hours: int
    so_hours: int


@dataclass(frozen=True)
class PlacementRow:
    student_id: int
    unit: Hashable  # the school, or the cluster acting as one school
    category: str  # "1", "2", "3", "hbo1" or "" (unknown)
    halves: frozenset[int]
    wpb_id: int | None
    schoolopleider_id: int | None
    institute_id: int


@dataclass
class SchoolHours:
    students: Decimal = Decimal(0)
    wpb: Decimal = Decimal(0)
    so: Decimal = Decimal(0)
    base: int = 0

    @property
    def total(self) -> Decimal:
        return self.wpb + self.so + self.base


@dataclass(frozen=True)
class InstituteNormData:
    hours: Decimal
    per: str = "student"  # "student" or "group"
    period: str = "year"  # "year" or "week"
    group_min: int | None = None
    group_max: int | None = None


def placement_halves(start: str, *, minor: bool, february_follows: bool) -> frozenset[int]:
    """The halves of the school year a placement covers (see the module docstring)."""
    if start == "february":
        return frozenset({SECOND_HALF})
    if minor or february_follows:
        return frozenset({FIRST_HALF})
    return WHOLE_YEAR


def year_halves(placements: list[tuple[int, str, bool]]) -> list[frozenset[int]]:
    """The halves each of a year's holding placements covers, from (student id, start, is an
    educational minor) per placement: a September placement ends at February when the same
    student has a February placement that year."""
    february = {student for student, start, _minor in placements if start == "february"}
    return [
        placement_halves(
            start, minor=minor, february_follows=start == "september" and student in february
        )
        for student, start, minor in placements
    ]


def presence(rows: list[PlacementRow]) -> list[Fraction]:
    """Each row's part of its student, for counting students (the quota monitor): a student
    counts once, split over their placements by the time spent at each — the row shares
    scaled so that every student's parts add up to exactly 1 (a minor's half year is the whole
    of their presence)."""
    raw = shares(rows)
    per_student: dict[int, Fraction] = defaultdict(Fraction)
    for row, share in zip(rows, raw, strict=True):
        per_student[row.student_id] += share
    return [
        share / per_student[row.student_id] if per_student[row.student_id] else Fraction(0)
        for row, share in zip(rows, raw, strict=True)
    ]


def shares(rows: list[PlacementRow]) -> list[Fraction]:
    """Each row's share of its student's school year (0 to 1); a student's shares add up to at
    most 1: every half is worth 1/2, divided over the student's placements that cover it."""
    covering: dict[tuple[int, int], int] = defaultdict(int)
    for row in rows:
        for half in row.halves & WHOLE_YEAR:
            covering[row.student_id, half] += 1
    return [
        sum(
            (Fraction(1, 2 * covering[row.student_id, half]) for half in row.halves & WHOLE_YEAR),
            Fraction(0),
        )
        for row in rows
    ]


def _decimal(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def student_hours(rows: list[PlacementRow], norms: dict[str, Norm]) -> list[tuple[Fraction, ...]]:
    """Per row: (share, wpb hours, schoolopleider hours), exact."""
    result = []
    for row, share in zip(rows, shares(rows), strict=True):
        norm = norms.get(row.category)
        if norm is None:
            result.append((share, Fraction(0), Fraction(0)))
        else:
            result.append((share, share * norm.wpb_hours, share * norm.so_hours))
    return result


def hours_per_school(
    rows: list[PlacementRow],
    norms: dict[str, Norm],
    base_hours: int,
    units: Iterable[Hashable] = (),
) -> dict[Hashable, SchoolHours]:
    """Hours per unit: every unit in ``units`` gets the base hours, with or without students."""
    exact: dict[Hashable, list[Fraction]] = {unit: [Fraction(0)] * 3 for unit in units}
    for row, hours in zip(rows, student_hours(rows, norms), strict=True):
        totals = exact.setdefault(row.unit, [Fraction(0)] * 3)
        for i, value in enumerate(hours):
            totals[i] += value
    return {
        unit: SchoolHours(
            students=_decimal(students), wpb=_decimal(wpb), so=_decimal(so), base=base_hours
        )
        for unit, (students, wpb, so) in exact.items()
    }


def hours_per_person(
    rows: list[PlacementRow], norms: dict[str, Norm], only: set | None = None
) -> dict[int, Decimal]:
    """Hours per mentor (wpb) and per schoolopleider, by person id; ``only`` keeps the
    placements at these units (the shares are still computed over all ``rows``)."""
    exact: dict[int, Fraction] = defaultdict(Fraction)
    for row, (_share, wpb, so) in zip(rows, student_hours(rows, norms), strict=True):
        if only is not None and row.unit not in only:
            continue
        if row.wpb_id:
            exact[row.wpb_id] += wpb
        if row.schoolopleider_id:
            exact[row.schoolopleider_id] += so
    return {pk: _decimal(value) for pk, value in exact.items()}


def students_per_institute(rows: list[PlacementRow]) -> dict[int, Decimal]:
    """Students per institute, each counted by their share of the year (at most 1)."""
    exact: dict[int, Fraction] = defaultdict(Fraction)
    for row, share in zip(rows, shares(rows), strict=True):
        exact[row.institute_id] += share
    return {pk: _decimal(value) for pk, value in exact.items()}


def groups(students: Decimal, group_max: int | None) -> int:
    """The fewest groups of at most ``group_max`` students; a started group counts whole."""
    if students <= 0:
        return 0
    return math.ceil(students / group_max) if group_max else 1


def institute_hours(
    students: Decimal, norms: Iterable[InstituteNormData], weeks_per_year: int
) -> Decimal:
    total = Decimal(0)
    for norm in norms:
        count = students if norm.per == "student" else groups(students, norm.group_max)
        total += norm.hours * count * (weeks_per_year if norm.period == "week" else 1)
    return total


DEFAULT_NORMS = {"1": Norm(36, 24), "2": Norm(36, 14), "3": Norm(36, 4), "hbo1": Norm(0, 0)}
DEFAULT_SCHOOL_BASE_HOURS = 342
DEFAULT_WEEKS_PER_YEAR = 40
