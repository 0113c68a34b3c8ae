"""Permission rows for the survey builder (``quality:survey_*``, sections, questions) and the
personal answering links (``survey:*``). Wired into ``tests/partnerships/test_permissions.py``.

The builder is for the programme manager and the administratief ondersteuner only; everyone
else in A gets 403, another partnership's survey (or a section/question of another survey) 404.
The answering link needs no login: the key is the credential (unknown key: 404)."""

from django.utils import timezone

from tests.factories import PersonFactory
from tests.partnerships.test_permissions import (
    Row,
    fixed,
    forged,
    has_form_errors,
    url_rows,
)
from tests.quality.surveys_world import every_kind_survey, invitation, questions

NS = "quality"
BUILDERS = ("programmamanager", "administratief_ondersteuner")


def _survey(w):
    return every_kind_survey(w.a, name="Rechten")


def survey(w):
    return {"partnership": w.a.slug, "pk": _survey(w).pk}


def survey_b_under_a(w):
    return {"partnership": w.a.slug, "pk": every_kind_survey(w.b, name="Beta").pk}


def section(w):
    s = _survey(w)
    return {"partnership": w.a.slug, "pk": s.pk, "section": s.sections.first().pk}


def section_of_b(w):
    s, b = _survey(w), every_kind_survey(w.b, name="Beta")
    return {"partnership": w.a.slug, "pk": s.pk, "section": b.sections.first().pk}


def question(w):
    s = _survey(w)
    return {"partnership": w.a.slug, "pk": s.pk, "question": questions(s)["scale"].pk}


def question_of_b(w):
    s, b = _survey(w), every_kind_survey(w.b, name="Beta")
    return {"partnership": w.a.slug, "pk": s.pk, "question": questions(b)["scale"].pk}


def in_a(w):
    return {"partnership": w.a.slug}


def invalid(name, kwargs, data=None, variant=""):
    return url_rows(
        name,
        kwargs,
        ok=BUILDERS,
        method="post",
        data=data or {},
        variant=variant,
        check=has_form_errors,
        namespace=NS,
    )


def page(name, kwargs, **extra):
    return url_rows(name, kwargs, ok=BUILDERS, namespace=NS, **extra)


def key_of(responded=False, **round_fields):
    def kwargs(w):
        inv = invitation(w.a, survey=_survey(w), person=PersonFactory(), **round_fields)
        if responded:
            inv.responded_at = timezone.now()
            inv.save()
        return {"key": inv.key}

    return kwargs


def shows_the_survey(response, world):
    assert response.context["survey"].name == "Rechten"
    assert "Ik krijg feedback." in response.content.decode()


ROWS = [
    *page("survey_list", in_a),
    *page("survey_create", in_a),
    *invalid("survey_create", in_a, data={"name": ""}),
    *page("survey_templates_install", in_a, method="post", ok_status=302),
    *page("survey_detail", survey, check=shows_the_survey),
    *forged("survey_detail", survey_b_under_a, actor="programmamanager", namespace=NS),
    *page("survey_update", survey),
    *invalid("survey_update", survey, data={"name": ""}),
    *page("survey_copy", survey),
    *invalid("survey_copy", survey, data={"name": ""}),
    *forged("survey_copy", survey_b_under_a, actor="programmamanager", namespace=NS),
    *page("survey_preview", survey),
    *page("section_create", survey),
    *invalid("section_create", survey, data={"title": ""}),
    *page("section_update", section),
    *invalid("section_update", section, data={"title": "", "quality_area": "nowhere"}),
    *forged("section_update", section_of_b, actor="programmamanager", namespace=NS),
    *page("section_delete", section),
    *forged("section_delete", section_of_b, actor="administratief_ondersteuner", namespace=NS),
    *page("section_move", section, method="post", data={"direction": "down"}, ok_status=302),
    *page("question_create", section),
    *invalid("question_create", section, data={"text": "Keuze?", "kind": "single"}),
    *forged("question_create", section_of_b, actor="programmamanager", namespace=NS),
    *page("question_update", question),
    *invalid("question_update", question, data={"text": "", "kind": "scale"}),
    *forged("question_update", question_of_b, actor="programmamanager", namespace=NS),
    *page("question_delete", question),
    *forged("question_delete", question_of_b, actor="programmamanager", namespace=NS),
    *page("question_move", question, method="post", data={"direction": "up"}, ok_status=302),
    # --- the personal link: no login; logged-in visitors see the same --------------------------
    Row("survey:answer", key_of(), "anonymous", 200),
    Row("survey:answer", key_of(), "programmamanager", 200),
    Row("survey:answer", key_of(), "other_partnership", 200),
    Row("survey:answer", key_of(responded=True), "anonymous", 200, variant="answered"),
    Row("survey:answer", key_of(status="closed"), "anonymous", 200, variant="closed"),
    Row("survey:answer", fixed(key="no-such-key"), "anonymous", 404, variant="unknown"),
    Row("survey:answer", key_of(), "anonymous", 200, method="post", variant="empty"),
    Row("survey:answer_done", key_of(responded=True), "anonymous", 200),
    Row("survey:answer_done", key_of(), "anonymous", 302, variant="not_answered"),
    Row("survey:answer_done", fixed(key="no-such-key"), "anonymous", 404, variant="unknown"),
]
