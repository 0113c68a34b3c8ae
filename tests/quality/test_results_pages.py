"""The results pages, PDF and XLSX: what they show, that no suppressed group's number ever
appears in any of them, and that their query counts do not grow with the data."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import load_workbook

from quality.choices import QuestionKind
from quality.models import QualitySettings
from tests.factories import SchoolFactory
from tests.quality.factories import QuestionFactory, SurveyFactory, SurveySectionFactory
from tests.quality.results_world import closed_round, respond, survey_with

pytestmark = pytest.mark.django_db

# k = 100; schools of 97, 113 and 389 responses: 97 is too small, 113 is suppressed to
# complement it (together 210); neither size, nor what the round minus them would give
# (599 − 97 = 502, 599 − 113 = 486), may appear anywhere.
FORBIDDEN = re.compile(r"(?<![\d.,])(97|113|210|486|502)(?![\d])")


def url(name, w, r, query=""):
    return reverse(f"quality:{name}", args=[w.a.slug, r.pk]) + (f"?{query}" if query else "")


@pytest.fixture
def leak_round(world):
    QualitySettings.objects.create(partnership=world.a, min_group=100, min_group_open_text=100)
    survey = SurveyFactory(partnership=world.a, name="Mentor survey")
    section = SurveySectionFactory(survey=survey, title="Guidance", quality_area="klimaat")
    q = QuestionFactory(section=section, text="My mentor listens", order=1)
    d = QuestionFactory(section=section, text="We learn together", double=True, order=2)
    single = QuestionFactory(section=section, text="Weekly meeting?", single=True, order=3)
    text = QuestionFactory(section=section, text="Anything else?", open=True, order=4)
    r = closed_round(survey, title="June round")
    schools = {}
    for name, n in (("Alfa", 97), ("Beta", 113), ("Gamma", 389)):
        school = SchoolFactory(partnership=world.a, name=f"{name} Testschool")
        respond(
            r,
            {q: 4, d: (4, 3), single: 0, text: f"Kind words from {name}"},
            n,
            invite=False,
            school=school,
        )
        schools[name] = school
    return r, schools


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def group_notice(k: int) -> str:
    """The notice shown instead of the results of a group below the threshold."""
    text = gettext(
        "Fewer than %(k)s responses: to keep answers anonymous, no results are shown for this "
        "group."
    )
    return escape(text % {"k": k})


def suppressed_cell(k: int) -> str:
    """What a breakdown cell or export shows instead of a suppressed group's size."""
    return gettext("fewer than %(k)s responses") % {"k": k}


def assert_no_suppressed_number(text: str):
    found = FORBIDDEN.findall(text)
    assert not found, found


def test_no_page_shows_a_suppressed_group(client, world, leak_round):
    r, schools = leak_round
    client.force_login(world["stuurgroeplid"])
    pages = {
        "whole": "",
        "by_school": "breakdown=school",
        "alfa": f"school={schools['Alfa'].pk}",
        "beta": f"school={schools['Beta'].pk}",
        "gamma": f"school={schools['Gamma'].pk}",
        "gamma_by_group": f"school={schools['Gamma'].pk}&breakdown=group",
    }
    seen = {}
    for key, query in pages.items():
        response = client.get(url("round_results", world, r, query))
        assert response.status_code == 200
        text = visible_text(response.content.decode())
        assert_no_suppressed_number(text)
        seen[key] = text
    assert "599" in seen["whole"] and "Kind words from Alfa" in seen["whole"]
    assert "389" in seen["by_school"] and escape(suppressed_cell(100)) in seen["by_school"]
    assert "Kind words" not in seen["by_school"]
    assert group_notice(100) in seen["alfa"] and "Kind words" not in seen["alfa"]
    # Beta alone has enough, but the school breakdown hides it to protect Alfa: so does a filter
    assert group_notice(100) in seen["beta"]
    assert "389" in seen["gamma"]


def test_no_pdf_or_xlsx_shows_a_suppressed_group(client, world, leak_round, monkeypatch):
    r, schools = leak_round
    client.force_login(world["programmamanager"])
    rendered = []

    def fake_pdf(template, context):
        rendered.append(render_to_string(template, context))
        return b"%PDF-1.7 test"

    monkeypatch.setattr("quality.views.results.render_to_pdf", fake_pdf)
    for query in ("", "breakdown=school", f"school={schools['Beta'].pk}"):
        assert client.get(url("round_results_pdf", world, r, query)).status_code == 200
        response = client.get(url("round_results_xlsx", world, r, query))
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        assert_no_suppressed_number("\n".join(cells))
        if query == "breakdown=school":
            assert suppressed_cell(100) in cells and 389 in [
                v for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row
            ]
    assert len(rendered) == 3
    for html in rendered:
        assert_no_suppressed_number(visible_text(html))
        assert "<svg" in html or group_notice(100) in html
    assert "Gamma Testschool" in rendered[1]


def test_the_real_pdf_renders(client, world):
    survey, (q,) = survey_with(world.a, QuestionKind.SCALE)
    r = closed_round(survey)
    respond(r, {q: 3}, 6, invite=False)
    client.force_login(world["stuurgroeplid"])
    response = client.get(url("round_results_pdf", world, r))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_htmx_gets_only_the_results_area(client, world):
    survey, (q,) = survey_with(world.a, QuestionKind.SCALE)
    r = closed_round(survey)
    respond(r, {q: 3}, 6, invite=False, school=world.school1)
    client.force_login(world["stuurgroeplid"])
    full = client.get(url("round_results", world, r)).content.decode()
    part = client.get(url("round_results", world, r), headers={"HX-Request": "true"})
    part = part.content.decode()
    assert "<html" in full and 'id="results-area"' in full
    assert "<html" not in part and part.strip().startswith('<div id="results-area"')


