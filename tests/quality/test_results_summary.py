"""``quality.results.round_summary`` on crafted rounds: thresholds, filters, breakdowns, open
text, KOOS gaps and trend."""

import datetime
import json

import pytest
from django.utils.html import escape
from django.utils.translation import gettext

from quality.choices import QuestionKind
from quality.models import QualitySettings
from quality.results import round_summary
from tests.factories import InstituteFactory, PartnershipFactory, SchoolFactory
from tests.quality.factories import SurveyRoundFactory
from tests.quality.results_world import DONT_KNOW, closed_round, respond, survey_with

pytestmark = pytest.mark.django_db

S, D, SI, M, OPEN = (
    QuestionKind.SCALE,
    QuestionKind.DOUBLE_SCALE,
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.OPEN,
)


@pytest.fixture
def p():
    return PartnershipFactory()


def questions_of(summary):
    return {q["id"]: q for s in summary["sections"] for q in s["questions"]}


@pytest.mark.parametrize(("n", "shown"), [(4, False), (5, True), (6, True)])
def test_whole_round_needs_min_group(p, n, shown):
    survey, (q,) = survey_with(p, S)
    r = closed_round(survey)
    respond(r, {q: 4}, n)
    summary = round_summary(round=r)
    assert summary["shown"] is shown
    assert (summary["responses"] == n) if shown else summary["responses"] is None
    if shown:
        stats = questions_of(summary)[q.pk]["stats"]
        assert stats["counts"] == [0, 0, 0, n, 0]
        assert stats["mean"] == 4.0
    else:
        assert summary["participation"] is None and summary["sections"] == []
    json.dumps(summary)  # plain data only


def test_not_closed_round_has_no_summary(p):
    survey, (q,) = survey_with(p, S)
    r = SurveyRoundFactory(survey=survey)
    respond(r, {q: 4}, 10)
    with pytest.raises(ValueError, match="closed"):
        round_summary(round=r)


def test_a_filter_whose_complement_is_three_is_not_shown(p):
    school1, school2 = SchoolFactory(partnership=p), SchoolFactory(partnership=p)
    survey, (q,) = survey_with(p, S)
    r = closed_round(survey)
    respond(r, {q: 2}, 8, school=school1)
    respond(r, {q: 5}, 3, school=school2)
    assert round_summary(round=r)["shown"]
    assert not round_summary(round=r, filters={"school": school1.pk})["shown"]
    assert not round_summary(round=r, filters={"school": school2.pk})["shown"]
    respond(r, {q: 5}, 2, school=school2)  # now 8 and 5
    filtered = round_summary(round=r, filters={"school": school1.pk})
    assert filtered["shown"] and filtered["responses"] == 8
    assert questions_of(filtered)[q.pk]["stats"]["mean"] == 2.0


def test_combined_filters_are_checked_against_each_looser_filter(p):
    school1, school2 = SchoolFactory(partnership=p), SchoolFactory(partnership=p)
    survey, (q,) = survey_with(p, S)
    r = closed_round(survey)
    respond(r, {q: 3}, 6, school=school1, category="a")
    respond(r, {q: 3}, 2, school=school1, category="b")  # school1 minus (school1, a) = 2
    respond(r, {q: 3}, 10, school=school2, category="b")
    both = {"school": school1.pk, "category": "a"}
    # (school1, a) = 6 of 18 in the round (complement 12) and of 16 with category a… but of 8
    # at school1, where the remaining 2 would be revealed by subtraction
    assert not round_summary(round=r, filters=both)["shown"]


def test_breakdown_with_a_cell_of_three_suppresses_the_next_smallest(p):
    s1, s2, s3 = (SchoolFactory(partnership=p, name=n) for n in ("Alfa", "Beta", "Gamma"))
    survey, (q,) = survey_with(p, S)
    r = closed_round(survey)
    respond(r, {q: 1}, 3, school=s1)
    respond(r, {q: 2}, 6, school=s2)
    respond(r, {q: 4}, 9, school=s3)
    summary = round_summary(round=r, breakdown="school")
    cells = {c["label"]: c for c in summary["breakdown"]["cells"]}
    assert not cells["Alfa"]["shown"] and cells["Alfa"]["responses"] is None
    assert not cells["Beta"]["shown"] and cells["Beta"]["responses"] is None
    assert cells["Gamma"]["shown"] and cells["Gamma"]["responses"] == 9
    per_question = {c["label"]: c for c in questions_of(summary)[q.pk]["cells"]}
    assert per_question["Alfa"]["stats"] is None and per_question["Beta"]["stats"] is None
    assert per_question["Gamma"]["stats"]["mean"] == 4.0
    # the whole round is still shown
    assert questions_of(summary)[q.pk]["stats"]["answered"] == 18


