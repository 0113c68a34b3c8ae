"""Storing one anonymous response through a personal invitation.

``data`` maps a question's id to its answer, by kind:

* scale: 1..5, or ``DONT_KNOW`` ("?");
* double scale: ``{"desired": v, "actual": v}`` with each v as for a scale;
* single choice: the chosen option's index; multiple choice: a list of indexes;
* open: a text.

A missing (or empty) answer stores no row. The ``Response`` copies the invitation's group,
school, institute, category and level; nothing else about the person is stored, and the only
trace of participation is ``Invitation.responded_at`` (the day only).

**Two transactions.** Participation and answers are never written in the same transaction (one
transaction would tie the invitation row and the answer rows together for anyone who reads the
database's transaction ids). The order is *participation first*:

1. the invitation is locked; if it has not been answered, it is marked answered (today's date) and
   a ``Ballot`` is left whose key is a hash of the invitation's key and a random token that only
   the respondent's form holds; if it has, only a form with the token of an unspent ballot may
   go on (its first attempt failed after step 1);
2. the answers are stored and the ballot deleted, together; a ballot already spent stores nothing.

So a respondent never answers twice (each invitation leaves one ballot, spent once), and an answer
is never lost: a failure after step 1 leaves the ballot, and sending the same form again — the
browser's retry, the "send again" of the error page — stores the answers. A respondent who gives
up then counts as having responded without answers (the response rate is the only figure that
sees it). In step 2 every response and answer row of the round is rewritten (as EvaP does on each
vote) so that PostgreSQL's transaction ids (``xmin``) no longer tell which rows came last; the
round row is locked first so two submissions do this one after the other."""

import datetime
import hashlib
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import AnswerPart, QuestionKind, RoundStatus
from ..models import Answer, Ballot, Invitation, Question, Response, SurveyRound

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


def new_ballot_token() -> str:
    """The random token an answering form carries (never stored as such)."""
    return secrets.token_urlsafe(32)


def ballot_digest(invitation_key: str, token: str) -> str:
    return hashlib.sha256(f"{invitation_key}\x00{token}".encode()).hexdigest()


def ballot_pending(invitation: Invitation, token: str | None) -> bool:
    """Is there an unspent ballot for this invitation and form token (a first attempt whose
    answers were not stored)?"""
    if not token:
        return False
    return Ballot.objects.filter(digest=ballot_digest(invitation.key, token)).exists()


def record_participation(
    *, invitation: Invitation, token: str, today: datetime.date | None = None
) -> str:
    """Transaction 1: mark the invitation answered (the day only) and leave a ballot; returns the
    ballot's digest. Raises ValidationError ``answered`` (already answered, and no unspent ballot
    for this token) or ``not_open``."""
    today = today or timezone.localdate()
    digest = ballot_digest(invitation.key, token)
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("round")
            .get(pk=invitation.pk)
        )
        if not round_is_open(locked.round, today):
            raise ValidationError(_("This survey is not open."), code="not_open")
        if locked.responded_at is not None:
            if Ballot.objects.filter(digest=digest).exists():
                return digest  # the same form again: its answers are still to be stored
            raise ValidationError(
                _("This survey has already been answered with this link."), code="answered"
            )
        Invitation.objects.filter(pk=locked.pk).update(responded_at=today)
        Ballot.objects.create(digest=digest, round=locked.round)
    invitation.responded_at = today
    return digest


def store_answers(*, survey_round: SurveyRound, digest: str, rows: list[Answer], attributes: dict):
    """Transaction 2: spend the ballot and store the answers; None when the ballot was already
    spent (the same form sent twice at once)."""
    with transaction.atomic():
        SurveyRound.objects.select_for_update().filter(pk=survey_round.pk).first()
        spent, _by_model = Ballot.objects.filter(digest=digest).delete()
        if not spent:
            return None
        response = Response(round=survey_round, **attributes)
        response.full_clean()
        response.save()
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
        # rewrite the round's rows: one transaction id for all of them, not one per respondent
        Response.objects.filter(round=survey_round).update(level=F("level"))
        Answer.objects.filter(response__round=survey_round).update(part=F("part"))
    return response


def response_submit(
    *,
    invitation: Invitation,
    data: dict,
    token: str | None = None,
    today: datetime.date | None = None,
) -> Response | None:
    """Store the answers once per invitation, in two transactions (see the module docstring).
    ``token`` is the answering form's ballot token; without one a fresh token is used (then a
    failed attempt cannot be sent again). Returns the new response, or None when the same form
    was stored meanwhile."""
    survey_round = invitation.round
    questions = Question.objects.filter(section__survey_id=survey_round.survey_id)
    rows = answer_rows(questions, data)  # invalid answers change nothing
    attributes = {
        "group": invitation.group,
        "school_id": invitation.school_id,
        "institute_id": invitation.institute_id,
        "category": invitation.category,
        "level": invitation.level,
    }
    digest = record_participation(
        invitation=invitation, token=token or new_ballot_token(), today=today
    )
    return store_answers(survey_round=survey_round, digest=digest, rows=rows, attributes=attributes)
