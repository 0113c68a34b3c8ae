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

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
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


def earlier_periods(
    year: AcademicYear, half: int | None, n: int = TREND_PERIODS, *, years=None
) -> list[Period]:
    """The ``n`` periods before (year, half), oldest first, for years that exist (``years``:
    {start_year: year} when known)."""
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
    if years is None:
        years = {
            y.start_year: y
            for y in AcademicYear.objects.filter(start_year__in={s for s, _ in wanted})
        }
    return [(years[s], h) for s, h in reversed(wanted) if s in years]


def period_of_day(day: datetime.date) -> tuple[int, int]:
    return academic_start_year(day), half_of(day)


# --- fetching ------------------------------------------------------------------------------
class Measurer:
    """Measures targets of one partnership over periods with a fixed number of queries however
    many targets and periods: the survey answers of every question asked for, the invitations
    and the placements are counted in one query each; the other measures (quota, compliance,
    participation, attendance) do not depend on the target, so each is taken once per period."""

    def __init__(self, partnership: Partnership, targets, *, today=None):
        self.partnership = partnership
        self.today = today or datetime.date.today()
        self.targets = list(targets)
        self._memo: dict = {}
        self._k: int | None = None
        self._answers: dict | None = None
        self._areas: dict | None = None
        self._invitations: dict | None = None

    @property
    def k(self) -> int:
        if self._k is None:
            self._k = QualitySettings.for_partnership(self.partnership).min_group
        return self._k

    # survey answers: {(question, part): {(year_id, half): {round: {value: count}}}}
    def _area_questions(self) -> dict:
        if self._areas is None:
            wanted = {
                (t.survey_id, t.area) for t in self.targets if t.measure in rules.AREA_MEASURES
            }
            self._areas = defaultdict(list)
            if wanted:
                rows = Question.objects.filter(
                    section__survey__in={s for s, _a in wanted},
                    kind__in=(QuestionKind.SCALE, QuestionKind.DOUBLE_SCALE),
                ).values_list(
                    "pk", "kind", "section__survey", "quality_area", "section__quality_area"
                )
                for pk, kind, survey, area, section_area in rows.order_by("pk"):
                    self._areas[(survey, area or section_area, kind)].append(pk)
        return self._areas

    def _answer_counts(self) -> dict:
        if self._answers is None:
            questions = {t.question_id for t in self.targets if t.question_id}
            for qs in self._area_questions().values():
                questions.update(qs)
            self._answers = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
            if questions:
                rows = (
                    Answer.objects.filter(
                        response__round__partnership=self.partnership,
                        response__round__status=RoundStatus.CLOSED,
                        response__round__survey=F("question__section__survey"),
                        question__in=questions,
                        dont_know=False,
                        value__gte=1,
                        value__lte=5,
                    )
                    .values_list(
                        "question",
                        "part",
                        "response__round__academic_year",
                        "response__round__half",
                        "response__round",
                        "value",
                    )
                    .annotate(n=Count("pk"))
                    .order_by()
                )
                for question, part, year_id, half, round_id, value, n in rows:
                    self._answers[(question, part)][(year_id, half)][round_id][value] = n
        return self._answers

    def _per_round(self, question: int, part: str, year: AcademicYear, half) -> dict:
        periods = self._answer_counts().get((question, part), {})
        out: dict = {}
        for (year_id, h), rounds in periods.items():
            if year_id == year.pk and (half is None or h == half):
                out.update(rounds)
        return out

    def _survey(self, target: Target, year, half) -> rules.Measurement:
        k, kind = self.k, target.measure
        if kind in rules.QUESTION_MEASURES:
            q = target.question_id
            if kind == rules.MEAN:
                return rules.question_mean(self._per_round(q, AnswerPart.MAIN, year, half), k)
            if kind == rules.AGREE_SHARE:
                return rules.question_agree(self._per_round(q, AnswerPart.MAIN, year, half), k)
            return rules.question_gap(
                self._per_round(q, AnswerPart.DESIRED, year, half),
                self._per_round(q, AnswerPart.ACTUAL, year, half),
                k,
            )
        if kind == rules.AREA_MEAN:
            questions = self._area_questions().get(
                (target.survey_id, target.area, QuestionKind.SCALE), []
            )
            return rules.area_mean(
                {q: self._per_round(q, AnswerPart.MAIN, year, half) for q in questions}, k
            )
        questions = self._area_questions().get(
            (target.survey_id, target.area, QuestionKind.DOUBLE_SCALE), []
        )
        return rules.area_gap(
            {
                q: (
                    self._per_round(q, AnswerPart.DESIRED, year, half),
                    self._per_round(q, AnswerPart.ACTUAL, year, half),
                )
                for q in questions
            },
            k,
        )

    def _response(self, target: Target, year, half) -> rules.Measurement:
        if self._invitations is None:
            self._invitations = {}
            rows = (
                Invitation.objects.filter(
                    round__partnership=self.partnership, round__status=RoundStatus.CLOSED
                )
                .values_list("round__academic_year", "round__half", "group")
                .annotate(
                    invited=Count("pk"),
                    responded=Count("pk", filter=Q(responded_at__isnull=False)),
                )
                .order_by()
            )
            for year_id, h, group, invited, responded in rows:
                self._invitations[(year_id, h, group)] = (responded, invited)
        return rules.response_rate(
            counts
            for (year_id, h, group), counts in self._invitations.items()
            if year_id == year.pk
            and (half is None or h == half)
            and (not target.group or group == target.group)
        )

    def _dropout(self, year) -> rules.Measurement:
        """Cancelled of all the year's placements (one query per year, not per target)."""
        from placements import selectors as placement_selectors

        rows = dict(
            placement_selectors.placements_in_year(partnership=self.partnership, year=year)
            .values_list("status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return rules.dropout(rows.get("cancelled", 0), sum(rows.values()))

    def _other(self, kind: str, year: AcademicYear, half) -> rules.Measurement:
        partnership, today = self.partnership, self.today
        start, end = period_dates(year, half)
        on = min(end, today)
        if kind == rules.DROPOUT:
            return self._dropout(year)
        if kind == rules.QUOTA:
            from placements import selectors as placement_selectors

            found = placement_selectors.quota_realisation(partnership=partnership, year=year)
            return rules.quota_realisation(*found) if found else rules.quota_realisation(0, None)
        if kind == rules.COMPLIANCE:
            from professionalisation.selectors.facts import schools_meeting_norms

            return rules.compliance(*schools_meeting_norms(partnership=partnership, on=on))
        if kind == rules.PARTICIPATION:
            from professionalisation.selectors.facts import staff_participation

            return rules.participation(
                *staff_participation(partnership=partnership, year=year, on=on)
            )
        if kind == rules.ATTENDANCE:
            from programme.selectors.facts import mandatory_attendance

            if start > today:
                return rules.not_measurable(rules.NO_DATA)
            return rules.attendance(
                *mandatory_attendance(partnership=partnership, year=year, start=start, end=on)
            )
        raise ValueError(kind)

    def measure(self, target: Target, year: AcademicYear, half: int | None) -> rules.Measurement:
        """The target's measure over one period."""
        kind = target.measure
        if kind in rules.QUESTION_MEASURES + rules.AREA_MEASURES:
            return self._survey(target, year, half)
        if kind == rules.RESPONSE:
            return self._response(target, year, half)
        key = (kind, year.pk, half)
        if key not in self._memo:
            self._memo[key] = self._other(kind, year, half)
        return self._memo[key]

    def earlier_periods(self, year: AcademicYear, half: int | None) -> list[Period]:
        if "years" not in self._memo:
            self._memo["years"] = {y.start_year: y for y in AcademicYear.objects.all()}
        return earlier_periods(year, half, years=self._memo["years"])


def measure(
    target: Target, year: AcademicYear, half: int | None, *, today=None
) -> rules.Measurement:
    """The target's measure over one period."""
    return Measurer(target.partnership, [target], today=today).measure(target, year, half)


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


def target_row(
    target: Target, year: AcademicYear, half: int | None, *, today=None, measurer=None
) -> dict:
    """One target measured over (year, half), with its trend over the earlier periods."""
    measurer = measurer or Measurer(target.partnership, [target], today=today)
    now = measurer.measure(target, year, half)
    trend = [
        _frozen_measurement(measurer.measure(target, y, h), target, y, h)
        for y, h in measurer.earlier_periods(year, half)
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


def _effect_actions(partnership: Partnership, year: AcademicYear, half: int | None):
    """Improvement actions that name a target and were created before the period began."""
    start, _end = period_dates(year, half)
    return list(
        ImprovementAction.objects.filter(
            partnership=partnership, target__isnull=False, created_at__date__lt=start
        )
        .select_related("target__indicator__ambition", "target__academic_year", "owner")
        .select_related("target__question__section__survey", "target__survey")
        .order_by("created_at", "pk")
    )


def action_effects(
    *, partnership: Partnership, year: AcademicYear, half: int | None, today=None, measurer=None
) -> list[dict]:
    """Improvement actions that name a target and were created before this period: the
    target's measure in the period the action was created in against this period."""
    actions = _effect_actions(partnership, year, half)
    measurer = measurer or Measurer(partnership, [a.target for a in actions], today=today)
    rows = []
    years = (
        {
            y.start_year: y
            for y in AcademicYear.objects.filter(
                start_year__in={period_of_day(timezone.localdate(a.created_at))[0] for a in actions}
            )
        }
        if actions
        else {}
    )
    for action in actions:
        target = action.target
        start_year, then_half = period_of_day(timezone.localdate(action.created_at))
        then_year = years.get(start_year)
        before = (
            measurer.measure(target, then_year, then_half)
            if then_year
            else rules.not_measurable(rules.NO_DATA)
        )
        now = measurer.measure(target, year, half)
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
    targets = list(report_targets(partnership=partnership, year=year, half=half))
    actions = _effect_actions(partnership, year, half)
    measurer = Measurer(partnership, targets + [a.target for a in actions], today=today)
    return {
        "rows": [target_row(t, year, half, measurer=measurer) for t in targets],
        "effects": action_effects(partnership=partnership, year=year, half=half, measurer=measurer),
    }


def framework_glance(*, partnership: Partnership, today=None) -> list[dict]:
    """Every target measured over its own period (the framework page's overview), in a number
    of queries that does not grow with the number of targets."""
    targets = list(targets_for(partnership=partnership))
    measurer = Measurer(partnership, targets, today=today)
    return [target_row(t, t.academic_year, t.half, measurer=measurer) for t in targets]


def as_fraction(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(text)
