"""Demo quality reports and improvement actions for the rounds the rounds demo closed: the
older half year's report analysed and adopted by the steering group (with its archived PDF),
the newer one analysed and with the steering group, two comments on it, and six improvement
actions at partnership, school and institute level (one overdue, one done and evaluated).

Everything goes through the services; idempotent (a report that has moved on is left alone,
actions are found by their title)."""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.glossary import OrganisationKind, Role
from partnerships.governance.selectors import latest_held_meeting
from partnerships.models import AcademicYear, RoleAssignment
from quality.choices import ActionLevel, ActionStatus, ReportKind, ReportStatus
from quality.models import ImprovementAction, ReportComment
from quality.selectors.reports import role_holders
from quality.services import reports as services
from quality.services.reports import due_half_years

ANALYSES = {
    "summary": "De metingen van dit halfjaar laten een stabiel beeld zien. Studenten en "
    "werkplekbegeleiders zijn overwegend tevreden over de begeleiding; de afstemming tussen "
    "school en instituut blijft een aandachtspunt.",
    "targets": "Bij elk streefdoel staan de uitkomst en de cijfers. Waar een doel niet is "
    "gehaald, bespreekt de stuurgroep welke verbeteractie nodig is; waar een doel niet meetbaar "
    "is, waren er te weinig antwoorden of ontbreken gegevens.",
    "results": "De begeleiding door de werkplekbegeleider scoort het hoogst. De aansluiting van "
    "de opdrachten van het instituut op de praktijk scoort het laagst, net als vorig halfjaar.",
    "response": "De respons van studenten ligt rond de norm van twee derde; bij de "
    "werkplekbegeleiders blijft die achter. We sturen voortaan een herinnering via de "
    "schoolcoördinatoren.",
    "dropout": "De uitval is beperkt. De meest genoemde reden is een andere baan of studie; er is "
    "geen school met opvallend veel uitval.",
    "actions": "De meeste verbeteracties liggen op schema. Eén actie is over de einddatum heen en "
    "wordt in de stuurgroep besproken.",
    "evaluations": "De interne evaluaties noemen vooral de facilitering van werkplekbegeleiders "
    "en de communicatie over roosters.",
    "conclusions": "Het partnerschap ligt op koers. Voor het komende halfjaar richten we ons op "
    "de afstemming tussen school en instituut en op de respons van werkplekbegeleiders.",
}
COMMENTS = [
    ("response", "Kunnen we de respons ook per school laten zien in de volgende stuurgroep?"),
    (None, "Goed leesbaar rapport; akkoord met de voorgestelde acties."),
]
# title, level, organisation kind, owner role, due in days from today, status, evaluation
ACTIONS = [
    (
        "Gezamenlijke opdrachten school en instituut afstemmen",
        ActionLevel.PARTNERSHIP,
        None,
        Role.PROGRAMMAMANAGER,
        90,
        ActionStatus.IN_PROGRESS,
        "",
    ),
    (
        "Herinnering enquête via de schoolcoördinatoren",
        ActionLevel.PARTNERSHIP,
        None,
        Role.STAGECOORDINATOR,
        -20,
        ActionStatus.PLANNED,
        "",
    ),
    (
        "Inwerkprogramma nieuwe werkplekbegeleiders",
        ActionLevel.SCHOOL,
        OrganisationKind.SCHOOL,
        Role.SCHOOLCOORDINATOR,
        -40,
        ActionStatus.DONE,
        "Alle nieuwe werkplekbegeleiders volgden de startbijeenkomst; zij voelen zich beter "
        "voorbereid.",
    ),
    (
        "Roosters eerder bekendmaken aan studenten",
        ActionLevel.SCHOOL,
        OrganisationKind.SCHOOL,
        Role.SCHOOLCOORDINATOR,
        60,
        ActionStatus.PLANNED,
        "",
    ),
    (
        "Beoordelingscriteria vooraf delen met de school",
        ActionLevel.INSTITUTE,
        OrganisationKind.INSTITUTE,
        Role.INSTITUUTSCOORDINATOR,
        120,
        ActionStatus.PROPOSED,
        "",
    ),
    (
        "Intervisie voor schoolopleiders",
        ActionLevel.PARTNERSHIP,
        None,
        Role.PROGRAMMAMANAGER,
        150,
        ActionStatus.PROPOSED,
        "",
    ),
]


