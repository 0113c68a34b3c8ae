"""Half years and academic years of a date, and the dates of a planned round (no Django).

An academic year runs from 1 August to 31 July. Half 1 is the January measurement (its round
opens August–February), half 2 the June one (March–July)."""

import calendar
import datetime

FIRST_HALF_MONTHS = (8, 9, 10, 11, 12, 1, 2)
ACADEMIC_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)  # in the order of the year


def academic_start_year(day: datetime.date) -> int:
    """The first calendar year of the academic year containing ``day`` (2025 for 2025-2026)."""
    return day.year if day.month >= 8 else day.year - 1


def half_of(day: datetime.date) -> int:
    """1 for a round opening August–February, 2 for one opening March–July."""
    return 1 if day.month in FIRST_HALF_MONTHS else 2


def half_of_month(month: int) -> int:
    return 1 if month in FIRST_HALF_MONTHS else 2


def calendar_year(start_year: int, month: int) -> int:
    """The calendar year in which ``month`` falls within academic year ``start_year``."""
    return start_year if month >= 8 else start_year + 1


def round_dates(
    start_year: int, month: int, open_day: int, days_open: int
) -> tuple[datetime.date, datetime.date]:
    """Opening and closing date of a plan's round in ``month`` of academic year ``start_year``.
    A day past the month's end (31 in June) is the month's last day."""
    year = calendar_year(start_year, month)
    last = calendar.monthrange(year, month)[1]
    opens_on = datetime.date(year, month, min(max(open_day, 1), last))
    return opens_on, opens_on + datetime.timedelta(days=max(days_open, 1))


def parse_days(text: str) -> list[int]:
    """'7, 2' → [7, 2] (largest first, no duplicates); raises ValueError on anything else."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    days = sorted({int(p) for p in parts}, reverse=True)
    if any(d <= 0 for d in days):
        raise ValueError(text)
    return days


def plan_due_in(start_year: int, first_year: int | None, every_years: int) -> bool:
    """Does a plan that runs every ``every_years`` academic years from ``first_year`` on run in
    the academic year starting in ``start_year``? Every year when ``every_years`` is 1 or less;
    never before ``first_year``."""
    if every_years <= 1:
        return first_year is None or start_year >= first_year
    anchor = start_year if first_year is None else first_year
    return start_year >= anchor and (start_year - anchor) % every_years == 0
