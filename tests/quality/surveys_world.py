"""Helpers of the survey tests: a survey with one question of every kind, and an invitation to
an open round with it."""

from quality.choices import QuestionKind
from quality.models import Question, Survey, SurveySection
from tests.quality.factories import InvitationFactory, SurveyRoundFactory

K = QuestionKind


def every_kind_survey(partnership, name="Alle soorten") -> Survey:
    """Two sections: scale (required), double (required), single; multiple, open, scale without
    "don't know" (optional). An existing survey of that name is reused."""
    existing = Survey.objects.filter(partnership=partnership, name=name).first()
    if existing:
        return existing
    survey = Survey.objects.create(partnership=partnership, name=name, introduction="Welkom.")
    one = SurveySection.objects.create(survey=survey, title="Begeleiding", order=0)
    two = SurveySection.objects.create(
        survey=survey, title="Tot slot", order=1, quality_area="klimaat"
    )
    q = Question.objects.create
    q(section=one, text="Ik krijg feedback.", kind=K.SCALE, required=True, order=0)
    q(
        section=one,
        text="Studenten voelen zich welkom.",
        kind=K.DOUBLE_SCALE,
        required=True,
        order=1,
    )
    q(section=one, text="Hoe vaak?", kind=K.SINGLE, options=["Wekelijks", "Maandelijks"], order=2)
    q(
        section=two,
        text="Welke activiteiten?",
        kind=K.MULTIPLE,
        options=["Training", "Intervisie", "Studiedag"],
        allow_dont_know=False,
        order=0,
    )
    q(section=two, text="Tips?", kind=K.OPEN, allow_dont_know=False, order=1)
    q(section=two, text="Aanraden?", kind=K.SCALE, allow_dont_know=False, order=2)
    return survey


def questions(survey) -> dict[str, Question]:
    """By kind; the second scale question as "scale2"."""
    out = {}
    for question in Question.objects.filter(section__survey=survey).order_by(
        "section__order", "order"
    ):
        key = question.kind if question.kind not in out else f"{question.kind}2"
        out[key] = question
    return out


def invitation(partnership, survey=None, person=None, **round_fields):
    survey = survey or every_kind_survey(partnership)
    survey_round = SurveyRoundFactory(survey=survey, partnership=partnership, **round_fields)
    extra = {"person": person} if person else {}
    return InvitationFactory(round=survey_round, **extra)