def test_a_question_few_answered_is_suppressed_and_complemented_per_cell(p):
    s1, s2 = SchoolFactory(partnership=p, name="Alfa"), SchoolFactory(partnership=p, name="Beta")
    survey, (q, optional) = survey_with(p, S, S)
    r = closed_round(survey)
    respond(r, {q: 3, optional: 5}, 3, school=s1)
    respond(r, {q: 3}, 4, school=s1)
    respond(r, {q: 3, optional: 1}, 8, school=s2)
    summary = round_summary(round=r, breakdown="school")
    cells = {c["label"]: c for c in questions_of(summary)[optional.pk]["cells"]}
    # Alfa has 7 responses (shown), but only 3 answered the optional question: its cell is hidden
    # for that question, and so is Beta's (else 11 − 8 would give Alfa's three answers away)
    assert not cells["Alfa"]["shown"] and not cells["Beta"]["shown"]
    assert questions_of(summary)[optional.pk]["stats"]["answered"] == 11


def test_open_text_needs_ten_and_never_in_a_breakdown(p):
    survey, (q, text) = survey_with(p, S, OPEN)
    r = closed_round(survey)
    respond(r, {q: 4, text: "The mentor made time every week"}, 9)
    summary = round_summary(round=r)
    assert summary["shown"] and not summary["open_text"]
    assert questions_of(summary)[text.pk]["stats"] is None
    respond(r, {q: 4, text: "More feedback please"}, 1)
    summary = round_summary(round=r)
    texts = questions_of(summary)[text.pk]["stats"]["texts"]
    assert sorted(set(texts)) == ["More feedback please", "The mentor made time every week"]
    assert len(texts) == 10
    assert round_summary(round=r, breakdown="group")["open_text"] is False


def test_dont_know_share_and_mean_without_dont_know(p):
    survey, (q,) = survey_with(p, S)
    r = closed_round(survey)
    respond(r, {q: 5}, 3)
    respond(r, {q: 2}, 3)
    respond(r, {q: DONT_KNOW}, 2)
    stats = questions_of(round_summary(round=r))[q.pk]["stats"]
    assert stats["counts"] == [0, 3, 0, 0, 3]
    assert stats["dont_know"] == 2 and stats["dont_know_share"] == 0.25
    assert stats["mean"] == 3.5 and stats["answered"] == 8


def test_choice_shares_are_of_respondents(p):
    survey, (single, multiple) = survey_with(p, SI, M)
    r = closed_round(survey)
    respond(r, {single: 0, multiple: [0, 1]}, 4)
    respond(r, {single: 2, multiple: [2]}, 4)
    found = questions_of(round_summary(round=r))
    assert [o["count"] for o in found[single.pk]["stats"]["options"]] == [4, 0, 4]
    options = found[multiple.pk]["stats"]["options"]
    assert [(o["label"], o["count"], o["share"]) for o in options] == [
        ("a", 4, 0.5),
        ("b", 4, 0.5),
        ("c", 4, 0.5),
    ]


def test_koos_gaps_ranked_per_item_and_area(p):
    survey, (climate, climate2) = survey_with(p, D, D, area="klimaat")
    _same, (research,) = survey_with(p, D, area="onderzoek")
    research.section.survey = survey
    research.section.save()
    research.quality_area = ""  # inherits the section's area
    research.save()
    r = closed_round(survey)
    respond(r, {climate: (5, 4), climate2: (4, 4), research: (5, 2)}, 5)
    respond(r, {climate: (5, DONT_KNOW), climate2: (4, 3), research: (4, 2)}, 1)
    koos = round_summary(round=r)["koos"]
    assert [i["id"] for i in koos["items"]] == [research.pk, climate.pk, climate2.pk]
    first = koos["items"][0]
    assert first["desired"] == pytest.approx(4.83, abs=0.01) and first["actual"] == 2.0
    assert first["gap"] == pytest.approx(2.83, abs=0.01)
    assert [a["area"] for a in koos["areas"]] == ["onderzoek", "klimaat"]
    climate_area = koos["areas"][1]
    # climate: gaps 1.0 (actual mean 4 without the "?") and 0.17 → mean 0.58
    assert climate_area["gap"] == pytest.approx(0.58, abs=0.01)
    assert climate_area["questions"] == 2


