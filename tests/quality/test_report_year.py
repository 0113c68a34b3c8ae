"""Issue 15, items 5-7: the June and annual reports carry the whole year (programme,
professionalisation, placements), frozen; the report per school and institute keeps to the
organisation's data and the anonymity rules; adoption returns at once and a task archives the
PDF; the internal evaluation opens pre-filled with the organisation's facts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.governance.models import Decision
from programme.models import Event
from quality.models import OrganisationReport, QualityReport, Response
from quality.selectors.reports import organisation_document
from quality.services import reports as services
from quality.tasks.reports import archive_report_pdf
from tests.factories import academic_year
from tests.quality.reports_world import closed_round, report_in, steering_meeting

pytestmark = pytest.mark.django_db


def _event(world, day, kind="practice_day", **extra):
    return Event.objects.create(
        partnership=world.a,
        academic_year=academic_year(),
        kind=kind,
        title="Praktijkdag",
        date=day,
        starts_at=datetime.time(9),
        ends_at=datetime.time(16),
        is_published=True,
        mandatory=True,
        **extra,
    )


def _june(world):
    report, _new = services.report_draft(
        partnership=world.a,
        academic_year=academic_year(),
        kind="half_year",
        half=2,
        today=timezone.localdate(),
        notify=False,
    )
    return report


def test_the_june_report_freezes_the_whole_year(client, world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    _event(world, yesterday)
    closed_round(world.a, half=2)
    report = _june(world)
    keys = list(report.sections.values_list("key", flat=True))
    assert {"programme", "professionalisation", "placements"} <= set(keys)
    year = report.data["year"]
    assert year["programme"]["events_held"] == 1 and year["programme"]["mandatory_events"] == 1
    assert year["professionalisation"]["staff"] > 0
    assert {s["name"] for s in year["professionalisation"]["schools"]} >= {"Alfa College"}
    assert set(year["placements"]) == {"quota", "subsidy", "rotation"}
    frozen = dict(report.data)

    _event(world, yesterday, kind="innomo")  # later changes never reach the report
    report.refresh_from_db()
    assert report.data == frozen
    client.force_login(world["programmamanager"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Opleidingsprogramma" in page and "Professionalisering" in page
    assert "1 opleidingsactiviteit gehouden" in page


def test_the_first_half_report_has_no_year_sections(world):
    closed_round(world.a, half=1)
    report, _new = services.report_draft(
        partnership=world.a,
        academic_year=academic_year(),
        kind="half_year",
        half=1,
        today=timezone.localdate(),
        notify=False,
    )
    keys = set(report.sections.values_list("key", flat=True))
    assert not keys & {"programme", "professionalisation", "placements"}
    assert "year" not in report.data


def _round_at_schools(world, counts):
    survey_round = closed_round(world.a, half=2, invited=0, responded=0)
    question = survey_round.survey.sections.first().questions.first()
    from tests.quality.factories import AnswerFactory, InvitationFactory

    for school, n in counts.items():
        for i in range(n):
            InvitationFactory(round=survey_round, school=school, responded_at=timezone.now())
            response = Response.objects.create(round=survey_round, group="student", school=school)
            AnswerFactory(response=response, question=question, value=1 + i % 5)
    return survey_round


def test_the_report_per_school_shows_only_its_own_published_groups(client, world):
    # 7 + 6 + 2 responses: the school of 2 is hidden, and with it the next smallest (6)
    _round_at_schools(world, {world.school1: 7, world.school3: 6, world.school2: 2})
    report = _june(world)
    parts = {p.organisation_id: p.data for p in OrganisationReport.objects.filter(report=report)}
    assert set(parts) >= {world.school1.pk, world.school2.pk, world.institute.pk}
    documents = {
        p.organisation_id: organisation_document(p)
        for p in OrganisationReport.objects.filter(report=report).select_related("organisation")
    }
    views = documents[world.school1.pk]["rounds"][0]["views"]
    assert len(views) == 1 and views[0]["filters"] == {"school": world.school1.pk}
    assert views[0]["summary"]["participation"]["responses"] == 7
    assert documents[world.school2.pk]["rounds"][0]["views"] == []  # 2 respondents: never
    assert documents[world.school3.pk]["rounds"][0]["views"] == []  # would give school2 away
    assert parts[world.school2.pk]["rounds"][0]["invited"] == 2  # participation counts only
    # the school's own figures: its placements and compliance, not the partnership's
    assert [
        s["name"] for s in parts[world.school1.pk]["year"]["professionalisation"]["schools"]
    ] == ["Alfa College"]
    assert parts[world.institute.pk]["year"]["placements"] is None

    QualityReport.objects.filter(pk=report.pk).update(status="adopted", pdf_sha256="x")
    url = reverse("quality:report_organisation", args=[world.a.slug, report.pk, world.school1.pk])
    client.force_login(world["schoolcoordinator"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Alfa College" in page.content.decode()
    other = reverse("quality:report_organisation", args=[world.a.slug, report.pk, world.school2.pk])
    assert client.get(other).status_code == 404
    links = client.get(report.get_absolute_url()).context["organisation_parts"]
    assert {p["organisation"].pk for p in links} == {world.school1.pk, world.school3.pk}
    assert {p["url"] for p in links} == {
        reverse("quality:report_organisation", args=[world.a.slug, report.pk, school.pk])
        for school in (world.school1, world.school3)
    }


def test_adoption_returns_at_once_and_the_task_archives_the_pdf(client, world, monkeypatch):
    report = report_in(world, "in_review")
    rendered = []
    real = services.report_pdf_render
    monkeypatch.setattr(
        services, "report_pdf_render", lambda r, **kw: rendered.append(r.pk) or real(r, **kw)
    )
    meeting = steering_meeting(world)  # adopted in a meeting of the steering group (issue 16)
    client.force_login(world["stuurgroeplid"])
    response = client.post(
        reverse("quality:report_adopt", args=[world.a.slug, report.pk]),
        {"decided_at": str(meeting.pk)},
    )
    check = client.get(response.url)  # the check page: nothing adopted yet
    assert check.status_code == 200 and not QualityReport.objects.get(pk=report.pk).is_adopting
    assert check.context["data"]["meeting"] == str(meeting) and not Decision.objects.exists()
    response = client.post(response.url.split("?")[0], {"data": check.context["token"]})
    assert response.status_code == 302 and rendered == []  # no PDF made in the request
    report.refresh_from_db()
    assert report.is_adopting and report.meeting == str(meeting)
    decision = Decision.objects.get(meeting=meeting)
    assert decision.subject_id == report.pk and decision.subject_url == report.get_absolute_url()
    from partnerships.models import OutboxMessage

    assert OutboxMessage.objects.filter(
        task="quality.tasks.reports.archive_report_pdf", args=[report.pk]
    ).exists()
    pdf_url = reverse("quality:report_pdf", args=[world.a.slug, report.pk])
    assert client.get(pdf_url).status_code == 302  # not yet: back to the report
    assert "wordt vastgesteld" in client.get(report.get_absolute_url()).content.decode()

    assert archive_report_pdf(report.pk) is True
    assert archive_report_pdf(report.pk) is False  # idempotent: claimed by state
    assert rendered == [report.pk]
    report.refresh_from_db()
    assert not report.is_adopting and bytes(report.pdf).startswith(b"%PDF")
    assert client.get(pdf_url)["Content-Type"] == "application/pdf"


def test_a_stalled_adoption_is_enqueued_again(world):
    report = report_in(world, "in_review")
    QualityReport.objects.filter(pk=report.pk).update(
        status="adopted", adopted_at=timezone.now() - datetime.timedelta(hours=1)
    )
    from partnerships.models import OutboxMessage

    assert services.reports_archive_stalled() == 1
    assert OutboxMessage.objects.filter(args=[report.pk]).count() == 1
    QualityReport.objects.filter(pk=report.pk).update(pdf_sha256="done")
    assert services.reports_archive_stalled() == 0


def test_the_internal_evaluation_opens_prefilled(client, world):
    survey_round = closed_round(world.a, half=1, invited=0, responded=0)
    from tests.quality.factories import InvitationFactory

    for i in range(4):
        InvitationFactory(
            round=survey_round, school=world.school1, responded_at=timezone.now() if i else None
        )
    client.force_login(world["schoolcoordinator"])
    url = reverse(
        "quality:evaluation_edit",
        kwargs={
            "partnership": world.a.slug,
            "year": academic_year().label,
            "org": world.school1.pk,
        },
    )
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    placements = form.initial["placements"]
    assert placements.startswith("Hoeveel studenten")
    assert "Gecertificeerde werkplekbegeleiders" in form.initial["professionalisation"]
    assert "3 van 4" in form.initial["communication"]
    assert "evaluation-facts" in page.content.decode()
