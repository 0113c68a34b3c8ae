"""From answer counts to statistics (``quality.aggregate``)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quality import aggregate


def test_scale_stats():
    stats = aggregate.scale_stats({1: 1, 4: 2, 5: 1}, dont_know=1)
    assert stats == {
        "counts": [1, 0, 0, 2, 1],
        "valued": 4,
        "dont_know": 1,
        "dont_know_share": 0.2,
        "answered": 5,
        "mean": 3.5,
    }


def test_scale_stats_of_only_dont_know_has_no_mean():
    stats = aggregate.scale_stats({}, dont_know=3)
    assert stats["mean"] is None and stats["dont_know_share"] == 1.0


def test_tally_counts_answer_tuples():
    counts = aggregate.tally(
        [(1, "main", 4, False), (1, "main", 4, False), (1, "main", None, True)]
    )
    assert counts[(1, "main", 4, False)] == 2 and counts[(1, "main", None, True)] == 1


def test_choice_shares_are_of_respondents():
    stats = aggregate.choice_stats({0: 3, 2: 4}, ["x", "y", "z"], respondents=5)
    assert [(o["label"], o["count"], o["share"]) for o in stats["options"]] == [
        ("x", 3, 0.6),
        ("y", 0, 0.0),
        ("z", 4, 0.8),
    ]


def test_double_gap_is_desired_minus_actual():
    desired = aggregate.scale_stats({5: 2})
    actual = aggregate.scale_stats({3: 1, 2: 1}, dont_know=1)
    assert aggregate.double_stats(desired, actual)["gap"] == 2.5
    assert aggregate.double_stats(desired, aggregate.scale_stats({}, 2))["gap"] is None


def test_areas_ranked_by_mean_gap():
    items = [
        {"area": "klimaat", "desired": 4.0, "actual": 3.0, "gap": 1.0},
        {"area": "klimaat", "desired": 4.0, "actual": 4.0, "gap": 0.0},
        {"area": "onderzoek", "desired": 5.0, "actual": 3.0, "gap": 2.0},
        {"area": "middelen", "desired": None, "actual": None, "gap": None},
    ]
    areas = aggregate.area_gaps(items)
    assert [(a["area"], a["gap"], a["questions"]) for a in areas] == [
        ("onderzoek", 2.0, 1),
        ("klimaat", 0.5, 2),
    ]
    assert [i["gap"] for i in aggregate.rank_gaps(items)] == [2.0, 1.0, 0.0]


def test_open_texts_shuffled_deterministically_and_independent_of_input_order():
    texts = ["first", "second", "third", "fourth", "  "]
    once = aggregate.shuffled(texts, "7")
    assert once == aggregate.shuffled(list(reversed(texts)), "7")
    assert sorted(once) == sorted(["first", "second", "third", "fourth"])


@given(st.dictionaries(st.integers(1, 5), st.integers(0, 50)), st.integers(0, 20))
def test_mean_lies_on_the_scale(counts, dont_know):
    stats = aggregate.scale_stats(counts, dont_know)
    assert stats["answered"] == sum(counts.values()) + dont_know
    if stats["valued"]:
        assert 1 <= stats["mean"] <= 5
    else:
        assert stats["mean"] is None


@pytest.mark.parametrize("respondents", [0])
def test_choice_without_respondents_has_no_share(respondents):
    assert aggregate.choice_stats({}, ["a", "b"], respondents)["options"][0]["share"] is None
