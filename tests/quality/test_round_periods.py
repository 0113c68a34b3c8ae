"""The pure calendar of rounds: half years, academic years, dates of a plan's round."""

import datetime

import pytest

from quality.periods import academic_start_year, half_of, parse_days, round_dates

D = datetime.date


@pytest.mark.parametrize(
    ("day", "start", "half"),
    [
        (D(2025, 8, 1), 2025, 1),
        (D(2026, 1, 8), 2025, 1),
        (D(2026, 2, 28), 2025, 1),
        (D(2026, 3, 1), 2025, 2),
        (D(2026, 6, 8), 2025, 2),
        (D(2026, 7, 31), 2025, 2),
    ],
)
def test_academic_year_and_half(day, start, half):
    assert academic_start_year(day) == start
    assert half_of(day) == half


def test_round_dates_fall_in_the_right_calendar_year_and_clip_to_the_month():
    assert round_dates(2025, 1, 8, 21) == (D(2026, 1, 8), D(2026, 1, 29))
    assert round_dates(2025, 9, 8, 21) == (D(2025, 9, 8), D(2025, 9, 29))
    assert round_dates(2025, 6, 31, 10) == (D(2026, 6, 30), D(2026, 7, 10))
    assert round_dates(2027, 2, 30, 1) == (D(2028, 2, 29), D(2028, 3, 1))  # leap year


def test_parse_days():
    assert parse_days("7, 2") == [7, 2]
    assert parse_days("2;7;7") == [7, 2]
    assert parse_days("") == []
    for bad in ("7, x", "0", "-1", "2.5"):
        with pytest.raises(ValueError):
            parse_days(bad)