def test_filters_offer_only_values_of_the_round_and_partnership(client, world):
    survey, (q,) = survey_with(world.a, QuestionKind.SCALE)
    r = closed_round(survey)
    respond(r, {q: 3}, 6, invite=False, school=world.school1, category="a")
    respond(r, {q: 3}, 6, invite=False, school=world.school_b)  # should never happen; ignored
    client.force_login(world["stuurgroeplid"])
    form = client.get(url("round_results", world, r)).context["form"]
    assert [c[0] for c in form.fields["school"].choices] == ["", str(world.school1.pk)]
    assert [c[0] for c in form.fields["category"].choices] == ["", "a"]
    assert "institute" not in dict(form.fields["breakdown"].choices)


def test_an_invalid_filter_shows_its_error_and_no_results(client, world):
    survey, (q,) = survey_with(world.a, QuestionKind.SCALE)
    r = closed_round(survey)
    respond(r, {q: 3}, 6, invite=False, school=world.school1)
    client.force_login(world["stuurgroeplid"])
    response = client.get(url("round_results", world, r, f"school={world.school_b.pk}"))
    assert response.context["summary"] is None and response.context["form"].errors["school"]
    response = client.get(
        url("round_results", world, r, f"school={world.school1.pk}&breakdown=school")
    )
    assert response.context["summary"] is None and response.context["form"].errors["breakdown"]
    download = client.get(url("round_results_xlsx", world, r, "school=x"))
    assert download.status_code == 302 and "school=x" in download["Location"]


def test_index_lists_closed_rounds_with_response_only_above_the_threshold(client, world):
    survey, (q,) = survey_with(world.a, QuestionKind.SCALE)
    big = closed_round(survey, title="Big round")
    small = closed_round(SurveyFactory(partnership=world.a), title="Small round")
    open_round = closed_round(SurveyFactory(partnership=world.a), title="Open round")
    open_round.status = "open"
    open_round.save()
    respond(big, {q: 4}, 6)
    respond(small, {q: 4}, 4)
    client.force_login(world["schoolcoordinator"])
    html = client.get(reverse("quality:results_index", args=[world.a.slug])).content.decode()
    of = gettext("%(n)s of %(invited)s")
    assert "Big round" in html and of % {"n": 6, "invited": 6} in html and "(100%)" in html
    assert "Small round" in html and escape(suppressed_cell(5)) in html
    assert of % {"n": 4, "invited": 4} not in html
    assert "Open round" not in html


def _survey_of(partnership, questions: int):
    survey = SurveyFactory(partnership=partnership)
    section = SurveySectionFactory(survey=survey, quality_area="klimaat")
    kinds = [{}, {"double": True}, {"single": True}, {"multiple": True}, {"open": True}]
    made = [
        QuestionFactory(section=section, order=i, **kinds[i % len(kinds)]) for i in range(questions)
    ]
    answers = {}
    for q in made:
        answers[q] = {
            QuestionKind.SCALE: 4,
            QuestionKind.DOUBLE_SCALE: (5, 3),
            QuestionKind.SINGLE: 1,
            QuestionKind.MULTIPLE: [0, 2],
            QuestionKind.OPEN: "fine",
        }[q.kind]
    return survey, answers


@pytest.mark.parametrize("breakdown", ["", "breakdown=school"])
def test_results_page_queries_do_not_grow_with_questions_or_responses(client, world, breakdown):
    client.force_login(world["stuurgroeplid"])
    QualitySettings.for_partnership(world.a)
    counts = []
    for questions, per_school in ((1, 6), (10, 8), (50, 12)):
        survey, answers = _survey_of(world.a, questions)
        earlier = closed_round(survey, opens_on=datetime.date(2020, 1, 8))
        respond(earlier, answers, 6, invite=False, school=world.school1)
        r = closed_round(survey)
        respond(r, answers, per_school, school=world.school1)
        respond(r, answers, per_school, school=world.school2)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url("round_results", world, r, breakdown))
        assert response.status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_a_round_summary_is_read_once_until_what_it_shows_changes(client, world):
    """The page caches a closed round's summary (and its HTML) under a digest of what it reads
    that can still change: a repeated view skips the aggregate queries, new responses or new
    thresholds show at once."""
    client.force_login(world["stuurgroeplid"])
    settings = QualitySettings.for_partnership(world.a)
    survey, answers = _survey_of(world.a, 5)
    r = closed_round(survey)
    respond(r, answers, 6, school=world.school1)
    page = url("round_results", world, r)
    with CaptureQueriesContext(connection) as first:
        client.get(page)
    with CaptureQueriesContext(connection) as again:
        html = client.get(page).content.decode()
    assert len(again) < len(first)
    shown = gettext("%(n)s responses of %(invited)s invited")
    assert shown % {"n": 6, "invited": 6} in html
    respond(r, answers, 6, school=world.school2)
    html = client.get(page).content.decode()
    assert shown % {"n": 12, "invited": 12} in html
    settings.min_group = settings.min_group_open_text = 20
    settings.save()
    html = client.get(page).content.decode()
    assert shown % {"n": 12, "invited": 12} not in html
    assert group_notice(20) in html


def test_index_queries_do_not_grow_with_rounds(client, world):
    client.force_login(world["stuurgroeplid"])
    QualitySettings.for_partnership(world.a)
    counts, made = [], 0
    for total in (1, 10, 50):
        for _ in range(total - made):
            survey, (q,) = survey_with(world.a, QuestionKind.SCALE)
            respond(closed_round(survey), {q: 4}, 5)
        made = total
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("quality:results_index", args=[world.a.slug]))
        assert len(response.context["rounds"]) == total
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts
