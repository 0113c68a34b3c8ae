"""The pure placement rules: quota distribution, facilitation hours, small appointments."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from placements.appointments import rules as ar
from placements.calendar.procedure import STEPS, due_dates
from placements.facilitation import rules as fr
from placements.quota.rules import Unit, distribute, over_margin

SEED_SCHOOLS = [  # seed 002 §3.2: pupils and the seed's own (inconsistent) shares
    ("Corbulo College", 225, 3),
    ("Diamant College", 455, 7),
    ("Heldring College", 460, 7),
    ("Segbroek College", 2210, 34),
    ("'s-Gravendreef College", 1110, 17),
    ("Roemer Visscher College", 415, 6),
    ("Christelijk Gymnasium Sorghvliet", 800, 12),
]


def test_seed_quota_of_88_adds_up_exactly_where_the_seed_table_does_not():
    units = [Unit(name, name, pupils) for name, pupils, _ in SEED_SCHOOLS]
    shares = distribute(88, units)
    assert sum(shares.values()) == 88
    assert sum(seed for _, _, seed in SEED_SCHOOLS) == 86  # the seed's table is 2 short
    # Largest remainders: Corbulo (.489) and Roemer Visscher (.435) get the two extra places.
    assert shares["Corbulo College"] == 4
    assert shares["Roemer Visscher College"] == 7
    assert shares["Segbroek College"] == 34


@given(
    quota=st.integers(min_value=0, max_value=500),
    pupils=st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=40),
)
def test_distribution_always_adds_up_and_stays_within_one_of_exact(quota, pupils):
    units = [Unit(str(i), f"s{i:02}", p) for i, p in enumerate(pupils)]
    shares = distribute(quota, units)
    total = sum(pupils)
    if total == 0:
        assert set(shares.values()) == {0}
        return
    assert sum(shares.values()) == quota
    for unit in units:
        exact = quota * unit.pupils / total
        assert exact - 1 < shares[unit.key] < exact + 1
        if unit.pupils == 0:
            assert shares[unit.key] == 0


def test_over_margin():
    assert not over_margin(11, 10, 10)
    assert over_margin(12, 10, 10)
    assert over_margin(1, 0, 10)


def test_facilitation_hours_per_school_and_person():
    whole, first = fr.WHOLE_YEAR, frozenset({fr.FIRST_HALF})
    rows = [  # student, unit, category, halves, wpb, so, institute
        fr.PlacementRow(1, 1, "1", whole, 10, 20, 100),
        fr.PlacementRow(2, 1, "2", whole, 11, 20, 100),
        fr.PlacementRow(3, 1, "2", first, 11, 20, 100),  # minor, half a year
        fr.PlacementRow(4, 2, "3", whole, 12, 21, 101),
        fr.PlacementRow(5, 2, "", whole, 12, 21, 101),  # unknown category: no hours
    ]
    schools = fr.hours_per_school(rows, fr.DEFAULT_NORMS, 342, units=[1, 2, 3])
    assert schools[1].wpb == Decimal(36 + 36 + 18)
    assert schools[1].so == Decimal(24 + 14 + 7)
    assert schools[1].students == Decimal("2.5")
    assert schools[1].total == Decimal(90 + 45 + 342)
    assert schools[2].total == Decimal(36 + 4 + 342)
    assert schools[3].total == 342  # no students: still the base hours
    people = fr.hours_per_person(rows, fr.DEFAULT_NORMS)
    assert people[11] == Decimal(54)
    assert people[20] == Decimal(45)


def test_institute_norms_differ_per_institute():
    iclon = [
        fr.InstituteNormData(Decimal(16), "student", "year"),
        fr.InstituteNormData(Decimal(80), "group", "year", 15, 15),
    ]
    assert fr.institute_hours(Decimal(16), iclon, 40) == 16 * 16 + 2 * 80
    per_week = [fr.InstituteNormData(Decimal(2), "student", "week")]
    assert fr.institute_hours(Decimal(3), per_week, 40) == 240
    hr = [fr.InstituteNormData(Decimal(8), "group", "week", 20, 25)]
    assert fr.institute_hours(Decimal(23), hr, 40) == 320


def _appointment(**kwargs):
    base = dict(
        study_year=3,
        hours_per_week=Decimal(5),
        has_paid_job=False,
        on_schedule_1_may=True,
        has_propaedeutic=True,
        open_courses=0,
        institute_advice_positive=True,
        school_advice_positive=True,
        free_days=2,
    )
    return ar.Appointment(**(base | kwargs))


def test_small_appointment_rules():
    assert ar.check(_appointment()) == []
    assert [c for c, _ in ar.check(_appointment(hours_per_week=Decimal(6)))] == ["too_many_hours"]
    assert ar.check(_appointment(hours_per_week=Decimal(7), has_paid_job=True)) == []
    codes = [
        c
        for c, _ in ar.check(
            _appointment(hours_per_week=Decimal(7), has_paid_job=True, open_courses=2)
        )
    ]
    assert codes == ["too_many_hours", "contradicts_on_schedule", "not_on_schedule"]
    assert ar.check(_appointment(study_year=4, hours_per_week=Decimal(6))) == []
    # year 4 needs the propaedeutic diploma too; the ticked box does not outweigh the fact
    codes = [
        c
        for c, _ in ar.check(
            _appointment(
                study_year=4, hours_per_week=Decimal(6), has_paid_job=True, has_propaedeutic=False
            )
        )
    ]
    assert codes == ["contradicts_on_schedule", "not_on_schedule"]
    assert (
        ar.check(
            _appointment(study_year=4, hours_per_week=Decimal(8), has_paid_job=True, open_courses=2)
        )
        == []
    )
    codes = [
        c
        for c, _ in ar.check(
            _appointment(free_days=1, school_advice_positive=False, institute_advice_positive=False)
        )
    ]
    assert codes == ["too_few_free_days", "no_institute_advice", "no_school_advice"]
    assert ar.check(_appointment(study_year=2))[0][0] == "year_not_allowed"


def test_procedure_has_fifteen_steps_with_dates_in_order_of_the_seed():
    assert [s.number for s in STEPS] == list(range(1, 16))
    step15 = STEPS[14]
    assert [d.isoformat() for d in due_dates(step15, 2026)] == ["2026-07-15", "2026-12-20"]
    assert due_dates(STEPS[12], 2026)[1].isoformat() == "2027-01-20"