def test_trend_across_three_rounds_each_thresholded(p):
    survey, (q,) = survey_with(p, S)
    today = datetime.date.today()
    r1 = closed_round(survey, opens_on=today - datetime.timedelta(days=400))
    r2 = closed_round(survey, opens_on=today - datetime.timedelta(days=220))
    r3 = closed_round(survey, opens_on=today - datetime.timedelta(days=40))
    respond(r1, {q: 2}, 5)
    respond(r2, {q: 5}, 4)  # below the threshold
    respond(r3, {q: 4}, 6)
    trend = questions_of(round_summary(round=r3))[q.pk]["trend"]
    assert [t["round"] for t in trend] == [r1.pk, r2.pk, r3.pk]
    assert [t["mean"] for t in trend] == [2.0, None, 4.0]
    assert [t["shown"] for t in trend] == [True, False, True]
    # the middle round's own summary is withheld too
    assert not round_summary(round=r2)["shown"]
    # an earlier round only counts for a later one: r1 has no trend points before it
    assert len(questions_of(round_summary(round=r1))[q.pk]["trend"]) == 1


def test_a_higher_threshold_of_the_partnership_applies(p):
    QualitySettings.objects.create(partnership=p, min_group=7, min_group_open_text=12)
    survey, (q,) = survey_with(p, S)
    r = closed_round(survey)
    respond(r, {q: 3}, 6)
    assert not round_summary(round=r)["shown"]
    respond(r, {q: 3}, 1)
    assert round_summary(round=r)["min_group"] == 7


def test_participation_counts_invitations_under_the_filter(p):
    institute = InstituteFactory(partnership=p)
    survey, (q,) = survey_with(p, S)
    r = closed_round(survey)
    respond(r, {q: 3}, 6, institute=institute)
    respond(r, {q: 3}, 6)
    from tests.quality.results_world import invite_people

    invite_people(r, 6, institute=institute)
    summary = round_summary(round=r, filters={"institute": institute.pk})
    assert summary["participation"] == {
        "invitations": 12,
        "responses": 6,
        "rate": 50.0,
        "target": "2/3",
        "target_label": "2/3",
        "meets_target": False,
    }


def test_unknown_dimension_or_breakdown_of_a_filtered_dimension_is_refused(p):
    survey, (q,) = survey_with(p, S)
    r = closed_round(survey)
    with pytest.raises(ValueError):
        round_summary(round=r, filters={"person": 1})
    with pytest.raises(ValueError):
        round_summary(round=r, filters={"group": "student"}, breakdown="group")


def test_the_partial_renders_without_request_and_hides_suppressed_cells(p):
    from django.template.loader import render_to_string

    s1, s2, s3 = (SchoolFactory(partnership=p, name=n) for n in ("Alfa", "Beta", "Gamma"))
    survey, (q, d, single, text) = survey_with(p, S, D, SI, OPEN)
    r = closed_round(survey)
    respond(r, {q: 1, d: (5, 1), single: 1, text: "Sunny staffroom"}, 3, school=s1)
    respond(r, {q: 2, d: (4, 2), single: 0}, 6, school=s2)
    respond(r, {q: 4, d: (4, 4), single: 2, text: "Sunny staffroom"}, 9, school=s3)
    html = render_to_string(
        "quality/results/_summary.html",
        {"summary": round_summary(round=r, breakdown="school")},
    )
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 2
    suppressed = gettext("fewer than %(k)s responses") % {"k": 5}
    assert "Gamma" in html and escape(suppressed) in html
    assert escape(gettext("Open answers are not shown in a breakdown.")) in html
    assert "Sunny staffroom" not in html
    whole = render_to_string("quality/results/_summary.html", {"summary": round_summary(round=r)})
    assert "Sunny staffroom" in whole
