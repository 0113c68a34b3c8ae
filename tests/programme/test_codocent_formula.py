"""The co-docent hours formula (pure) and its spread."""

from dataclasses import replace
from decimal import Decimal as D

from programme.codocent_hours import (
    Norms,
    PackageWork,
    SessionWork,
    person_hours,
    school_hours,
    spread,
)

NORMS = Norms(
    meeting_hours=D("1.5"),
    factors={"workshop": D("1.0"), "intervision": D("1.4"), "work_meeting": D("1.7")},
    travel_hours=D("1"),
    packages={"hbo_year_1": D("48"), "wpb_training": D("35")},
)


WORK = [
    SessionWork(person=1, event=10, session=100, kind="workshop"),
    SessionWork(person=1, event=10, session=101, kind="intervision"),
    SessionWork(person=1, event=11, session=110, kind="work_meeting"),
    SessionWork(person=2, event=10, session=100, kind="workshop"),
]


def test_sessions_times_factor_plus_travel_per_meeting_by_default():
    hours = person_hours(WORK, [], NORMS)
    # 1.5×1.0 + 1.5×1.4 + 1.5×1.7 = 1.5 + 2.1 + 2.55; travel 3 meetings × 1
    assert hours[1].session_hours == D("6.15")
    assert hours[1].travel_hours == D("3")
    assert hours[1].total == D("9.15")
    assert (hours[1].sessions, hours[1].events, hours[1].journeys) == (3, 2, 3)
    assert hours[2].total == D("2.5")


def test_travel_once_per_event_day_when_the_partnership_chose_it():
    hours = person_hours(WORK, [], replace(NORMS, travel_rule="per_event_day"))
    # without dates each event is its own day: travel 2 × 1
    assert hours[1].travel_hours == D("2")
    assert hours[1].total == D("8.15")
    assert (hours[1].sessions, hours[1].events, hours[1].journeys) == (3, 2, 2)


def test_a_session_listed_twice_counts_once_and_packages_add_fixed_hours():
    work = [SessionWork(1, 10, 100, "workshop")] * 2
    hours = person_hours(
        work, [PackageWork(1, "hbo_year_1"), PackageWork(3, "wpb_training")], NORMS
    )
    assert hours[1].sessions == 1
    assert hours[1].total == D("1.5") + D("1") + D("48")
    assert hours[3].total == D("35") and hours[3].sessions == 0


def test_factors_are_data():
    """A new kind gets its factor from the norms; a kind without one counts 1.0."""
    norms = Norms(D("2"), {"excursion": D("2.5")}, D("0"), {})
    hours = person_hours(
        [SessionWork(1, 1, 1, "excursion"), SessionWork(1, 1, 2, "unknown")], [], norms
    )
    assert hours[1].session_hours == D("5") + D("2")


def test_spread_per_school():
    work = [SessionWork(1, 1, 1, "workshop"), SessionWork(2, 1, 2, "work_meeting")]
    hours = person_hours(work, [PackageWork(3, "wpb_training")], NORMS)
    rows = school_hours(hours, {1: 7, 2: 7, 3: 8})
    assert [r.school for r in rows] == [8, 7]  # the heaviest school first
    seven = rows[1].spread
    assert (seven.count, seven.total, seven.low, seven.high) == (2, D("6.05"), D("2.5"), D("3.55"))
    assert seven.mean == D("3.0")  # 3.025 rounded to one decimal
    overall = spread([r.spread.total for r in rows])
    assert overall.ratio == (D("35") / overall.mean).quantize(D("0.01"))
    assert spread([]).ratio is None
