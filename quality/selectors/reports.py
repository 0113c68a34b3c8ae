"""Reads for quality reports and improvement actions, limited to what the reader may see.

Managers and governance (stuurgroep, bestuursraad, werkgroep) read every report, drafts
included; school and institute leads read adopted reports only. Improvement actions: managers
and governance read all; leads read those not tied to an unadopted report, and everyone reads
the actions they own."""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from partnerships.access import GOVERNANCE, INSTITUTE_LEADS, MANAGERS, SCHOOL_LEADS, Access
from partnerships.models import Partnership, Person, RoleAssignment

from .. import response_target
from ..choices import (
    ActionLevel,
    ActionStatus,
    Audience,
    EvaluationTheme,
    ReportStatus,
    RespondentGroup,
)
from ..models import ImprovementAction, OrganisationReport, QualityReport, ReportSection
from ..report_data import SECTION_TITLES

CLOSED_ACTION = (ActionStatus.DONE, ActionStatus.CANCELLED)


def sees_drafts(access: Access, partnership: Partnership) -> bool:
    return bool(access.roles(partnership) & (MANAGERS | GOVERNANCE))


def reports_visible(*, access: Access, partnership: Partnership) -> QuerySet[QualityReport]:
    qs = QualityReport.objects.filter(partnership=partnership)
    if not sees_drafts(access, partnership):
        qs = qs.filter(status=ReportStatus.ADOPTED)
    return qs


def report_list(*, access: Access, partnership: Partnership) -> QuerySet[QualityReport]:
    return (
        reports_visible(access=access, partnership=partnership)
        .select_related("academic_year", "adopted_by", "partnership")
        .defer("pdf", "data")
    )


