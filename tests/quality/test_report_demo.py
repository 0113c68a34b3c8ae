"""The demo reports: drafted through the services for the closed halves, the older adopted with
its PDF, the newer with the steering group and two comments, six actions; idempotent."""

import hashlib

import pytest
from django.utils import timezone

from quality.choices import ReportStatus
from quality.demo import reports as demo_reports
from quality.models import ImprovementAction
from tests.factories import academic_year
from tests.quality.reports_world import closed_round

pytestmark = pytest.mark.django_db


def test_demo_reports(world):
    year = academic_year()
    closed_round(world.a, half=1, year=year)
    closed_round(world.a, half=2, year=year)
    assert demo_reports.load(world.a).startswith("quality reports: 2 half-year reports")
    older, newer = world.a.quality_reports.order_by("half")
    assert older.status == ReportStatus.ADOPTED
    assert older.meeting.startswith("Stuurgroep ")
    assert older.pdf_sha256 == hashlib.sha256(bytes(older.pdf)).hexdigest()
    assert not older.sections.filter(analysis="").exists()
    assert newer.status == ReportStatus.IN_REVIEW and newer.comments.count() == 2

    actions = ImprovementAction.objects.filter(partnership=world.a)
    assert actions.count() == 6
    assert {a.level for a in actions} == {"partnership", "school", "institute"}
    today = timezone.localdate()
    overdue = [a for a in actions if a.due_date < today and a.status not in ("done", "cancelled")]
    assert len(overdue) == 1
    done = actions.get(status="done")
    assert done.evaluation and done.evaluated_in == newer
    assert [a["id"] for a in newer.data["actions"]["overdue"]] == [overdue[0].pk]

    assert demo_reports.load(world.a) is None
    assert actions.count() == 6 and world.a.quality_reports.count() == 2
    assert newer.comments.count() == 2


def test_no_demo_reports_without_closed_rounds(world):
    assert demo_reports.load(world.a) is None
    assert not world.a.quality_reports.exists()
