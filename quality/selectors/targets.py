"""Measuring targets: fetch the counts a measure needs for a period (through the other apps'
selectors) and hand them to the pure measures in ``quality.targets``.

A period is an academic year with a half (1: August–February, 2: March–July) or without (the
whole year). Survey measures read the closed rounds of the period (a question's rounds are
those of its survey); the other measures read the period's dates, and "as on" dates never lie
after today. The report freezes the result (``targets_data``) with exact fractions as text, so
an adopted report keeps its verdicts; ``quality.templatetags.quality_targets`` formats them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from fractions import Fraction

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from partnerships.models import AcademicYear, Partnership

from .. import targets as rules
from ..choices import AnswerPart, Half, QuestionKind, RoundStatus
from ..models import (
    Answer,
    ImprovementAction,
    Invitation,
    QualitySettings,
    Question,
    SurveyRound,
    Target,
)
from ..periods import academic_start_year, half_of

TREND_PERIODS = 3  # earlier periods shown next to the current one
Period = tuple[AcademicYear, int | None]


def targets_for(*, partnership: Partnership) -> QuerySet[Target]:
    return Target.objects.filter(partnership=partnership).select_related(
        "indicator__ambition", "academic_year", "question__section__survey", "survey"
    )


# --- periods -------------------------------------------------------------------------------
def period_dates(year: AcademicYear, half: int | None) -> tuple[datetime.date, datetime.date]:
    start, end = year.start_date, year.end_date
    march = datetime.date(year.start_year + 1, 3, 1)
    if half == Half.FIRST:
        return start, march - datetime.timedelta(days=1)
    if half == Half.SECOND:
        return march, end
    return start, end


def period_label(year_label: str, half: int | None) -> str:
    if half is None:
        return year_label
    return _("%(year)s, half %(half)s") % {"year": year_label, "half": half}


def earlier_periods(year: AcademicYear, half: int | None, n: int = TREND_PERIODS) -> list[Period]:
    """The ``n`` periods before (year, half), oldest first, for years that exist."""
    wanted: list[tuple[int, int | None]] = []
    start, h = year.start_year, half
    for _i in range(n):
        if h is None:
            start -= 1
        elif h == Half.SECOND:
            h = Half.FIRST
        else:
            start, h = start - 1, Half.SECOND
        wanted.append((start, h))
    years = {
        y.start_year: y for y in AcademicYear.objects.filter(start_year__in={s for s, _ in wanted})
    }
    return [(years[s], h) for s, h in reversed(wanted) if s in years]


def period_of_day(day: datetime.date) -> tuple[int, int]:
    return academic_start_year(day), half_of(day)


# --- fetching ------------------------------------------------------------------------------
def _rounds(partnership, year, half, survey_id=None) -> QuerySet[SurveyRound]:
    qs = SurveyRound.objects.filter(
        partnership=partnership, academic_year=year, status=RoundStatus.CLOSED
    )
    if half is not None:
        qs = qs.filter(half=half)
    if survey_id is not None:
        qs = qs.filter(survey_id=survey_id)
    return qs


def _value_counts(rounds, questions) -> dict:
    """{(question, part): {round: {value: count}}} of valued answers (1–5, no "don't know")."""
    out: dict = defaultdict(lambda: defaultdict(dict))
    for row in (
        Answer.objects.filter(
            response__round__in=rounds,
            question__in=questions,
            dont_know=False,
            value__gte=1,
            value__lte=5,
        )
        .values_list("question", "part", "response__round", "value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        question, part, round_id, value, n = row
        out[(question, part)][round_id][value] = n
    return out


def _area_questions(target: Target, kinds) -> list[int]:
    return list(
        Question.objects.filter(section__survey=target.survey, kind__in=kinds)
        .filter(Q(quality_area=target.area) | Q(quality_area="", section__quality_area=target.area))
        .values_list("pk", flat=True)
    )


def measure(
    target: Target, year: AcademicYear, half: int | None, *, today=None
) -> rules.Measurement:
    """The target's measure over one period."""
    today = today or datetime.date.today()
    partnership = target.partnership
    kind = target.measure
    start, end = period_dates(year, half)
    on = min(end, today)
    if kind in rules.QUESTION_MEASURES + rules.AREA_MEASURES:
        k = QualitySettings.for_partnership(partnership).min_group
        survey_id = (
            target.question.section.survey_id
            if kind in rules.QUESTION_MEASURES
            else target.survey_id
        )
        rounds = _rounds(partnership, year, half, survey_id)
        if kind in rules.QUESTION_MEASURES:
            counts = _value_counts(rounds, [target.question_id])
            q = target.question_id
            if kind == rules.MEAN:
                return rules.question_mean(counts[(q, AnswerPart.MAIN)], k)
            if kind == rules.AGREE_SHARE:
                return rules.question_agree(counts[(q, AnswerPart.MAIN)], k)
            return rules.question_gap(
                counts[(q, AnswerPart.DESIRED)], counts[(q, AnswerPart.ACTUAL)], k
            )
        if kind == rules.AREA_MEAN:
            questions = _area_questions(target, [QuestionKind.SCALE])
            counts = _value_counts(rounds, questions)
            return rules.area_mean({q: counts[(q, AnswerPart.MAIN)] for q in questions}, k)
        questions = _area_questions(target, [QuestionKind.DOUBLE_SCALE])
        counts = _value_counts(rounds, questions)
        return rules.area_gap(
            {
                q: (counts[(q, AnswerPart.DESIRED)], counts[(q, AnswerPart.ACTUAL)])
                for q in questions
            },
            k,
        )
    if kind == rules.RESPONSE:
        invitations = Invitation.objects.filter(round__in=_rounds(partnership, year, half))
        if target.group:
            invitations = invitations.filter(group=target.group)
        row = invitations.aggregate(
            invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False))
        )
        return rules.response_rate([(row["responded"], row["invited"])])
    if kind == rules.DROPOUT:
        from placements import selectors as placement_selectors

        return rules.dropout(
            placement_selectors.placements_cancelled(partnership=partnership, year=year).count(),
            placement_selectors.placements_in_year(partnership=partnership, year=year).count(),
        )
    if kind == rules.QUOTA:
        from placements import selectors as placement_selectors

        found = placement_selectors.quota_realisation(partnership=partnership, year=year)
        return rules.quota_realisation(*found) if found else rules.quota_realisation(0, None)
    if kind == rules.COMPLIANCE:
        from professionalisation.selectors.facts import schools_meeting_norms

        return rules.compliance(*schools_meeting_norms(partnership=partnership, on=on))
    if kind == rules.PARTICIPATION:
        from professionalisation.selectors.facts import staff_participation

        return rules.participation(*staff_participation(partnership=partnership, year=year, on=on))
    if kind == rules.ATTENDANCE:
        from programme.selectors.facts import mandatory_attendance

        if start > today:
            return rules.not_measurable(rules.NO_DATA)
        return rules.attendance(
            *mandatory_attendance(partnership=partnership, year=year, start=start, end=on)
        )
    raise ValueError(kind)