def overdue_expression(today: datetime.date):
    return Case(
        When(Q(due_date__lt=today) & ~Q(status__in=CLOSED_ACTION), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def actions_visible(
    *, access: Access, partnership: Partnership, today: datetime.date | None = None
) -> QuerySet[ImprovementAction]:
    today = today or timezone.localdate()
    qs = ImprovementAction.objects.filter(partnership=partnership)
    if not sees_drafts(access, partnership):
        qs = qs.filter(
            Q(report__isnull=True)
            | Q(report__status=ReportStatus.ADOPTED)
            | Q(owner=access.user.pk)
        )
    return qs.annotate(overdue=overdue_expression(today))


def action_list(
    *, access: Access, partnership: Partnership, today: datetime.date | None = None
) -> QuerySet[ImprovementAction]:
    return actions_visible(access=access, partnership=partnership, today=today).select_related(
        "owner", "organisation", "report", "partnership"
    )


def own_actions(*, person: Person, partnership: Partnership, today: datetime.date):
    """The person's open actions, overdue ones first."""
    return (
        ImprovementAction.objects.filter(partnership=partnership, owner=person)
        .exclude(status__in=CLOSED_ACTION)
        .annotate(overdue=overdue_expression(today))
        .select_related("partnership")
        .order_by("-overdue", "due_date", "pk")
    )


def role_holders(*, partnership: Partnership, roles, today: datetime.date | None = None):
    """People holding one of ``roles`` in the partnership today."""
    holders = RoleAssignment.objects.active(today).filter(partnership=partnership, role__in=roles)
    return Person.objects.filter(pk__in=holders.values("person")).order_by("pk")


def possible_owners(*, partnership: Partnership, today: datetime.date | None = None):
    """Anyone holding a role in the partnership may own an improvement action."""
    holders = RoleAssignment.objects.active(today).filter(partnership=partnership)
    return Person.objects.filter(Exists(holders.filter(person=OuterRef("pk")))).order_by(
        "last_name", "first_name", "pk"
    )


def report_sections(report: QualityReport) -> QuerySet[ReportSection]:
    return report.sections.select_related("updated_by").order_by("order", "pk")


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _display_action(row: dict) -> dict:
    return {
        **row,
        "level_label": _label(ActionLevel, row.get("level")),
        "status_label": _label(ActionStatus, row.get("status")),
        "due": datetime.date.fromisoformat(row["due_date"]) if row.get("due_date") else None,
    }


def _with_verdict(row: dict, responded: int, invited: int, target) -> dict:
    """``row`` with the target's label and the exact verdict (reports drafted before the target
    was a fraction froze neither)."""
    exact = response_target.from_stored(target)
    return {
        **row,
        "target_label": response_target.label(exact),
        "meets_target": response_target.meets(responded, invited, exact),
    }


def _display_round(r: dict, target) -> dict:
    r = _with_verdict(r, r.get("responded", 0), r.get("invited", 0), r.get("target", target))
    participation = (r.get("summary") or {}).get("participation")
    if participation:
        participation = _with_verdict(
            participation,
            participation.get("responses", 0),
            participation.get("invitations", 0),
            participation.get("target", target),
        )
        r["summary"] = {**r["summary"], "participation": participation}
    return r


def _date(value) -> datetime.date | None:
    """A frozen ISO date as a date, so templates print it in the one date format."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def display_data(data: dict) -> dict:
    """The frozen data with labels in the reader's language (codes are what is stored)."""
    target = data.get("response_target")
    rounds = [
        {
            **_display_round(r, target),
            "opens_on": _date(r.get("opens_on")),
            "closes_on": _date(r.get("closes_on")),
            "audience_label": _label(Audience, r.get("audience")),
            "groups": [
                {**g, "label": _label(RespondentGroup, g.get("group"))} for g in r.get("groups", [])
            ],
        }
        for r in data.get("rounds", [])
    ]
    actions = data.get("actions", {})
    findings = [
        {**f, "theme_label": _label(EvaluationTheme, f.get("theme"))}
        for f in data.get("findings", [])
    ]
    invited = sum(r.get("invited", 0) for r in rounds)
    responded = sum(r.get("responded", 0) for r in rounds)
    totals = {
        "rounds": len(rounds),
        "invited": invited,
        "responded": responded,
        "rate": round(100 * responded / invited) if invited else None,
    }
    return {
        **data,
        "drafted_on": _date(data.get("drafted_on")),
        "response_target_label": response_target.label(response_target.from_stored(target)),
        "totals": totals,
        "rounds": rounds,
        "dropout": {
            "total": 0,
            "reasons": [],
            "schools": [],
            "other_schools": 0,
            **data.get("dropout", {}),
        },
        "actions": {k: [_display_action(a) for a in actions.get(k, [])] for k in SECTION_ACTIONS},
        "findings": findings,
        "year": year_display(data.get("year")),
    }


SECTION_ACTIONS = ("overdue", "open", "done")


def report_document(report: QualityReport) -> dict:
    """What the report page and its PDF both show: the sections with their titles, analyses
    and comments, the frozen data, and the improvement actions proposed in the report."""
    comments = list(
        report.comments.select_related("author", "section").order_by("created_at", "pk")
    )
    sections = []
    for section in report_sections(report):
        section.display_title = str(SECTION_TITLES.get(section.key, section.title))
        section.comment_list = [c for c in comments if c.section_id == section.pk]
        sections.append(section)
    proposed = report.actions.select_related("owner", "organisation").order_by("due_date", "pk")
    return {
        "report": report,
        "partnership": report.partnership,
        "sections": sections,
        "general_comments": [c for c in comments if c.section_id is None],
        "data": display_data(report.data or {}),
        "proposed_actions": list(proposed),
    }


# --- per organisation (issue 15, item 6) ------------------------------------------------------
def organisation_reports_visible(
    *, access: Access, partnership: Partnership, report: QualityReport
) -> QuerySet[OrganisationReport]:
    """Managers and governance read every organisation's part; a school lead
    (schoolcoördinator, schoolopleider, school leader) their own school's (a coordinator's
    cluster included), an institute lead their own institute's."""
    qs = report.organisation_reports.select_related("organisation")
    if sees_drafts(access, partnership):
        return qs
    roles = access.roles(partnership)
    own = set(access.own_school_ids(partnership, SCHOOL_LEADS))
    if roles & INSTITUTE_LEADS:
        own |= set(
            access.organisations(partnership).filter(kind="institute").values_list("pk", flat=True)
        )
    return qs.filter(organisation__in=own)


def organisation_document(part: OrganisationReport) -> dict:
    """What the page of one organisation's report shows: its frozen data with labels."""
    from ..models import SurveyRound
    from ..report_data import organisation_round_views

    data = dict(part.data or {})
    target = data.get("response_target")
    closed = {
        r.pk: r
        for r in SurveyRound.objects.filter(
            pk__in=[r.get("id") for r in data.get("rounds", [])], status="closed"
        ).select_related("partnership", "survey")
    }
    rounds = [
        {
            **_with_verdict(r, r.get("responded", 0), r.get("invited", 0), r.get("target", target)),
            "opens_on": _date(r.get("opens_on")),
            "closes_on": _date(r.get("closes_on")),
            "audience_label": _label(Audience, r.get("audience")),
            "views": organisation_round_views(closed[r["id"]], part.organisation)
            if r.get("id") in closed
            else [],
        }
        for r in data.get("rounds", [])
    ]
    actions = data.get("actions", {})
    return {
        **data,
        "drafted_on": _date(data.get("drafted_on")),
        "rounds": rounds,
        "actions": {k: [_display_action(a) for a in actions.get(k, [])] for k in SECTION_ACTIONS},
        "findings": [
            {**f, "theme_label": _label(EvaluationTheme, f.get("theme"))}
            for f in data.get("findings", [])
        ],
        "year": year_display(data.get("year")),
    }


def year_display(year: dict | None) -> dict | None:
    """The frozen whole-year figures with labels in the reader's language."""
    from partnerships.glossary import QualificationKind, SubsidyCategory
    from professionalisation.selectors.report import gap_label
    from programme.selectors.report import event_kind_label

    if not year:
        return None
    year = {**year, "end": _date(year.get("end"))}
    programme = dict(year.get("programme") or {})
    programme["events"] = [
        {**e, "label": event_kind_label(e["kind"])} for e in programme.get("events", [])
    ]
    attendance = programme.get("attendance") or {}
    expected = sum(attendance.values())
    programme["attendance_rate"] = (
        round(100 * attendance.get("present", 0) / expected) if expected else None
    )
    year["programme"] = programme
    prof = dict(year.get("professionalisation") or {})
    prof["qualifications"] = [
        {**q, "label": _label(QualificationKind, q["kind"])} for q in prof.get("qualifications", [])
    ]
    prof["schools"] = [
        {**s, "gap_list": [(gap_label(code), n) for code, n in s.get("gaps", {}).items()]}
        for s in prof.get("schools", [])
    ]
    year["professionalisation"] = prof
    placements = year.get("placements")
    if placements:
        subsidy = dict(placements.get("subsidy") or {})
        subsidy["by_category"] = [
            {**c, "label": _label(SubsidyCategory, c["category"])}
            for c in subsidy.get("by_category", [])
        ]
        subsidy["reference_date"] = _date(subsidy.get("reference_date"))
        year["placements"] = {**placements, "subsidy": subsidy}
    return year
