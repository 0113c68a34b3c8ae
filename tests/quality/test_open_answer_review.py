"""Open answers are reviewed before release (issue 15, item 4): unreviewed answers are never
shown, private ones appear in no page, PDF or XLSX, deleted ones leave the database at release,
a question with too few writers (a sole respondent above all) is never offered or shown, and the
release needs every answer decided and goes through a check page."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from quality.choices import OpenAnswerReview, ResultsState, RoundStatus
from quality.models import Answer
from quality.results import round_summary
from quality.services import review
from tests.quality.results_world import closed_round, respond, survey_with

pytestmark = pytest.mark.django_db
R = OpenAnswerReview


def url(name, w, r):
    return reverse(f"quality:{name}", args=[w.a.slug, r.pk])


@pytest.fixture
def reviewed_round(world):
    """A closed round to be reviewed: 12 writers of the open question (6 + 4 + 2 with the same
    text), one sole writer of a second open question. After the 2 are deleted, 10 writers are
    left: the open-answer minimum."""
    survey, (scale, text, lonely) = survey_with(world.a, "scale", "open", "open")
    r = closed_round(survey, results_state=ResultsState.PENDING)
    unreviewed = R.UNREVIEWED
    respond(r, {scale: 4, text: "Mooie begeleiding"}, 6, review=unreviewed)
    respond(r, {scale: 3, text: "Te weinig tijd voor intervisie"}, 4, review=unreviewed)
    respond(r, {scale: 2, text: "Jan de Vries is onaardig"}, 2, review=unreviewed)
    respond(r, {scale: 5, lonely: "Alleen ik schreef dit"}, 1, review=unreviewed)
    return r, text, lonely


def texts(summary):
    return [
        t
        for s in summary["sections"]
        for q in s["questions"]
        if q["stats"] and "texts" in q["stats"]
        for t in q["stats"]["texts"]
    ]


def decide(r, rules, by):
    sheet = review.review_sheet(r)
    decisions = {a["id"]: rules[a["text"]] for item in sheet["items"] for a in item["answers"]}
    return review.open_answers_review(round=r, by=by, decisions=decisions)


RULES = {
    "Mooie begeleiding": R.PUBLIC,
    "Te weinig tijd voor intervisie": R.PRIVATE,
    "Jan de Vries is onaardig": R.DELETED,
}


def test_unreviewed_answers_are_never_shown(world, reviewed_round):
    r, _text, _lonely = reviewed_round
    summary = round_summary(round=r)
    assert summary["open_released"] is False and texts(summary) == []
    # decided but not released: still nothing
    assert decide(r, RULES, world["programmamanager"]) == ResultsState.REVIEWED
    assert texts(round_summary(round=r)) == []


def test_the_sole_writer_is_never_offered_or_shown(world, reviewed_round):
    r, text, lonely = reviewed_round
    sheet = review.review_sheet(r)
    assert [item["question"] for item in sheet["items"]] == [text]
    assert sheet["hidden"] == 1
    assert "Alleen ik" not in str(sheet)
    decide(r, RULES, world["programmamanager"])
    review.round_release(round=r, by=world["programmamanager"])
    assert "Alleen ik schreef dit" not in texts(round_summary(round=r))


def test_release_needs_every_answer_decided_and_a_closed_round(world, reviewed_round):
    r, _text, _lonely = reviewed_round
    pm = world["programmamanager"]
    with pytest.raises(ValidationError):
        review.round_release(round=r, by=pm)
    sheet = review.review_sheet(r)
    first = sheet["items"][0]["answers"][0]["id"]
    assert review.open_answers_review(round=r, by=pm, decisions={first: R.PUBLIC}) == (
        ResultsState.PENDING
    )
    with pytest.raises(ValidationError):
        review.round_release(round=r, by=pm)
    r.status = RoundStatus.OPEN
    with pytest.raises(ValidationError):  # only a closed round is reviewed
        type(r).objects.filter(pk=r.pk).update(status=RoundStatus.OPEN)
        review.open_answers_review(round=r, by=pm, decisions={})


def test_after_release_only_public_answers_show_and_deleted_ones_are_gone(
    world, reviewed_round, client, monkeypatch
):
    r, _text, _lonely = reviewed_round
    pm = world["programmamanager"]
    decide(r, RULES, pm)
    assert Answer.objects.filter(text="Jan de Vries is onaardig").count() == 2  # until release
    assert review.round_release(round=r, by=pm) == 2
    r.refresh_from_db()
    assert r.results_state == ResultsState.RELEASED and r.released_by == pm
    assert not Answer.objects.filter(text="Jan de Vries is onaardig").exists()
    assert Answer.objects.filter(text="Te weinig tijd voor intervisie").count() == 4  # kept
    with pytest.raises(ValidationError):  # released: decisions are final
        review.open_answers_review(round=r, by=pm, decisions={})

    client.force_login(world["stuurgroeplid"])
    page = client.get(url("round_results", world, r)).content.decode()
    assert "Mooie begeleiding" in page
    assert "Te weinig tijd" not in page and "Jan de Vries" not in page

    rendered = []

    def fake_pdf(template, context):
        rendered.append(render_to_string(template, context))
        return b"%PDF-1.7 test"

    monkeypatch.setattr("quality.views.results.render_to_pdf", fake_pdf)
    assert client.get(url("round_results_pdf", world, r)).status_code == 200
    assert "Mooie begeleiding" in rendered[0] and "Te weinig tijd" not in rendered[0]
    response = client.get(url("round_results_xlsx", world, r))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    cells = " ".join(
        str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row if v
    )
    assert "Mooie begeleiding" in cells
    assert "Te weinig tijd" not in cells and "Jan de Vries" not in cells


def test_review_check_and_release_through_the_pages(world, reviewed_round, client):
    r, _text, _lonely = reviewed_round
    client.force_login(world["programmamanager"])
    page = client.get(url("round_review", world, r))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mooie begeleiding" in html and "Alleen ik" not in html
    form = page.context["form"]
    data = {name: RULES[field.label] for name, field in form.fields.items()}
    saved = client.post(url("round_review", world, r), data)
    assert saved.status_code == 302 and saved.url == url("round_release", world, r)
    check = client.get(saved.url).content.decode()
    assert "Mooie begeleiding" in check and "Jan de Vries" not in check  # what will be shown
    released = client.post(url("round_release", world, r))
    assert released.status_code == 302
    r.refresh_from_db()
    assert r.results_state == ResultsState.RELEASED
    assert not Answer.objects.filter(review=R.DELETED).exists()


def test_deleting_below_the_minimum_hides_the_question(world, reviewed_round):
    """The minimum counts the writers left after release: deleting enough answers hides all."""
    r, _text, _lonely = reviewed_round
    rules = {**RULES, "Te weinig tijd voor intervisie": R.DELETED}
    decide(r, rules, world["programmamanager"])
    review.round_release(round=r, by=world["programmamanager"])
    assert texts(round_summary(round=r)) == []
