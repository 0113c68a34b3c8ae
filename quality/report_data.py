"""The numbers of a quality report, gathered once when the report is drafted and frozen in
``QualityReport.data`` (JSON): later answers, placements or actions never change a report.

Half-year report: per closed round its results summary (``quality.results.round_summary``,
which applies the anonymity rules) and its response rate per respondent group; the dropout
inventory (placements cancelled in the academic year, by reason, and per school only where a
school has at least ``min_group`` of them); the status of the improvement actions; in June the
findings of the partner organisations' internal evaluations. The annual report takes the
rounds of the year's half-year reports and the year's dropout, actions and findings."""

from __future__ import annotations

import dataclasses
import datetime
import json
from fractions import Fraction

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from . import response_target
from .choices import ActionStatus, Half, ReportKind
from .models import ImprovementAction, QualityReport, QualitySettings, SurveyRound

# Fixed sections of every report, in order; "evaluations" only in June and in the annual report.
SECTION_TITLES = {
    "summary": _("Summary"),
    "targets": _("Targets"),
    "results": _("Results per round"),
    "response": _("Response"),
    "dropout": _("Dropout"),
    "actions": _("Improvement actions"),
    "evaluations": _("Internal evaluations"),
    "conclusions": _("Conclusions"),
}
CLOSED_ACTION = (ActionStatus.DONE, ActionStatus.CANCELLED)


def section_keys(*, kind: str, half: int | None) -> list[str]:
    keys = list(SECTION_TITLES)
    if kind == ReportKind.HALF_YEAR and half == Half.FIRST:
        keys.remove("evaluations")
    return keys


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return dataclasses.asdict(o)
        if isinstance(o, (set, frozenset, tuple)):
            return list(o)
        return super().default(o)


def frozen(value):
    """``value`` as plain JSON data (dataclasses, dates and lazy strings included)."""
    return json.loads(json.dumps(value, cls=_Encoder))


# --- pure parts ------------------------------------------------------------------------------
def rate(responded: int, invited: int) -> int | None:
    """Rounded percentage for display; never the verdict (``response_target.meets``)."""
    return round(100 * responded / invited) if invited else None


def school_counts(counts: dict[str, int], min_group: int) -> tuple[list[tuple[str, int]], int]:
    """Per-school counts shown only from ``min_group`` on; the rest go to "other schools". If
    "other schools" would hold 1..min_group-1, the smallest shown school joins it too (until it
    holds 0 or at least min_group), so no small school can be worked out by subtraction."""
    shown = sorted(
        ((name, n) for name, n in counts.items() if n >= min_group), key=lambda x: (-x[1], x[0])
    )
    other = sum(n for n in counts.values() if n < min_group)
    while shown and 0 < other < min_group:
        other += shown.pop()[1]
    return shown, other


# --- gathering -------------------------------------------------------------------------------
def summarise_round(survey_round: SurveyRound):
    """The results summary of a closed round, as the results pages show it."""
    from .results import round_summary  # the results part of the app owns the anonymity rules

    return frozen(round_summary(round=survey_round))


def internal_findings(*, partnership, academic_year) -> list[dict]:
    from .services.register import evaluation_findings

    rows = evaluation_findings(partnership=partnership, academic_year=academic_year)
    return frozen(
        [
            {
                **row,
                "organisation": getattr(row["organisation"], "name", row["organisation"]),
                "organisation_id": getattr(row["organisation"], "pk", None),
            }
            for row in rows
        ]
    )


def round_data(survey_round: SurveyRound, target: Fraction) -> dict:
    """The round's participation per group; the verdict against the target is taken here, on
    exact counts (``quality.response_target``), and frozen with the numbers."""
    groups = (
        survey_round.invitations.order_by("group")
        .values("group")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False)))
    )
    group_rows = [{**g, "rate": rate(g["responded"], g["invited"])} for g in groups if g["invited"]]
    invited = sum(g["invited"] for g in group_rows)
    responded = sum(g["responded"] for g in group_rows)
    return {
        "id": survey_round.pk,
        "title": survey_round.title,
        "survey": survey_round.survey.name,
        "audience": survey_round.audience,
        "half": survey_round.half,
        "opens_on": survey_round.opens_on.isoformat(),
        "closes_on": survey_round.closes_on.isoformat(),
        "invited": invited,
        "responded": responded,
        "rate": rate(responded, invited),
        "target": str(target),
        "target_label": response_target.label(target),
        "meets_target": response_target.meets(responded, invited, target),
        "groups": group_rows,
        "summary": summarise_round(survey_round),
    }