# --- describing ----------------------------------------------------------------------------
def target_label(target: Target) -> str:
    """What is measured, in words: "Mean of “My mentor gives useful feedback” (Student survey)"."""
    measure = target.get_measure_display()
    if target.measure in rules.QUESTION_MEASURES and target.question_id:
        return f"{measure}: “{target.question.text}” ({target.question.section.survey.name})"
    if target.measure in rules.AREA_MEASURES and target.survey_id:
        return f"{measure}: {target.get_area_display()} ({target.survey.name})"
    if target.measure == rules.RESPONSE and target.group:
        return f"{measure}: {target.get_group_display()}"
    return str(measure)


def reason_text(m: rules.Measurement) -> str:
    if m.reason == rules.TOO_FEW:
        return _("not measurable: too few answers (fewer than %(k)s in a round)") % {
            "k": m.detail.get("k")
        }
    if m.reason == rules.NO_QUOTA:
        return _("not measurable: no approved quota for the year")
    return _("not measurable: no data for the period")


def _frozen_measurement(m: rules.Measurement, target: Target, year, half) -> dict:
    return {
        "period": period_label(year.label, half),
        "value": str(m.value) if m.measurable else None,
        "numerator": m.numerator,
        "denominator": m.denominator,
        "n": m.n,
        "verdict": rules.verdict(m, target.comparison, target.fraction),
        "reason": "" if m.measurable else reason_text(m),
    }


