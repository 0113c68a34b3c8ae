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
    "programme": _("Training programme"),
    "professionalisation": _("Professionalisation"),
    "placements": _("Placements"),
    "actions": _("Improvement actions"),
    "evaluations": _("Internal evaluations"),
    "conclusions": _("Conclusions"),
}
# The whole year (issue 15, item 5): only in the June report and the annual report.
YEAR_SECTIONS = ("programme", "professionalisation", "placements")
CLOSED_ACTION = (ActionStatus.DONE, ActionStatus.CANCELLED)


def section_keys(*, kind: str, half: int | None) -> list[str]:
    keys = list(SECTION_TITLES)
    if kind == ReportKind.HALF_YEAR and half == Half.FIRST:
        keys.remove("evaluations")
        keys = [k for k in keys if k not in YEAR_SECTIONS]
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
        data["year"] = year_data(
            partnership=partnership, academic_year=academic_year, end=year_end(academic_year, today)
        )
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
        "year": year_data(
            partnership=partnership, academic_year=academic_year, end=year_end(academic_year, today)
        ),
    }


# --- the whole year (issue 15, item 5) --------------------------------------------------------
def year_end(academic_year, today: datetime.date) -> datetime.date:
    """The last day the year's figures count: the year's end (31 July), or today before it."""
    return min(datetime.date(academic_year.start_year + 1, 7, 31), today)


def organisation_scope(*, partnership, academic_year, organisation) -> dict:
    """Whose figures count for one organisation: a school's students are those placed there
    this year (cancelled placements not counted) and its staff those with a role at it; an
    institute's students are its own and its staff those with a role at it."""
    from partnerships.models import RoleAssignment, Student
    from placements import selectors as placement_selectors

    staff = set(
        RoleAssignment.objects.filter(partnership=partnership, organisation=organisation)
        .values_list("person_id", flat=True)
        .distinct()
    )
    if organisation.kind == "school":
        students = set(
            placement_selectors.placements_in_year(partnership=partnership, year=academic_year)
            .filter(school=organisation)
            .exclude(status="cancelled")
            .values_list("student_id", flat=True)
        )
        return {"students": students, "staff": staff, "schools": {organisation.pk}}
    students = set(
        Student.objects.filter(partnership=partnership, institute=organisation).values_list(
            "pk", flat=True
        )
    )
    return {"students": students, "staff": staff, "schools": set()}


def year_data(*, partnership, academic_year, end: datetime.date, scope: dict | None = None) -> dict:
    """Programme, professionalisation and placements of the academic year up to ``end``, read
    through the apps' selectors and frozen as counts. ``scope`` (``organisation_scope``) limits
    them to one organisation; an institute has no quota of its own (placements left out)."""
    from placements import selectors as placement_selectors
    from professionalisation.selectors.report import year_professionalisation
    from programme.selectors.report import year_programme

    scope = scope or {}
    placements = None
    if not scope or scope.get("schools"):
        placements = placement_selectors.year_placement_facts(
            partnership=partnership, year=academic_year, school_ids=scope.get("schools")
        )
    return frozen(
        {
            "end": end,
            "programme": year_programme(
                partnership=partnership,
                year=academic_year,
                end=end,
                student_ids=scope.get("students"),
            ),
            "professionalisation": year_professionalisation(
                partnership=partnership,
                year=academic_year,
                on=end,
                person_ids=scope.get("staff"),
                school_ids=scope.get("schools"),
            ),
            "placements": placements,
        }
    )


# --- per organisation (issue 15, item 6) ------------------------------------------------------
def organisation_views(survey_round: SurveyRound, organisation, k: int) -> list[tuple]:
    """The published groups of a closed round that are this organisation's: every node of the
    round's anonymity tree whose last split is on this school (or institute). A group under the
    minimum — or one whose siblings would give it away — is not in the tree, so never here."""
    from .results import _response_cube, response_tree

    dim = "school" if organisation.kind == "school" else "institute"
    tree = response_tree(_response_cube([survey_round])[survey_round.pk], k)
    return [path for path in tree.published_paths() if path and path[-1] == (dim, organisation.pk)]


