"""The target measures (quality.targets): exact fractions, anonymity, verdicts (issue 15)."""

from fractions import Fraction

import pytest

from quality import targets as t

K = 5


def test_question_mean_is_exact_and_leaves_out_dont_know():
    m = t.question_mean({1: {4: 3, 5: 2}, 2: {3: 5}}, K)  # dont-know never reaches the counts
    assert m.value == Fraction(4 * 3 + 5 * 2 + 3 * 5, 10) == Fraction(37, 10)
    assert m.n == 10
    assert t.verdict(m, t.GE, Fraction(37, 10)) == t.MET
    assert t.verdict(m, t.GE, Fraction(371, 100)) == t.NOT_MET


def test_a_round_below_the_threshold_makes_the_measure_not_measurable():
    m = t.question_mean({1: {4: 10}, 2: {5: 4}}, K)  # 4 answers in round 2: never added
    assert not m.measurable and m.reason == t.TOO_FEW
    assert t.verdict(m, t.GE, Fraction(4)) == t.NOT_MEASURABLE
    assert t.question_mean({1: {}}, K).reason == t.NO_DATA


def test_share_agreeing():
    m = t.question_agree({1: {5: 2, 4: 2, 3: 1, 1: 1}}, K)
    assert m.value == Fraction(4, 6) == Fraction(2, 3)
    assert (m.numerator, m.denominator) == (4, 6)
    assert t.verdict(m, t.GE, Fraction(2, 3)) == t.MET


def test_koos_gap_of_a_question_and_an_area():
    gap = t.question_gap({1: {5: 5}}, {1: {3: 3, 4: 2}}, K)
    assert gap.value == Fraction(5) - Fraction(17, 5) == Fraction(8, 5)
    area = t.area_gap({1: ({1: {5: 5}}, {1: {3: 5}}), 2: ({1: {4: 5}}, {1: {4: 5}})}, K)
    assert area.value == Fraction(2 + 0, 2) == 1
    assert t.verdict(area, t.LE, Fraction(1)) == t.MET
    small = t.area_gap({1: ({1: {5: 5}}, {1: {3: 2}})}, K)
    assert small.reason == t.TOO_FEW


def test_area_mean_weighs_questions_equally():
    m = t.area_mean({1: {1: {5: 5}}, 2: {1: {2: 10}}}, K)
    assert m.value == Fraction(5 + 2, 2)


def test_response_rate_two_thirds_exactly():
    assert t.verdict(t.response_rate([(200, 300)]), t.GE, Fraction(2, 3)) == t.MET
    assert t.verdict(t.response_rate([(333, 500)]), t.GE, Fraction(2, 3)) == t.NOT_MET
    assert t.response_rate([(120, 200), (80, 100)]).value == Fraction(2, 3)
    assert t.response_rate([]).reason == t.NO_DATA


def test_dropout_compliance_attendance_participation():
    assert t.dropout(1, 20).value == Fraction(1, 20)
    assert t.verdict(t.dropout(1, 20), t.LE, Fraction(5, 100)) == t.MET
    assert t.verdict(t.dropout(2, 39), t.LE, Fraction(5, 100)) == t.NOT_MET  # 5.1 %
    assert t.verdict(t.compliance(12, 12), t.EQ, Fraction(1)) == t.MET
    assert t.attendance(19, 20).value == Fraction(19, 20)
    assert t.participation(0, 0).reason == t.NO_DATA


def test_quota_realisation():
    m = t.quota_realisation(57, 60)
    assert (m.value, m.numerator, m.denominator) == (Fraction(19, 20), 57, 60)
    assert t.quota_realisation(Fraction(7, 2), 4).numerator is None  # half a student: no count
    assert t.verdict(m, t.GE, Fraction(95, 100)) == t.MET
    assert t.verdict(t.quota_realisation(56, 60), t.GE, Fraction(95, 100)) == t.NOT_MET
    assert t.quota_realisation(5, None).reason == t.NO_QUOTA


def test_movement_as_seen_from_the_comparison():
    up, down = t.share(3, 4), t.share(1, 4)
    assert t.movement(down, up, t.GE) == "better"
    assert t.movement(down, up, t.LE) == "worse"
    assert t.movement(up, up, t.GE) == "same"
    assert t.movement(t.not_measurable(t.TOO_FEW), up, t.GE) == "unknown"


@pytest.mark.parametrize(
    ("text", "measure", "value"),
    [
        ("4,0", t.MEAN, Fraction(4)),
        ("3.85", t.MEAN, Fraction(77, 20)),
        ("2/3", t.RESPONSE, Fraction(2, 3)),
        ("95%", t.QUOTA, Fraction(19, 20)),
        ("95", t.QUOTA, Fraction(19, 20)),
        ("0,05", t.DROPOUT, Fraction(1, 20)),
        ("-0,5", t.KOOS_GAP, Fraction(-1, 2)),
    ],
)
def test_parse_value(text, measure, value):
    assert t.parse_value(text, measure) == value


@pytest.mark.parametrize(("text", "measure"), [("9", t.MEAN), ("150%", t.QUOTA), ("x", t.MEAN)])
def test_parse_value_refuses(text, measure):
    with pytest.raises(ValueError):
        t.parse_value(text, measure)


def test_display_never_reads_as_the_target_when_it_differs():
    value, target = Fraction(6667, 10000), Fraction(2, 3)
    assert t.display(value, t.RESPONSE) == t.display(target, t.RESPONSE) == "66.7%"
    assert t.display_distinct(value, target, t.RESPONSE) == "66.67%"
    assert t.display_distinct(Fraction(2, 3), target, t.RESPONSE) == "66.7%"
