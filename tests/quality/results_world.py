"""Helpers for the results tests: a closed round of a survey and anonymous responses with the
attributes and answers a test needs, written in bulk."""

import datetime

from quality.choices import AnswerPart, OpenAnswerReview, QuestionKind, ResultsState, RoundStatus
from quality.models import Answer, Invitation, Response, SurveyRound
from tests.factories import PersonFactory, academic_year
from tests.quality.factories import (
    QuestionFactory,
    SurveyFactory,
    SurveyRoundFactory,
    SurveySectionFactory,
)

DONT_KNOW = "?"


def survey_with(partnership, *kinds, area="klimaat"):
    """A survey with one section and a question per kind (in order); returns (survey, questions)."""
    survey = SurveyFactory(partnership=partnership)
    section = SurveySectionFactory(survey=survey, quality_area=area)
    traits = {
        QuestionKind.SCALE: {},
        QuestionKind.DOUBLE_SCALE: {"double": True},
        QuestionKind.SINGLE: {"single": True},
        QuestionKind.MULTIPLE: {"multiple": True},
        QuestionKind.OPEN: {"open": True},
    }
    questions = [
        QuestionFactory(section=section, order=i, **traits[kind]) for i, kind in enumerate(kinds)
    ]
    return survey, questions


def closed_round(survey, *, opens_on=None, **fields) -> SurveyRound:
    """A closed round whose results are released (its open answers reviewed) unless
    ``results_state`` says otherwise: the results tests are about what the anonymity rules
    publish; the review step has its own tests (``test_open_answer_review``)."""
    fields.setdefault("results_state", ResultsState.RELEASED)
    opens_on = opens_on or datetime.date.today() - datetime.timedelta(days=40)
    return SurveyRoundFactory(
        survey=survey,
        status=RoundStatus.CLOSED,
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=21),
        academic_year=academic_year(opens_on.year if opens_on.month >= 8 else opens_on.year - 1),
        **fields,
    )


def _rows(response, question, value, review=OpenAnswerReview.PUBLIC) -> list[Answer]:
    def scale(part, v):
        if v == DONT_KNOW:
            return Answer(response=response, question=question, part=part, dont_know=True)
        return Answer(response=response, question=question, part=part, value=v)

    if value is None:
        return []
    if question.kind == QuestionKind.SCALE:
        return [scale(AnswerPart.MAIN, value)]
    if question.kind == QuestionKind.DOUBLE_SCALE:
        desired, actual = value
        return [scale(AnswerPart.DESIRED, desired), scale(AnswerPart.ACTUAL, actual)]
    if question.kind == QuestionKind.SINGLE:
        return [Answer(response=response, question=question, value=value)]
    if question.kind == QuestionKind.MULTIPLE:
        return [Answer(response=response, question=question, value=v) for v in value]
    return (
        [Answer(response=response, question=question, text=value, review=review)] if value else []
    )


def respond(
    survey_round,
    answers: dict,
    n: int = 1,
    *,
    invite: bool = True,
    review=OpenAnswerReview.PUBLIC,
    **dims,
):
    """``n`` responses with the same ``answers`` ({question: value}) and attributes ``dims``
    (group, school, institute, category, level); with ``invite`` also ``n`` answered
    invitations with the same attributes. Open answers are marked ``review`` (public: as
    after the review step)."""
    dims.setdefault("group", "student")
    responses = Response.objects.bulk_create(
        [Response(round=survey_round, **dims) for _ in range(n)]
    )
    Answer.objects.bulk_create(
        [
            row
            for r in responses
            for q, value in answers.items()
            for row in _rows(r, q, value, review)
        ]
    )
    if invite:
        invite_people(survey_round, n, responded=True, **dims)
    return responses


def invite_people(survey_round, n: int, *, responded=False, **dims):
    import secrets

    from django.utils import timezone

    dims.setdefault("group", "student")
    people = [PersonFactory() for _ in range(n)]
    Invitation.objects.bulk_create(
        [
            Invitation(
                round=survey_round,
                person=p,
                key=secrets.token_urlsafe(32),
                responded_at=timezone.now() if responded else None,
                **dims,
            )
            for p in people
        ]
    )
