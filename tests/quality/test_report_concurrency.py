"""Two drafting runs, and two adoptions, at the same moment (PostgreSQL): one report, one
adoption. A module of its own: it needs committed rows that other connections can see."""

import threading

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.glossary import Role
from quality.choices import ReportStatus
from quality.models import QualityReport
from quality.services import reports as services
from quality.tasks.reports import draft_due_reports
from tests.factories import PartnershipFactory, PersonFactory, RoleFactory, academic_year
from tests.quality.reports_world import closed_round

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def at_once(n, work):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_concurrent_drafting_runs_make_one_report():
    partnership = PartnershipFactory()
    closed_round(partnership, half=1)
    closed_round(partnership, half=1)
    results, errors = at_once(4, lambda: draft_due_reports(on=timezone.localdate().isoformat()))
    assert not errors
    assert sum(results) == 1
    report = QualityReport.objects.get(partnership=partnership)
    assert report.sections.count() == 7  # with the targets


def test_two_adoptions_at_once_adopt_once():
    partnership = PartnershipFactory()
    members = [PersonFactory() for _ in range(2)]
    for member in members:
        RoleFactory(person=member, partnership=partnership, role=Role.STUURGROEPLID)
    closed_round(partnership, half=1)
    report, _created = services.report_draft(
        partnership=partnership,
        academic_year=academic_year(),
        kind="half_year",
        half=1,
        today=timezone.localdate(),
    )
    services.report_submit(report=report, by=members[0])
    turn = iter(members)

    def adopt():
        fresh = QualityReport.objects.get(pk=report.pk)
        return services.report_adopt(
            report=fresh,
            by=next(turn),
            meeting="Stuurgroep",
            meeting_date=timezone.localdate(),
        )

    results, errors = at_once(2, adopt)
    assert len(results) == 1 and len(errors) == 1
    assert errors[0].messages == [
        gettext("This report has been adopted; it can no longer be changed.")
    ]
    report.refresh_from_db()
    assert report.status == ReportStatus.ADOPTED
    assert report.adopted_by == results[0].adopted_by
    assert report.pdf_sha256 == results[0].pdf_sha256
