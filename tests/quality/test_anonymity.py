"""The anonymity rules (``quality.anonymity``), with examples and hypothesis properties."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quality.anonymity import FLOOR, may_show, may_show_within, visible_cells

K = st.integers(min_value=FLOOR, max_value=12)
CELLS = st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), max_size=8)


@pytest.mark.parametrize(
    ("n", "population", "shown"),
    [
        (4, 4, False),  # too few
        (5, 5, True),  # the whole population
        (6, 6, True),
        (8, 11, False),  # the other 3 would be revealed by subtraction
        (8, 13, True),
        (0, 10, False),
    ],
)
def test_may_show(n, population, shown):
    assert may_show(n, population, 5) is shown


def test_threshold_never_below_the_floor():
    with pytest.raises(ValueError):
        may_show(10, 10, 4)
    with pytest.raises(ValueError):
        visible_cells({"a": 10}, 3)


def test_a_group_larger_than_its_population_is_an_error():
    with pytest.raises(ValueError):
        may_show(6, 5, 5)


def test_breakdown_suppresses_the_next_smallest_cell():
    assert visible_cells({"a": 3, "b": 6, "c": 9}, 5) == {"c"}


def test_breakdown_with_enough_suppressed_keeps_the_rest():
    assert visible_cells({"a": 2, "b": 3, "c": 6, "d": 9}, 5) == {"c", "d"}


def test_breakdown_of_a_small_population_shows_nothing():
    assert visible_cells({"a": 2, "b": 1}, 5) == set()


def test_a_remainder_outside_the_cells_counts_as_suppressed():
    assert visible_cells({"a": 10, "b": 7}, 5, population=19) == {"a"}


def test_blocked_cells_are_suppressed_and_complemented():
    assert visible_cells({"a": 6, "b": 7, "c": 30}, 5, blocked={"a"}) == {"b", "c"}
    assert visible_cells({"a": 6, "b": 30}, 5, blocked={"a"}) == {"b"}


@settings(max_examples=300)
@given(cells=CELLS, k=K, extra=st.integers(0, 10))
def test_breakdown_properties(cells, k, extra):
    population = sum(cells.values()) + extra
    shown = visible_cells(cells, k, population=population)
    assert all(cells[c] >= k for c in shown)  # no shown cell below k
    if not shown:  # nothing shown, nothing to subtract from
        return
    suppressed = population - sum(cells[c] for c in shown)
    assert suppressed == 0 or suppressed >= k
    # the shown cells never add up to the population minus a small suppressed set
    # (the responses outside every cell count as one more hidden part)
    hidden = [cells[c] for c in cells if c not in shown] + [extra]
    for size in range(1, len(hidden) + 1):
        for combo in itertools.combinations(hidden, size):
            if 0 < sum(combo) < k:
                assert sum(cells[c] for c in shown) != population - sum(combo)


@settings(max_examples=300)
@given(n=st.integers(0, 60), rest=st.integers(0, 60), k=K)
def test_a_filter_is_never_shown_with_a_small_complement(n, rest, k):
    shown = may_show(n, n + rest, k)
    if 0 < rest < k or n < k:
        assert not shown
    else:
        assert shown


@settings(max_examples=200)
@given(n=st.integers(0, 40), populations=st.lists(st.integers(0, 40), max_size=4), k=K)
def test_within_every_population(n, populations, k):
    populations = [n + p for p in populations]
    shown = may_show_within(n, populations, k)
    assert shown == (n >= k and all(p - n == 0 or p - n >= k for p in populations))
