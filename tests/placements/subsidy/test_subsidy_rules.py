"""The pure subsidy rules: minimum practice shares, who counts once a year and where, the
reasons a student is not counted, totals and the differences between two lists."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from placements.subsidy import rules as r

SEPT = datetime.date(2025, 9, 1)
FEB = datetime.date(2026, 2, 1)
REF = datetime.date(2026, 10, 1)


@pytest.mark.parametrize(
    ("category", "percent", "ec", "expected"),
    [
        ("a", 40, None, r.MEETS),
        ("a", 39, None, r.BELOW),
        ("a", None, Decimal(60), r.UNKNOWN),  # a states no EC minimum: programmes differ
        ("a", None, None, r.UNKNOWN),
        ("b", 50, None, r.MEETS),
        ("b", None, Decimal(30), r.MEETS),
        ("b", None, Decimal("29.5"), r.BELOW),
        ("b", 50, Decimal(29), r.BELOW),  # figures that disagree never favour the count
        ("b", 49, Decimal(30), r.BELOW),
        ("c", 20, None, r.MEETS),
        ("c", None, Decimal(12), r.MEETS),
        ("c", 19, None, r.BELOW),
        ("d", 25, Decimal(30), r.MEETS),
        ("d", None, Decimal(29), r.BELOW),
        ("e", None, Decimal(15), r.MEETS),
        ("e", None, Decimal(14), r.BELOW),
        ("e", 80, None, r.UNKNOWN),  # e's minimum is in EC; a percentage of what?
        ("f", None, None, r.NO_MINIMUM),
        ("g", 5, Decimal(1), r.NO_MINIMUM),
        ("", 50, None, r.NO_MINIMUM),
    ],
)
def test_practice_check(category, percent, ec, expected):
    assert r.practice_check(category, percent, ec) == expected


def pl(id, status="active", starts_on=SEPT, school=1, percent=None, ec=None):
    return r.PlacementFacts(id, status, starts_on, school, percent, ec)


def test_a_student_who_changed_school_counts_once_at_the_latest_school():
    out = r.classify(
        r.StudentFacts(1, "c"),
        [pl(2, "confirmed", FEB, school=20), pl(1, "completed", SEPT, school=10, percent=20)],
        REF,
    )
    assert out.counted and out.category == "c"
    assert out.placement.id == 2 and out.other_school_ids == (10,)
    assert out.share.id == 1 and out.check == r.MEETS  # the latest share that was recorded


def test_reference_date_leaves_out_later_starts_and_counts_the_earlier_placement():
    student = r.StudentFacts(1, "c")
    placements = [pl(1, "completed", SEPT, school=10), pl(2, "confirmed", FEB, school=20)]
    out = r.classify(student, placements, datetime.date(2025, 10, 1))
    assert out.counted and out.placement.school_id == 10 and out.other_school_ids == ()
    later = r.classify(student, [placements[1]], datetime.date(2025, 10, 1))
    assert later.reason == r.STARTS_LATER


@pytest.mark.parametrize(
    ("student", "placements", "reason"),
    [
        (r.StudentFacts(1, ""), [pl(1)], r.NO_CATEGORY),
        (r.StudentFacts(1, "a", "g"), [pl(1)], r.OVERRIDDEN),
        (r.StudentFacts(1, "a", "a"), [pl(1)], ""),  # an override equal to the derived one
        (r.StudentFacts(1, "a"), [pl(1, percent=30)], r.BELOW_MINIMUM),
        (r.StudentFacts(1, "a"), [pl(1)], ""),  # unknown share: counted (and flagged)
        (r.StudentFacts(1, "a"), [pl(1, "cancelled")], r.CANCELLED),
        (r.StudentFacts(1, "a"), [pl(1, "cancelled"), pl(2, "proposed", FEB)], r.NOT_CONFIRMED),
        (r.StudentFacts(1, "a"), [pl(1, "interview_held")], r.NOT_CONFIRMED),
        (r.StudentFacts(1, "a"), [pl(1, "cancelled"), pl(2, "active", FEB)], ""),
    ],
)
def test_reasons(student, placements, reason):
    assert r.classify(student, placements, REF).reason == reason


def test_no_placement_no_outcome():
    assert r.classify(r.StudentFacts(1, "a"), [], REF) is None


def test_totals_per_category_institute_and_school():
    rows = [
        {"category": "a", "institute": "Hogeschool", "school": "Beta"},
        {"category": "a", "institute": "Hogeschool", "school": "alfa"},
        {"category": "c", "institute": "Universiteit", "school": "Beta"},
    ]
    totals = r.totals(rows)
    assert totals.by_category == {"a": 2, "b": 0, "c": 1, "d": 0, "e": 0, "f": 0, "g": 0}
    assert totals.total == 3
    assert list(totals.by_school) == ["alfa", "Beta"]
    assert totals.by_school["Beta"]["a"] == 1 and totals.by_school["Beta"]["c"] == 1
    assert totals.by_institute["Hogeschool"]["a"] == 2


def test_compare():
    def row(student, category, school):
        return {"student_id": student, "category": category, "school_id": school}

    before = [row(1, "a", 10), row(2, "a", 10), row(3, "c", 10), row(4, "d", 10)]
    after = [row(1, "a", 10), row(3, "d", 10), row(4, "d", 11), row(5, "a", 10)]
    diff = r.compare(before, after)
    assert [x["student_id"] for x in diff.added] == [5]
    assert [x["student_id"] for x in diff.removed] == [2]
    assert [(b["category"], a["category"]) for b, a in diff.category_changed] == [("c", "d")]
    assert [(b["school_id"], a["school_id"]) for b, a in diff.school_changed] == [(10, 11)]
    assert r.compare(after, after).is_empty


statuses = st.sampled_from(
    ["proposed", "interview_planned", "interview_held", "confirmed", "active", "completed"]
    + ["cancelled"]
)
placement_lists = st.lists(
    st.builds(
        pl,
        id=st.integers(1, 1000),
        status=statuses,
        starts_on=st.sampled_from([SEPT, FEB]),
        school=st.integers(1, 4),
        percent=st.none() | st.integers(0, 100),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda p: p.id,
)


@given(
    placements=placement_lists,
    category=st.sampled_from(["", *r.CATEGORIES]),
    reference=st.sampled_from([datetime.date(2025, 10, 1), REF]),
)
def test_every_student_with_a_placement_is_counted_or_has_a_reason(placements, category, reference):
    out = r.classify(r.StudentFacts(1, category), placements, reference)
    assert out.reason in ("", *r.REASONS)
    counted = [p for p in placements if p.status in r.HOLDING and p.starts_on <= reference]
    if out.counted:
        assert counted and out.placement in counted and category
        assert out.placement.school_id not in out.other_school_ids
    elif out.reason in (r.STARTS_LATER, r.NOT_CONFIRMED, r.CANCELLED):
        assert not counted