def dropout_data(*, partnership, academic_year, min_group: int) -> dict:
    from placements import selectors as placement_selectors  # quality reports on placements

    cancelled = placement_selectors.placements_cancelled(
        partnership=partnership, year=academic_year
    )
    reasons: dict[str, int] = {}
    for reason in cancelled.values_list("cancel_reason", flat=True):
        key = " ".join(reason.split()) or str(_("no reason given"))
        reasons[key] = reasons.get(key, 0) + 1
    per_school = dict(
        cancelled.order_by()
        .values_list("school__name")
        .annotate(n=Count("pk"))
        .values_list("school__name", "n")
    )
    shown, other = school_counts(per_school, min_group)
    return {
        "total": sum(reasons.values()),
        "reasons": [
            {"reason": r, "count": n}
            for r, n in sorted(reasons.items(), key=lambda x: (-x[1], x[0].lower()))
        ],
        "schools": [{"name": name, "count": n} for name, n in shown],
        "other_schools": other,
        "min_group": min_group,
    }


def _action_row(action: ImprovementAction, today: datetime.date) -> dict:
    return {
        "id": action.pk,
        "title": action.title,
        "level": action.level,
        "organisation": action.organisation.name if action.organisation else "",
        "owner": action.owner.full_name,
        "due_date": action.due_date.isoformat(),
        "status": action.status,
        "overdue": action.due_date < today and action.status not in CLOSED_ACTION,
        "evaluation": action.evaluation,
    }


def actions_data(*, partnership, today: datetime.date) -> tuple[dict, list[int]]:
    """Open actions (overdue ones listed apart) and actions done since the last report (those not
    evaluated in a report yet). Returns the data and the ids of the done actions."""
    actions = ImprovementAction.objects.filter(partnership=partnership).select_related(
        "owner", "organisation"
    )
    open_rows, overdue_rows, done_rows, done_ids = [], [], [], []
    for action in actions.order_by("due_date", "pk"):
        row = _action_row(action, today)
        if action.status == ActionStatus.DONE and action.evaluated_in_id is None:
            done_rows.append(row)
            done_ids.append(action.pk)
        elif action.status not in CLOSED_ACTION:
            (overdue_rows if row["overdue"] else open_rows).append(row)
    data = {"open": open_rows, "overdue": overdue_rows, "done": done_rows}
    return data, done_ids


def targets_data(*, partnership, academic_year, half: int | None, today: datetime.date) -> dict:
    """Per target: value, target, met / not met / not measurable (with why) and the trend; and
    the effect of the improvement actions that name a target (``quality.selectors.targets``)."""
    from .selectors.targets import targets_data as measure_targets

    return frozen(
        measure_targets(partnership=partnership, year=academic_year, half=half, today=today)
    )


def half_year_data(*, partnership, academic_year, half: int, today: datetime.date) -> dict:
    settings = QualitySettings.for_partnership(partnership)
    rounds = (
        SurveyRound.objects.filter(partnership=partnership, academic_year=academic_year, half=half)
        .exclude(status="cancelled")
        .select_related("survey")
        .order_by("opens_on", "pk")
    )
    actions, _done = actions_data(partnership=partnership, today=today)
    data = {
        "drafted_on": today.isoformat(),
        "min_group": settings.min_group,
        "response_target": str(settings.response_target),
        "response_target_label": settings.response_target_label,
        "rounds": [round_data(r, settings.response_target) for r in rounds],
        "dropout": dropout_data(
            partnership=partnership, academic_year=academic_year, min_group=settings.min_group
        ),
        "actions": actions,
        "findings": [],
        "targets": targets_data(
            partnership=partnership, academic_year=academic_year, half=half, today=today
        ),
    }
    if half == Half.SECOND:
        data["findings"] = internal_findings(partnership=partnership, academic_year=academic_year)
    return data


def annual_data(*, partnership, academic_year, today: datetime.date) -> dict:
    settings = QualitySettings.for_partnership(partnership)
    halves = QualityReport.objects.filter(
        partnership=partnership, academic_year=academic_year, kind=ReportKind.HALF_YEAR
    ).order_by("half")
    actions, _done = actions_data(partnership=partnership, today=today)
    return {
        "drafted_on": today.isoformat(),
        "min_group": settings.min_group,
        "response_target": str(settings.response_target),
        "response_target_label": settings.response_target_label,
        "halves": [{"id": r.pk, "title": r.title, "half": r.half} for r in halves],
        "rounds": [round_row for r in halves for round_row in r.data.get("rounds", [])],
        "dropout": dropout_data(
            partnership=partnership, academic_year=academic_year, min_group=settings.min_group
        ),
        "actions": actions,
        "findings": internal_findings(partnership=partnership, academic_year=academic_year),
        "targets": targets_data(
            partnership=partnership, academic_year=academic_year, half=None, today=today
        ),
    }