def target_row(target: Target, year: AcademicYear, half: int | None, *, today=None) -> dict:
    """One target measured over (year, half), with its trend over the earlier periods."""
    now = measure(target, year, half, today=today)
    trend = [
        _frozen_measurement(measure(target, y, h, today=today), target, y, h)
        for y, h in earlier_periods(year, half)
    ]
    return {
        "id": target.pk,
        "indicator": target.indicator.question,
        "ambition": target.indicator.ambition.title,
        "label": target_label(target),
        "measure": target.measure,
        "comparison": target.comparison,
        "target": target.value,
        "target_period": period_label(target.academic_year.label, target.half),
        **_frozen_measurement(now, target, year, half),
        "trend": trend,
    }


def report_targets(
    *, partnership: Partnership, year: AcademicYear, half: int | None, today=None
) -> QuerySet[Target]:
    """The targets a report judges: a half-year report those of its half and of its whole year
    (measured over the half); the annual report those of the year."""
    qs = targets_for(partnership=partnership).filter(academic_year=year)
    return qs.filter(Q(half=half) | Q(half__isnull=True)) if half else qs.filter(half__isnull=True)


def action_effects(
    *, partnership: Partnership, year: AcademicYear, half: int | None, today=None
) -> list[dict]:
    """Improvement actions that name a target and were created before this period: the
    target's measure in the period the action was created in against this period."""
    today = today or datetime.date.today()
    start, _end = period_dates(year, half)
    rows = []
    actions = (
        ImprovementAction.objects.filter(
            partnership=partnership, target__isnull=False, created_at__date__lt=start
        )
        .select_related("target__indicator__ambition", "target__academic_year", "owner")
        .select_related("target__question__section__survey", "target__survey")
        .order_by("created_at", "pk")
    )
    years = {}
    for action in actions:
        target = action.target
        start_year, then_half = period_of_day(action.created_at.date())
        if start_year not in years:
            years[start_year] = AcademicYear.objects.filter(start_year=start_year).first()
        then_year = years[start_year]
        before = (
            measure(target, then_year, then_half, today=today)
            if then_year
            else rules.not_measurable(rules.NO_DATA)
        )
        now = measure(target, year, half if half else None, today=today)
        rows.append(
            {
                "id": action.pk,
                "title": action.title,
                "status": action.status,
                "target_id": target.pk,
                "label": target_label(target),
                "measure": target.measure,
                "comparison": target.comparison,
                "target": target.value,
                "before": _frozen_measurement(before, target, then_year, then_half)
                if then_year
                else None,
                "now": _frozen_measurement(now, target, year, half),
                "movement": rules.movement(before, now, target.comparison),
            }
        )
    return rows


def targets_data(
    *, partnership: Partnership, year: AcademicYear, half: int | None, today=None
) -> dict:
    """The "targets" section of a report, as JSON data."""
    return {
        "rows": [
            target_row(t, year, half, today=today)
            for t in report_targets(partnership=partnership, year=year, half=half)
        ],
        "effects": action_effects(partnership=partnership, year=year, half=half, today=today),
    }


def framework_glance(*, partnership: Partnership, today=None) -> list[dict]:
    """Every target measured over its own period (the framework page's overview)."""
    return [
        target_row(t, t.academic_year, t.half, today=today)
        for t in targets_for(partnership=partnership)
    ]


def as_fraction(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(text)
