"""Helpers for the report and improvement-action tests: closed rounds with invitations and
responses in partnership A, cancelled placements, and reports in each status."""

import datetime
import hashlib

from django.utils import timezone

from partnerships.models import Person
from placements.models import Placement
from quality.choices import ReportStatus
from quality.models import QualityReport, Response
from quality.services import reports as services
from tests.factories import StudentFactory, academic_year
from tests.quality.factories import (
    AnswerFactory,
    InvitationFactory,
    QuestionFactory,
    SurveyFactory,
    SurveyRoundFactory,
    SurveySectionFactory,
)


def closed_round(partnership, *, half=1, invited=8, responded=6, year=None, title=None, **extra):
    """A closed round with one scale question; ``responded`` of ``invited`` students answered."""
    survey = SurveyFactory(partnership=partnership)
    question = QuestionFactory(section=SurveySectionFactory(survey=survey))
    survey_round = SurveyRoundFactory(
        survey=survey,
        closed=True,
        half=half,
        academic_year=year or academic_year(),
        **({"title": title} if title else {}),
        **extra,
    )
    now = timezone.now()
    for i in range(invited):
        InvitationFactory(round=survey_round, responded_at=now if i < responded else None)
    for i in range(responded):
        response = Response.objects.create(round=survey_round, group="student")
        AnswerFactory(response=response, question=question, value=1 + i % 5)
    return survey_round


def cancel_placements(world, school, reasons, *, year=None):
    """A cancelled placement at ``school`` per reason in ``reasons``."""
    made = []
    in_a = school.partnership_id == world.a.pk
    institute, subject = (
        (world.institute, world.subject) if in_a else (world.institute_b, world.subject_b)
    )
    for reason in reasons:
        student = StudentFactory(
            partnership=school.partnership, institute=institute, subject=subject
        )
        made.append(
            Placement.objects.create(
                student=student,
                academic_year=year or academic_year(),
                school=school,
                subject=subject,
                stage="onderbouw",
                level="hbo",
                start="september",
                status="cancelled",
                cancel_reason=reason,
            )
        )
    return made


def draft(world, *, half=1, today=None) -> QualityReport:
    """The half-year report of A for this year, drafted through the service."""
    closed_round(world.a, half=half)
    report, _created = services.report_draft(
        partnership=world.a,
        academic_year=academic_year(),
        kind="half_year",
        half=half,
        today=today or timezone.localdate(),
    )
    return report


def report_in(world, status: str, *, half=1) -> QualityReport:
    """A report in ``status`` (draft, in_review, adopted), moved there through the services."""
    report = draft(world, half=half)
    pm = world["programmamanager"]
    if status in (ReportStatus.IN_REVIEW, ReportStatus.ADOPTED):
        services.report_submit(report=report, by=pm)
    if status == ReportStatus.ADOPTED:
        services.report_adopt(
            report=report,
            by=world["stuurgroeplid"],
            meeting="Stuurgroep",
            meeting_date=timezone.localdate() - datetime.timedelta(days=1),
        )
        services.report_archive_pdf(report_id=report.pk)  # the task's function, no worker
    report.refresh_from_db()
    return report


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def person(world, actor: str) -> Person:
    return world[actor]


def steering_meeting(world, *, days_ago=2):
    """A held meeting of partnership A's steering group (created with the body): reports are
    adopted at it as governance decisions."""
    from partnerships.governance.models import Body, Meeting

    body, _new = Body.objects.get_or_create(
        partnership=world.a, kind="stuurgroep", defaults={"name": "Stuurgroep"}
    )
    return Meeting.objects.create(
        body=body,
        starts_at=timezone.now() - datetime.timedelta(days=days_ago),
        status="held" if days_ago >= 0 else "planned",
    )
