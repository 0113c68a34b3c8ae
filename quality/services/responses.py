"""Storing one anonymous response through a personal invitation.

``data`` maps a question's id to its answer, by kind:

* scale: 1..5, or ``DONT_KNOW`` ("?");
* double scale: ``{"desired": v, "actual": v}`` with each v as for a scale;
* single choice: the chosen option's index; multiple choice: a list of indexes;
* open: a text.

A missing (or empty) answer stores no row. The ``Response`` copies the invitation's group,
school, institute, category and level; nothing else about the person is stored, and the only
trace of participation is ``Invitation.responded_at``."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import AnswerPart, QuestionKind, RoundStatus
from ..models import Answer, Invitation, Question, Response, SurveyRound

DONT_KNOW = "?"
K = QuestionKind


def round_is_open(survey_round: SurveyRound, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        survey_round.status == RoundStatus.OPEN
        and survey_round.opens_on <= today <= survey_round.closes_on
    )


def field_key(question: Question) -> str:
    """The name errors are reported under (the answering form uses the same names)."""
    return f"q{question.pk}"


def _scale_row(question, part, value, errors) -> Answer | None:
    if value in (None, ""):
        return None
    if value == DONT_KNOW:
        if not question.allow_dont_know:
            errors[field_key(question)] = _("“Don't know” is not an option here.")
            return None
        return Answer(question=question, part=part, dont_know=True)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5:
        errors[field_key(question)] = _("Choose a value from 1 to 5.")
        return None
    return Answer(question=question, part=part, value=number)


def _option(question, value, errors) -> int | None:
    try:
        index = int(value)
    except (TypeError, ValueError):
        index = -1
    if not 0 <= index < len(question.options):
        errors[field_key(question)] = _("Choose one of the options.")
        return None
    return index


def answer_rows(questions: Iterable[Question], data: dict) -> list[Answer]:
    """Unsaved ``Answer`` rows (without response) for ``data``; ValidationError keyed by
    ``q<id>`` for a required question left open or a value out of range."""
    errors: dict[str, str] = {}
    rows: list[Answer] = []
    for question in questions:
        value = data.get(question.pk)
        before = len(rows)
        if question.kind == K.SCALE:
            row = _scale_row(question, AnswerPart.MAIN, value, errors)
            rows += [row] if row else []
        elif question.kind == K.DOUBLE_SCALE:
            parts = value if isinstance(value, dict) else {}
            for part in (AnswerPart.DESIRED, AnswerPart.ACTUAL):
                row = _scale_row(question, part, parts.get(part.value), errors)
                rows += [row] if row else []
            if question.required and len(rows) - before == 1:
                errors.setdefault(
                    field_key(question), _("Give both the desired and the actual situation.")
                )
        elif question.kind == K.SINGLE:
            if value not in (None, ""):
                index = _option(question, value, errors)
                if index is not None:
                    rows.append(Answer(question=question, value=index))
        elif question.kind == K.MULTIPLE:
            chosen = value if isinstance(value, list | tuple | set) else []
            indexes = {_option(question, v, errors) for v in chosen}
            rows += [Answer(question=question, value=i) for i in sorted(indexes - {None})]
        elif question.kind == K.OPEN:
            text = (value or "").strip() if isinstance(value, str) else ""
            if text:
                rows.append(Answer(question=question, text=text))
        if question.required and len(rows) == before:
            errors.setdefault(field_key(question), _("This question is required."))
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def response_submit(
    *, invitation: Invitation, data: dict, today: datetime.date | None = None
) -> Response:
    """Store the answers once per invitation: the invitation is locked first, so a second
    submission of the same link (another tab, a double click) waits and is then refused."""
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=invitation.pk)
    )
    if locked.responded_at is not None:
        raise ValidationError(
            _("This survey has already been answered with this link."), code="answered"
        )
    survey_round = locked.round
    if not round_is_open(survey_round, today):
        raise ValidationError(_("This survey is not open."), code="not_open")
    questions = Question.objects.filter(section__survey_id=survey_round.survey_id)
    rows = answer_rows(questions, data)
    response = Response(
        round=survey_round,
        group=locked.group,
        school_id=locked.school_id,
        institute_id=locked.institute_id,
        category=locked.category,
        level=locked.level,
    )
    response.full_clean()
    response.save()
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    invitation.responded_at = timezone.now()
    Invitation.objects.filter(pk=locked.pk).update(responded_at=invitation.responded_at)
    return response
