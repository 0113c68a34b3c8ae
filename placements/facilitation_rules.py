"""Facilitation hours (seed 002 §6.5), pure Python. Norms are data passed in, not constants.

Per placement: the wpb and schoolopleider hours of the student's facilitation category; a
placement for half a year (a minor) counts half. Per school: the sum over its placements plus the
school's base hours (342 by default) once a school has at least one placement. Institute trainer
hours per institute: per student per year + per started group per year + per student per week ×
weeks."""

import math
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Norm:
    wpb_hours: int
    so_hours: int


@dataclass(frozen=True)
class PlacementRow:
    school_id: int
    category: str  # "1", "2", "3", "hbo1" or "" (unknown)
    half_year: bool
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
    per_student_year: Decimal = Decimal(0)
    per_group_year: Decimal = Decimal(0)
    group_size: int = 20
    per_student_week: Decimal = Decimal(0)
    weeks: int = 40


def placement_hours(row: PlacementRow, norms: dict[str, Norm]) -> tuple[Decimal, Decimal]:
    norm = norms.get(row.category)
    if norm is None:
        return Decimal(0), Decimal(0)
    factor = Decimal("0.5") if row.half_year else Decimal(1)
    return norm.wpb_hours * factor, norm.so_hours * factor


def hours_per_school(
    rows: list[PlacementRow], norms: dict[str, Norm], base_hours: int
) -> dict[int, SchoolHours]:
    result: dict[int, SchoolHours] = {}
    for row in rows:
        hours = result.setdefault(row.school_id, SchoolHours(base=base_hours))
        wpb, so = placement_hours(row, norms)
        hours.students += Decimal("0.5") if row.half_year else Decimal(1)
        hours.wpb += wpb
        hours.so += so
    return result


def hours_per_person(rows: list[PlacementRow], norms: dict[str, Norm]) -> dict[int, Decimal]:
    """Hours per mentor (wpb) and per schoolopleider, by person id."""
    result: dict[int, Decimal] = {}
    for row in rows:
        wpb, so = placement_hours(row, norms)
        if row.wpb_id:
            result[row.wpb_id] = result.get(row.wpb_id, Decimal(0)) + wpb
        if row.schoolopleider_id:
            result[row.schoolopleider_id] = result.get(row.schoolopleider_id, Decimal(0)) + so
    return result


def institute_hours(students: Decimal, norm: InstituteNormData) -> Decimal:
    groups = math.ceil(students / norm.group_size) if norm.group_size and students else 0
    return (
        students * norm.per_student_year
        + groups * norm.per_group_year
        + students * norm.per_student_week * norm.weeks
    )


DEFAULT_NORMS = {"1": Norm(36, 24), "2": Norm(36, 14), "3": Norm(36, 4), "hbo1": Norm(0, 0)}
DEFAULT_SCHOOL_BASE_HOURS = 342
