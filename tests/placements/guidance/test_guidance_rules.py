"""The guidance norms as pure rules (no database): fixed examples from 002 Bijlagen 3–4 and
property tests for the invariants."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from placements.guidance import rules

D = datetime.date
SEPT = rules.Period(D(2026, 9, 1), D(2027, 6, 30))
TALK_HBO = rules.Norm("talk", every_weeks=2)
TALK_WO = rules.Norm("talk", every_weeks=1)
CONSULT = rules.Norm("consultation", per_period=2)
MID = rules.Norm("mid_evaluation", per_period=1)


def test_a_norm_has_one_shape():
    with pytest.raises(ValueError):
        rules.Norm("talk")
    with pytest.raises(ValueError):
        rules.Norm("talk", every_weeks=1, per_period=2)
    with pytest.raises(ValueError):
        rules.Norm("talk", every_weeks=0)


def test_talks_every_two_weeks_for_hbo():
    # the first two weeks are not behind yet: the first talk is due at the end of them
    assert not rules.status(TALK_HBO, SEPT, [], D(2026, 9, 13)).behind
    assert rules.status(TALK_HBO, SEPT, [], D(2026, 9, 14)).behind
    # a talk 13 days ago is within the norm, 14 days ago is not
    assert not rules.status(TALK_HBO, SEPT, [D(2026, 11, 24)], D(2026, 12, 7)).behind
    assert rules.status(TALK_HBO, SEPT, [D(2026, 11, 23)], D(2026, 12, 7)).behind
    # the wo norm is weekly
    assert rules.status(TALK_WO, SEPT, [D(2026, 11, 30)], D(2026, 12, 7)).behind
    assert not rules.status(TALK_WO, SEPT, [D(2026, 12, 1)], D(2026, 12, 7)).behind


def test_a_future_entry_does_not_count_yet():
    state = rules.status(TALK_HBO, SEPT, [D(2026, 12, 20)], D(2026, 12, 7))
    assert state.done == 0 and state.behind


def test_consultations_come_due_at_a_third_and_two_thirds():
    assert rules.due_dates(CONSULT, SEPT) == [D(2026, 12, 10), D(2027, 3, 21)]
    assert rules.due_dates(MID, SEPT) == [D(2027, 1, 30)]  # halfway
    assert rules.expected(CONSULT, SEPT, D(2026, 12, 9)) == 0
    assert rules.expected(CONSULT, SEPT, D(2026, 12, 10)) == 1
    assert rules.status(CONSULT, SEPT, [], D(2026, 12, 10)).behind
    assert not rules.status(CONSULT, SEPT, [D(2026, 10, 1)], D(2026, 12, 10)).behind


def test_after_the_period_talks_are_no_longer_due():
    assert not rules.status(TALK_WO, SEPT, [], D(2027, 7, 20)).behind
    assert rules.status(CONSULT, SEPT, [D(2027, 1, 1)], D(2027, 7, 20)).behind  # 1 of 2


def test_a_level_norm_wins_over_the_general_one():
    rows = [("talk", "", TALK_HBO), ("talk", "wo", TALK_WO)]
    assert rules.norm_for(rows, "talk", "wo") is TALK_WO
    assert rules.norm_for(rows, "talk", "hbo") is TALK_HBO
    assert rules.norm_for(rows, "consultation", "hbo") is None


days = st.integers(min_value=-30, max_value=400).map(
    lambda n: D(2026, 9, 1) + datetime.timedelta(n)
)
periods = st.builds(
    lambda start, length: rules.Period(
        D(2026, 9, 1) + datetime.timedelta(start),
        D(2026, 9, 1) + datetime.timedelta(start + length),
    ),
    st.integers(0, 160),
    st.integers(0, 320),
)
norms = st.one_of(
    st.builds(lambda n: rules.Norm("talk", every_weeks=n), st.integers(1, 6)),
    st.builds(lambda n: rules.Norm("consultation", per_period=n), st.integers(1, 6)),
)


@given(norms, periods, days, days)
def test_expected_never_falls_as_the_days_pass(norm, period, a, b):
    early, late = sorted((a, b))
    assert rules.expected(norm, period, early) <= rules.expected(norm, period, late)


@given(norms, periods, days)
def test_nothing_is_due_before_the_start(norm, period, day):
    if day < period.start:
        assert rules.expected(norm, period, day) == 0
        assert not rules.status(norm, period, [], day).behind


@given(st.integers(1, 6), periods)
def test_a_per_period_norm_is_all_due_by_the_end(m, period):
    norm = rules.Norm("consultation", per_period=m)
    assert rules.expected(norm, period, period.end) == m
    assert all(period.start <= due <= period.end for due in rules.due_dates(norm, period))


@given(norms, periods, days, st.lists(days, max_size=8), days)
def test_one_more_entry_never_puts_a_placement_behind(norm, period, day, dates, extra):
    before = rules.status(norm, period, dates, day)
    after = rules.status(norm, period, [*dates, extra], day)
    assert after.behind <= before.behind
    assert after.done >= before.done


@given(norms, periods, days, days, days)
def test_windows_add_up(norm, period, a, b, c):
    x, y, z = sorted((a, b, c))
    whole = rules.due_in_window(norm, period, x, z)
    parts = rules.due_in_window(norm, period, x, y) + rules.due_in_window(
        norm, period, y + rules.DAY, z
    )
    assert whole == parts


@given(st.integers(1, 6), periods, days, st.lists(days, max_size=8))
def test_a_per_period_norm_is_behind_exactly_when_fewer_than_due(m, period, day, dates):
    norm = rules.Norm("consultation", per_period=m)
    state = rules.status(norm, period, dates, day)
    assert state.behind == (state.done < state.expected)
