"""The money rules: expected subsidy, the distribution key (sum invariant, largest remainder to
the cent) and the co-docent balance."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from placements.funding import rules


def test_expected_subsidy_counts_each_category_times_its_amount():
    expected = rules.expected_subsidy({"a": 3, "c": 2, "f": 1}, {"a": 250000, "c": 125050})
    assert expected.total == 3 * 250000 + 2 * 125050
    assert expected.students == 6
    assert expected.missing == ["f"]  # a student without an amount counts € 0 and is named


def test_split_is_largest_remainder_to_the_cent():
    # 100 cents over three equal weights: 33 + 33 + 33 and one cent to the first by key
    assert rules.split(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert rules.split(0, {"a": 1}) == {"a": 0}
    assert rules.split(500, {"a": 0, "b": 0}) == {"a": 0, "b": 0}


KEY = rules.Key(10, 20, 30, {"1": 60, "2": 50, "3": 40, "hbo1": 0})


def test_distribution_example():
    students = [
        rules.Student(1, "s1", "i1", "1"),
        rules.Student(2, "s1", "i1", "2"),
        rules.Student(3, "s2", "i2", "3"),
    ]
    result = rules.distribute_total(1_000_000, KEY, ["s1", "s2", "s3"], ["i1", "i2"], students)
    assert result.parts == {
        "own": 100_000,
        "institutes": 200_000,
        "fixed": 300_000,
        "students": 400_000,
    }
    assert {k: v["fixed"] for k, v in result.schools.items()} == {
        "s1": 100_000,
        "s2": 100_000,
        "s3": 100_000,
    }
    # per student: s1 has 60 + 50 = 110 of 150 weight, s2 40
    assert result.schools["s1"]["students"] == 293_333
    assert result.schools["s2"]["students"] == 106_667
    assert result.schools["s3"]["students"] == 0
    assert result.institutes == {"i1": 133_333, "i2": 66_667}
    assert result.parts["own"] + result.distributed == 1_000_000


def test_a_part_nobody_receives_stays_with_the_partnership():
    result = rules.distribute_total(10_000, KEY, [], [], [])
    assert result.parts["own"] == 10_000 and result.distributed == 0


def test_invalid_key_is_refused():
    for key in (rules.Key(60, 30, 20, {}), rules.Key(10, 10, 10, {"1": -1})):
        assert key.problems()


students_st = st.lists(
    st.builds(
        rules.Student,
        id=st.integers(0, 10_000),
        school=st.sampled_from(["s1", "s2", "s3", "s4"]),
        institute=st.sampled_from(["i1", "i2"]),
        facilitation=st.sampled_from(["1", "2", "3", "hbo1", ""]),
    ),
    max_size=40,
    unique_by=lambda s: s.id,
)


@st.composite
def keys(draw):
    own = draw(st.integers(0, 100))
    institutes = draw(st.integers(0, 100 - own))
    fixed = draw(st.integers(0, 100 - own - institutes))
    weights = {c: draw(st.integers(0, 100)) for c in rules.FACILITATION_CATEGORIES}
    return rules.Key(own, institutes, fixed, weights)


@given(
    total=st.integers(0, 10**11),
    key=keys(),
    schools=st.lists(st.sampled_from(["s1", "s2", "s3"]), unique=True),
    students=students_st,
)
def test_every_cent_is_distributed_once(total, key, schools, students):
    result = rules.distribute_total(total, key, schools, ["i1", "i2"], students)
    assert result.parts["own"] + result.distributed == total
    assert sum(result.parts.values()) == total
    assert all(v >= 0 for v in result.parts.values())
    assert sum(result.institutes.values()) == result.parts["institutes"]
    assert sum(p["fixed"] for p in result.schools.values()) == result.parts["fixed"]
    assert sum(p["students"] for p in result.schools.values()) == result.parts["students"]


@given(
    total=st.integers(0, 10**9),
    weights=st.dictionaries(
        st.text(min_size=1, max_size=3), st.integers(0, 1000), min_size=1, max_size=12
    ),
)
def test_split_adds_up_and_is_within_a_cent_of_exact(total, weights):
    shares = rules.split(total, weights)
    assert sum(shares.values()) == (total if sum(weights.values()) else 0)
    weight = sum(weights.values())
    for key, share in shares.items():
        if weight:
            assert abs(share * weight - total * weights[key]) < weight  # less than one cent off


def test_codocent_balance_spreads_hours_by_share():
    balances = rules.codocent_balances(
        {"s1": Decimal("30"), "s2": Decimal("10")}, {"s1": 100, "s2": 300}
    )
    assert balances["s1"].fair_share == Decimal("10.0")
    assert balances["s1"].balance == Decimal("20.0")
    assert balances["s2"].fair_share == Decimal("30.0")
    assert balances["s2"].balance == Decimal("-20.0")
    assert sum(b.balance for b in balances.values()) == 0