def _holder(partnership, role, today, kind=None):
    """(person, organisation) of someone holding ``role`` (at an organisation of ``kind``)."""
    assignments = RoleAssignment.objects.active(today).filter(partnership=partnership, role=role)
    if kind:
        assignments = assignments.filter(organisation__kind=kind)
    found = assignments.select_related("person", "organisation").order_by("pk").first()
    return (found.person, found.organisation) if found else (None, None)


def _actions(partnership, report, today) -> int:
    made = 0
    for title, level, kind, role, days, status, evaluation in ACTIONS:
        owner, org = _holder(partnership, role, today, kind)
        if owner is None or (kind and org is None):
            continue
        _action, created = ImprovementAction.objects.get_or_create(
            partnership=partnership,
            title=title,
            defaults={
                "report": report,
                "level": level,
                "organisation": org if kind else None,
                "owner": owner,
                "due_date": today + datetime.timedelta(days=days),
                "status": status,
                "evaluation": evaluation,
                "finding": "",
            },
        )
        made += created
    return made


def _write(report, pm) -> None:
    for section in report.sections.filter(analysis=""):
        if section.key in ANALYSES:
            services.report_section_update(section=section, by=pm, analysis=ANALYSES[section.key])


@transaction.atomic
def load(partnership) -> str | None:
    today = timezone.localdate()
    pm = role_holders(partnership=partnership, roles=[Role.PROGRAMMAMANAGER], today=today).first()
    members = list(role_holders(partnership=partnership, roles=[Role.STUURGROEPLID], today=today))
    if pm is None or not members:
        return None
    for year_id, half in due_half_years(partnership=partnership):
        services.report_draft(
            partnership=partnership,
            academic_year=AcademicYear.objects.get(pk=year_id),
            kind=ReportKind.HALF_YEAR,
            half=half,
            today=today,
            notify=False,
        )
        if not ImprovementAction.objects.filter(partnership=partnership).exists():
            first = partnership.quality_reports.order_by("academic_year__start_year", "half")
            _actions(partnership, first.first(), today)
    reports = list(
        partnership.quality_reports.filter(kind=ReportKind.HALF_YEAR).order_by(
            "-academic_year__start_year", "-half"
        )[:2]
    )
    if not reports:
        return None
    newer, older = reports[0], (reports[1] if len(reports) > 1 else None)
    adopted = 0
    if older is not None:
        _write(older, pm)
        if older.status == ReportStatus.DRAFT:
            services.report_submit(report=older, by=pm, notify=False)
        if older.status == ReportStatus.IN_REVIEW:
            meeting_date = today - datetime.timedelta(days=14)
            services.report_adopt(  # a decision of the last steering group meeting held
                report=older,
                by=members[0],
                meeting=f"Stuurgroep {meeting_date:%d-%m-%Y}",
                meeting_date=meeting_date,
                decided_at=latest_held_meeting(partnership),
            )
            services.report_archive_pdf(report_id=older.pk)  # the demo does not wait for a worker
            adopted = 1
    _write(newer, pm)
    if newer.status == ReportStatus.DRAFT:
        services.report_submit(report=newer, by=pm, notify=False)
    if newer.status == ReportStatus.IN_REVIEW and not newer.comments.exists():
        sections = {s.key: s for s in newer.sections.all()}
        for i, (key, text) in enumerate(COMMENTS):
            services.report_comment_add(
                report=newer,
                by=members[i % len(members)],
                text=text,
                section=sections.get(key) if key else None,
            )
    made = _actions(partnership, older or newer, today)
    if not adopted and not made:
        return None
    comments = ReportComment.objects.filter(report__partnership=partnership).count()
    return (
        f"quality reports: {len(reports)} half-year reports ({adopted} adopted now), "
        f"{comments} comments, "
        f"{ImprovementAction.objects.filter(partnership=partnership).count()} improvement actions"
    )
