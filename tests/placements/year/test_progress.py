"""The rule behind the year's task list (``placements.year.progress``): what the data say about a
step, and how that combines with the owner's ticks and the due dates."""

import datetime

import pytest

from placements.year.progress import Progress, Round, YearFacts, derived, next_due, step_progress

D = datetime.date
TODAY = D(2027, 5, 1)
P = Progress


@pytest.mark.parametrize(
    ("code", "facts", "expected"),
    [
        ("quota", YearFacts(), P.NOT_STARTED),
        ("quota", YearFacts(quota="draft"), P.IN_PROGRESS),
        ("quota", YearFacts(quota="submitted"), P.IN_PROGRESS),
        ("quota", YearFacts(quota="approved"), P.DONE),
        ("inventory", YearFacts(schools=3), P.NOT_STARTED),
        ("inventory", YearFacts(schools=3, capacity_requested=True), P.IN_PROGRESS),
        ("inventory", YearFacts(schools=3, answered=2), P.IN_PROGRESS),
        ("inventory", YearFacts(schools=3, answered=3), P.DONE),
        ("inventory", YearFacts(schools=0, capacity_requested=True), P.IN_PROGRESS),
        ("division", YearFacts(), P.NOT_STARTED),
        ("division", YearFacts(division="submitted"), P.IN_PROGRESS),
        ("division", YearFacts(division="approved"), P.DONE),
        ("rotation_needs", YearFacts(division="draft"), None),
        ("rotation_needs", YearFacts(division="draft", reserved=2), P.IN_PROGRESS),
        ("preferences", YearFacts(), P.NOT_STARTED),
        (
            "preferences",
            YearFacts(window_opens=D(2027, 5, 2), window_closes=D(2027, 5, 9)),
            P.NOT_STARTED,
        ),
        (
            "preferences",
            YearFacts(window_opens=D(2027, 4, 20), window_closes=D(2027, 5, 1)),
            P.IN_PROGRESS,
        ),
        (
            "preferences",
            YearFacts(window_opens=D(2027, 4, 1), window_closes=D(2027, 4, 30)),
            P.DONE,
        ),
        ("wo_publish", YearFacts(division="approved"), None),
        ("wo_publish", YearFacts(division="published"), P.DONE),
        ("wo_divide", YearFacts(division="published"), None),
        ("hbo_rotation", YearFacts(), None),
        ("hbo_rotation", YearFacts(runs=2), P.IN_PROGRESS),
        ("hbo_rotation", YearFacts(runs=2, committed_runs=1), P.DONE),
        ("proposals", YearFacts(placements={"cancelled": 2}), None),
        ("proposals", YearFacts(placements={"proposed": 2}), P.IN_PROGRESS),
        ("interviews", YearFacts(placements={"proposed": 2}), P.NOT_STARTED),
        ("interviews", YearFacts(placements={"proposed": 1, "interview_held": 1}), P.IN_PROGRESS),
        (
            "interviews",
            YearFacts(placements={"interview_held": 1, "confirmed": 1, "cancelled": 1}),
            P.DONE,
        ),
        ("definitive", YearFacts(placements={"interview_held": 2}), P.NOT_STARTED),
        ("definitive", YearFacts(placements={"interview_held": 1, "confirmed": 1}), P.IN_PROGRESS),
        ("definitive", YearFacts(placements={"active": 1, "confirmed": 1, "cancelled": 3}), P.DONE),
        ("to_admin", YearFacts(), None),
    ],
)
def test_what_the_data_say(code, facts, expected):
    assert derived(code, facts, TODAY) == expected


def test_the_subsidy_hand_over_is_done_after_a_snapshot_per_round():
    two_rounds = [Round(D(2027, 7, 15)), Round(D(2027, 12, 20))]
    assert derived("to_admin", YearFacts(snapshots=1), TODAY, two_rounds) == P.IN_PROGRESS
    assert derived("to_admin", YearFacts(snapshots=2), TODAY, two_rounds) == P.DONE


def test_ticks_close_a_step_whatever_the_data_say():
    rounds = [Round(D(2027, 4, 30), "done")]
    assert step_progress(rounds, P.IN_PROGRESS, TODAY) == P.DONE  # two schools never answered
    assert step_progress([Round(D(2027, 4, 30), "skipped")], None, TODAY) == P.DONE


def test_the_data_close_a_step_nobody_ticked():
    assert step_progress([Round(D(2027, 4, 15))], P.DONE, TODAY) == P.DONE


def test_an_open_round_past_its_due_date_is_overdue():
    assert step_progress([Round(D(2027, 4, 30))], P.IN_PROGRESS, TODAY) == P.OVERDUE
    assert step_progress([Round(D(2027, 4, 30))], None, TODAY) == P.OVERDUE
    assert step_progress([Round(D(2027, 5, 1))], None, TODAY) == P.NOT_STARTED  # due today


def test_a_ticked_first_round_is_progress_until_the_second_is_due():
    rounds = [Round(D(2027, 6, 15), "done"), Round(D(2027, 12, 15))]
    assert step_progress(rounds, None, D(2027, 7, 1)) == P.IN_PROGRESS
    assert step_progress(rounds, None, D(2027, 12, 16)) == P.OVERDUE
    assert next_due(rounds) == D(2027, 12, 15)
    assert next_due([Round(D(2027, 6, 15), "done"), Round(D(2027, 12, 15), "done")]) == D(
        2027, 12, 15
    )


def test_nothing_known_and_nothing_due_is_not_started():
    assert step_progress([Round(D(2027, 6, 1))], None, TODAY) == P.NOT_STARTED
    assert step_progress([Round(D(2027, 6, 1))], P.IN_PROGRESS, TODAY) == P.IN_PROGRESS
