"""Reviewing a closed round's open answers before its results are released (EvaP's practice).

The programme manager marks each open answer public, private or deleted; the round goes
closed (to be reviewed) → reviewed (every answer that could ever be shown is decided) →
released. Only released rounds show open answers, and only the public ones (results page, PDF,
XLSX, reports drafted afterwards); deleted answers are removed from the database at release.

Only questions whose whole round has at least the open-answer minimum of writers (and the round
the minimum of respondents) are offered for review: below it no view ever shows them, so the
reviewer does not read them either — a sole respondent's answer is never shown to anyone. The
answers are listed without any attribute of the respondent, in an order that depends only on
their content (``aggregate.shuffled``)."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships import audit
from partnerships.models import Person

from .. import aggregate, anonymity
from ..choices import OpenAnswerReview, QuestionKind, ResultsState, RoundStatus
from ..models import Answer, QualitySettings, Question, SurveyRound

R = OpenAnswerReview


def thresholds(survey_round: SurveyRound) -> tuple[int, int]:
    settings = QualitySettings.for_partnership(survey_round.partnership)
    k = anonymity.check_threshold(settings.min_group)
    return k, max(settings.min_group_open_text, k)


def reviewable_questions(survey_round: SurveyRound) -> tuple[list[Question], int]:
    """The open questions that may ever be shown, and how many open answers of the other open
    questions stay hidden (too few writers)."""
    k, k_open = thresholds(survey_round)
    writers = dict(
        Answer.objects.filter(response__round=survey_round, question__kind=QuestionKind.OPEN)
        .exclude(text="")
        .values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )
    respondents = survey_round.responses.count()
    questions = Question.objects.filter(
        section__survey_id=survey_round.survey_id, kind=QuestionKind.OPEN
    ).order_by("section__order", "section", "order", "pk")
    shown, hidden = [], 0
    for question in questions:
        n = writers.get(question.pk, 0)
        if respondents >= k and n >= k_open and n >= 2:
            shown.append(question)
        else:
            hidden += n
    return shown, hidden


def review_sheet(survey_round: SurveyRound) -> dict:
    """What the review and check pages show: per reviewable question its answers (id, text,
    decision) in a content-only order, the counts per decision, and the hidden count."""
    questions, hidden = reviewable_questions(survey_round)
    rows = defaultdict(list)
    for pk, question_id, text, review in (
        Answer.objects.filter(response__round=survey_round, question__in=questions)
        .exclude(text="")
        .values_list("pk", "question_id", "text", "review")
    ):
        rows[question_id].append((str(pk), text, review))
    counts = {choice: 0 for choice in R.values}
    items = []
    for question in questions:
        by_text = {}
        for pk, text, review in rows[question.pk]:
            by_text.setdefault(text, []).append((pk, review))
            counts[review] += 1
        answers = []
        for text in aggregate.shuffled(by_text, str(question.pk)):
            answers += [{"id": pk, "text": text, "review": rv} for pk, rv in sorted(by_text[text])]
        items.append({"question": question, "answers": answers})
    return {"items": items, "counts": counts, "hidden": hidden}


def _check_reviewable(survey_round: SurveyRound) -> None:
    if survey_round.status != RoundStatus.CLOSED:
        raise ValidationError(_("Open answers can be reviewed once the round has closed."))
    if survey_round.results_state == ResultsState.RELEASED:
        raise ValidationError(_("The results of this round have been released."))


@transaction.atomic
def open_answers_review(*, round: SurveyRound, by: Person, decisions: dict[str, str]) -> str:
    """Record decisions (answer id → public/private/deleted) for reviewable answers of the
    round; unknown ids are ignored. Returns the round's new state: reviewed when no reviewable
    answer is left undecided."""
    survey_round = SurveyRound.objects.select_for_update().get(pk=round.pk)
    _check_reviewable(survey_round)
    questions, _hidden = reviewable_questions(survey_round)
    allowed = {R.PUBLIC, R.PRIVATE, R.DELETED}
    answers = Answer.objects.filter(response__round=survey_round, question__in=questions)
    for choice in allowed:
        ids = [pk for pk, value in decisions.items() if value == choice]
        if ids:
            answers.filter(pk__in=ids).update(review=choice)
    left = answers.exclude(text="").filter(review=R.UNREVIEWED).exists()
    state = ResultsState.PENDING if left else ResultsState.REVIEWED
    SurveyRound.objects.filter(pk=survey_round.pk).update(results_state=state)
    round.results_state = state
    audit.record(
        person=by,
        action="open_answers_review",
        obj=survey_round,
        partnership=survey_round.partnership,
        decided=len([v for v in decisions.values() if v in allowed]),
    )
    return state


@transaction.atomic
def round_release(*, round: SurveyRound, by: Person) -> int:
    """Release the round's results: the answers marked deleted are removed from the database,
    the public ones are shown from now on. Needs every reviewable answer decided. Returns how
    many answers were deleted."""
    survey_round = SurveyRound.objects.select_for_update().get(pk=round.pk)
    _check_reviewable(survey_round)
    questions, _hidden = reviewable_questions(survey_round)
    answers = Answer.objects.filter(response__round=survey_round, question__in=questions)
    if answers.exclude(text="").filter(review=R.UNREVIEWED).exists():
        raise ValidationError(_("Decide on every open answer before releasing the results."))
    deleted, _by_model = answers.filter(review=R.DELETED).delete()
    SurveyRound.objects.filter(pk=survey_round.pk).update(
        results_state=ResultsState.RELEASED, released_at=timezone.now(), released_by=by
    )
    survey_round.refresh_from_db()
    round.results_state = survey_round.results_state
    audit.record(
        person=by,
        action="round_release",
        obj=survey_round,
        partnership=survey_round.partnership,
        deleted=deleted,
    )
    return deleted