def _path_label(path: tuple, names: dict[int, str]) -> str:
    from .choices import RespondentGroup

    parts = []
    for dim, value in path:
        if dim == "group":
            try:
                parts.append(str(RespondentGroup(value).label))
            except ValueError:
                parts.append(str(value))
        elif dim in ("school", "institute"):
            parts.append(names.get(value, str(value)))
        else:
            parts.append(str(value))
    return " › ".join(parts)


def organisation_round(survey_round: SurveyRound, organisation, settings, names) -> dict:
    dim = "school" if organisation.kind == "school" else "institute"
    invitations = survey_round.invitations.filter(**{dim: organisation})
    invited = invitations.count()
    responded = invitations.filter(responded_at__isnull=False).count()
    target = settings.response_target
    return {
        "id": survey_round.pk,
        "title": survey_round.title,
        "survey": survey_round.survey.name,
        "audience": survey_round.audience,
        "opens_on": survey_round.opens_on.isoformat(),
        "closes_on": survey_round.closes_on.isoformat(),
        "invited": invited,
        "responded": responded,
        "rate": rate(responded, invited),
        "target": str(target),
        "meets_target": response_target.meets(responded, invited, target),
    }


def organisation_round_views(survey_round: SurveyRound, organisation) -> list[dict]:
    """The organisation's result groups of a closed round, read when the page is opened: the
    answers of a closed round never change (its survey is locked, no response is added), and
    the anonymity rules apply as they stand — a raised minimum only hides more. Reading them at
    drafting for every school and institute cost minutes for a 40-school partnership."""
    from .results import round_summary

    settings = QualitySettings.for_partnership(survey_round.partnership)
    names = dict(survey_round.partnership.organisations.values_list("pk", "name"))
    return [
        {
            "label": _path_label(path, names),
            "filters": dict(path),
            "summary": round_summary(round=survey_round, filters=dict(path)),
        }
        for path in organisation_views(survey_round, organisation, settings.min_group)
    ]


def organisation_data(
    *, report: QualityReport, organisation, today: datetime.date, earlier: list[dict] = ()
) -> dict:
    """One organisation's part of ``report``, frozen with it. ``earlier``: for the annual
    report, the organisation's parts of the year's half-year reports (their rounds are reused,
    as the annual report reuses the half-years' rounds)."""
    settings = QualitySettings.for_partnership(report.partnership)
    partnership, year = report.partnership, report.academic_year
    names = dict(partnership.organisations.values_list("pk", "name"))
    if report.kind == ReportKind.ANNUAL:
        rounds = [r for part in earlier for r in part.get("rounds", [])]
    else:
        rounds = [
            organisation_round(r, organisation, settings, names)
            for r in SurveyRound.objects.filter(
                partnership=partnership, academic_year=year, half=report.half, status="closed"
            )
            .select_related("survey", "partnership")
            .order_by("opens_on", "pk")
        ]
    data = {
        "organisation": organisation.name,
        "organisation_id": organisation.pk,
        "kind": organisation.kind,
        "drafted_on": today.isoformat(),
        "min_group": settings.min_group,
        "response_target": str(settings.response_target),
        "response_target_label": settings.response_target_label,
        "rounds": rounds,
        "actions": {
            key: [a for a in rows if a.get("organisation") == organisation.name]
            for key, rows in (report.data.get("actions") or {}).items()
        },
        "findings": [
            f
            for f in report.data.get("findings", [])
            if f.get("organisation_id") == organisation.pk
        ],
    }
    if organisation.kind == "school":
        from placements import selectors as placement_selectors

        cancelled = (
            placement_selectors.placements_cancelled(partnership=partnership, year=year)
            .filter(school=organisation)
            .count()
        )
        data["dropout"] = {
            "total": cancelled if cancelled >= settings.min_group else None,
            "min_group": settings.min_group,
        }
    if "year" in report.data:
        scope = organisation_scope(
            partnership=partnership, academic_year=year, organisation=organisation
        )
        data["year"] = year_data(
            partnership=partnership,
            academic_year=year,
            end=year_end(year, today),
            scope=scope,
        )
    return frozen(data)
