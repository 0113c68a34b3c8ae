"""The builder's pages: list (constant queries), create from a template, edit sections and
questions with and without htmx, reorder, delete, copy, preview, and a locked survey."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from quality.models import Question, Survey
from quality.services import surveys as services
from tests.quality.factories import (
    AmbitionFactory,
    IndicatorFactory,
    SurveyFactory,
    SurveyRoundFactory,
)
from tests.quality.surveys_world import every_kind_survey, questions

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pm(client, world):
    client.force_login(world["programmamanager"])
    return client


@pytest.fixture
def survey(world):
    return every_kind_survey(world.a, name="Bouwen")


def u(name, world, **kwargs):
    return reverse(f"quality:{name}", kwargs={"partnership": world.a.slug, **kwargs})


def test_list_shows_surveys_templates_counts_and_rounds(pm, world, survey):
    services.survey_templates_install(partnership=world.a)
    SurveyRoundFactory(survey=survey, partnership=world.a, title="Ronde januari")
    Survey.objects.filter(pk=survey.pk).update(is_locked=True)
    response = pm.get(u("survey_list", world))
    assert response.status_code == 200
    html = response.content.decode()
    assert [s.name for s in response.context["surveys"]] == ["Bouwen"]
    assert len(response.context["templates"]) == 3
    assert response.context["surveys"][0].question_count == 6
    assert "Ronde januari" in html
    assert "Install the standard templates" not in html  # all three are installed
    koos = next(t for t in response.context["templates"] if t.template_key == "koos")
    assert koos.question_count == 26


SIZES = (1, 10, 50)


def test_list_query_count_is_flat(pm, world):
    url = u("survey_list", world)
    pm.get(url)
    counts, total = {}, 0
    for size in SIZES:
        for n in range(total, size):
            s = SurveyFactory(partnership=world.a, name=f"S{n:02}", is_template=n % 2 == 0)
            SurveyRoundFactory(survey=s, partnership=world.a)
            every_kind_survey(world.a, name=f"Vol {n:02}")
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = pm.get(url)
        shown = len(response.context["surveys"]) + len(response.context["templates"])
        assert shown == 2 * size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts


def test_install_button_installs_once(pm, world):
    url = u("survey_templates_install", world)
    assert pm.post(url).status_code == 302
    assert pm.post(url).status_code == 302
    assert Survey.objects.filter(partnership=world.a, is_template=True).count() == 3
    assert pm.get(url).status_code == 405


def test_create_from_template(pm, world, survey):
    Survey.objects.filter(pk=survey.pk).update(is_template=True)
    page = pm.get(u("survey_create", world) + f"?template={survey.pk}")
    assert page.context["form"].initial["template"] == str(survey.pk)
    response = pm.post(u("survey_create", world), {"name": "Enquête 2025", "template": survey.pk})
    new = Survey.objects.get(name="Enquête 2025")
    assert response["Location"] == u("survey_detail", world, pk=new.pk)
    assert new.copied_from == survey and Question.objects.filter(section__survey=new).count() == 6


def test_create_offers_only_this_partnerships_templates(pm, world):
    other = SurveyFactory(partnership=world.b, is_template=True)
    response = pm.post(u("survey_create", world), {"name": "X", "template": other.pk})
    assert "template" in response.context["form"].errors
    assert not Survey.objects.filter(name="X").exists()


def test_duplicate_name_shows_a_field_error(pm, world, survey):
    response = pm.post(u("survey_create", world), {"name": "Bouwen"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_builder_shows_sections_and_questions_in_order(pm, world, survey):
    response = pm.get(u("survey_detail", world, pk=survey.pk))
    html = response.content.decode()
    texts = [q.text for q in Question.objects.filter(section__survey=survey)]
    positions = [html.index(t) for t in texts]
    assert positions == sorted(positions)
    assert u("question_create", world, pk=survey.pk, section=survey.sections.first().pk) in html


def test_add_question_without_javascript(pm, world, survey):
    section = survey.sections.first()
    indicator = IndicatorFactory(ambition=AmbitionFactory(partnership=world.a))
    url = u("question_create", world, pk=survey.pk, section=section.pk)
    assert pm.get(url).status_code == 200
    data = {
        "text": "Welke dag?",
        "kind": "single",
        "options": "maandag\n\n dinsdag \n",
        "required": "on",
        "indicator": indicator.pk,
        "quality_area": "aanbod",
    }
    response = pm.post(url, data)
    question = section.questions.get(text="Welke dag?")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert question.options == ["maandag", "dinsdag"] and question.required
    assert question.indicator == indicator and question.quality_area == "aanbod"
    assert list(section.questions.all())[-1] == question


def test_question_form_errors(pm, world, survey):
    section = survey.sections.first()
    url = u("question_create", world, pk=survey.pk, section=section.pk)
    cases = [
        ({"text": "Keuze?", "kind": "multiple", "options": "alleen"}, "options"),
        ({"text": "Schaal?", "kind": "scale", "options": "a\nb"}, "options"),
        ({"text": "", "kind": "scale"}, "text"),
        ({"text": "X", "kind": "other"}, "kind"),
    ]
    for data, field in cases:
        response = pm.post(url, data)
        assert response.status_code == 200
        assert field in response.context["form"].errors, data
    foreign = IndicatorFactory()
    response = pm.post(url, {"text": "X", "kind": "scale", "indicator": foreign.pk})
    assert "indicator" in response.context["form"].errors
    assert section.questions.count() == 3


def test_htmx_edit_loads_a_fragment_and_swaps_the_builder(pm, world, survey):
    q = questions(survey)["scale"]
    url = u("question_update", world, pk=survey.pk, question=q.pk)
    fragment = pm.get(url, **HTMX)
    html = fragment.content.decode()
    assert "<html" not in html and f'hx-post="{url}"' in html
    assert 'value="Ik krijg feedback."' in html or "Ik krijg feedback.</textarea>" in html
    invalid = pm.post(url, {"text": "", "kind": "scale"}, **HTMX)
    assert invalid.status_code == 200 and "<html" not in invalid.content.decode()
    assert "text" in invalid.context["form"].errors
    saved = pm.post(url, {"text": "Ik krijg goede feedback.", "kind": "scale"}, **HTMX)
    assert saved["HX-Retarget"] == "#builder" and saved["HX-Reswap"] == "outerHTML"
    body = saved.content.decode()
    assert body.lstrip().startswith('<div id="builder">') and "Ik krijg goede feedback." in body
    q.refresh_from_db()
    assert q.text == "Ik krijg goede feedback."


def test_sections_edit_move_and_delete(pm, world, survey):
    first, second = survey.sections.all()
    pm.post(u("section_update", world, pk=survey.pk, section=second.pk), {"title": "Slot"})
    second.refresh_from_db()
    assert second.title == "Slot"
    response = pm.post(
        u("section_move", world, pk=survey.pk, section=second.pk), {"direction": "up"}, **HTMX
    )
    assert response["HX-Retarget"] == "#builder"
    assert list(survey.sections.order_by("order", "pk")) == [second, first]
    confirm = pm.get(u("section_delete", world, pk=survey.pk, section=first.pk))
    assert confirm.status_code == 200 and "Begeleiding" in confirm.content.decode()
    pm.post(u("section_delete", world, pk=survey.pk, section=first.pk))
    assert list(survey.sections.all()) == [second]


def test_question_move_and_delete(pm, world, survey):
    qs = questions(survey)
    response = pm.post(
        u("question_move", world, pk=survey.pk, question=qs["single"].pk), {"direction": "up"}
    )
    assert response["Location"].endswith(f"#question-{qs['single'].pk}")
    order = list(survey.sections.first().questions.order_by("order", "pk"))
    assert order == [qs["scale"], qs["single"], qs["double_scale"]]
    pm.post(u("question_delete", world, pk=survey.pk, question=qs["open"].pk), **HTMX)
    assert not Question.objects.filter(pk=qs["open"].pk).exists()


def test_update_and_copy(pm, world, survey):
    response = pm.post(
        u("survey_update", world, pk=survey.pk),
        {"name": "Bouwen 2", "introduction": "Hallo", "is_template": "on"},
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.name, survey.introduction, survey.is_template) == ("Bouwen 2", "Hallo", True)
    page = pm.get(u("survey_copy", world, pk=survey.pk))
    suggested = page.context["form"].initial["name"]
    assert suggested.startswith("Bouwen 2 (")
    pm.post(u("survey_copy", world, pk=survey.pk), {"name": suggested})
    copy = Survey.objects.get(name=suggested)
    assert Question.objects.filter(section__survey=copy).count() == 6


def test_preview_renders_the_answering_form_disabled(pm, world, survey):
    response = pm.get(u("survey_preview", world, pk=survey.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("disabled") >= 7  # every input
    assert "<form" not in html.split('id="main"')[1]  # nothing to submit
    for q in questions(survey).values():
        assert q.text in html


def test_locked_survey_builder_explains_and_edits_go_back(pm, world, survey):
    Survey.objects.filter(pk=survey.pk).update(is_locked=True)
    q = questions(survey)["scale"]
    section = survey.sections.first()
    detail = u("survey_detail", world, pk=survey.pk)
    html = pm.get(detail).content.decode()
    assert u("survey_copy", world, pk=survey.pk) in html
    assert u("question_update", world, pk=survey.pk, question=q.pk) not in html
    assert u("section_create", world, pk=survey.pk) not in html
    for url, data in [
        (u("survey_update", world, pk=survey.pk), {"name": "X"}),
        (u("section_create", world, pk=survey.pk), {"title": "X"}),
        (u("question_update", world, pk=survey.pk, question=q.pk), {"text": "X", "kind": "scale"}),
        (u("question_delete", world, pk=survey.pk, question=q.pk), {}),
        (u("section_move", world, pk=survey.pk, section=section.pk), {"direction": "down"}),
    ]:
        assert pm.get(url)["Location"] == detail
        assert pm.post(url, data)["Location"] == detail
    htmx = pm.post(u("question_delete", world, pk=survey.pk, question=q.pk), **HTMX)
    assert htmx["HX-Redirect"] == detail
    assert Question.objects.filter(pk=q.pk, text="Ik krijg feedback.").exists()
    explanation = gettext(
        "This survey is locked: a round has opened with it, so its questions stay as they are "
        "and results can be compared across rounds. To change it, make a copy and use the copy "
        "in the next round."
    )
    refusal = gettext(
        "This survey is locked because a round has opened with it; make a copy to change it."
    )
    assert escape(explanation) in html and escape(refusal) in pm.get(detail).content.decode()
