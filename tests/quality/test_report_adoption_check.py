"""Check before adopting a quality report (issue 14, item 3): the form leads to a check page
that changes nothing, adopting happens once, and the confirmation says what happened and what
comes next."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from quality.choices import ReportStatus
from quality.models import QualityReport
from tests.quality.reports_world import report_in

pytestmark = pytest.mark.django_db


def url(world, name, report):
    return reverse(f"quality:{name}", args=[world.a.slug, report.pk])


def _to_check(client, world, report, meeting="Stuurgroep 3 december"):
    meeting_date = timezone.localdate() - datetime.timedelta(days=4)
    response = client.post(
        url(world, "report_adopt", report),
        {"meeting": meeting, "meeting_date": meeting_date.isoformat()},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(url(world, "report_adopt_check", report) + "?data=")
    token = parse_qs(urlsplit(response["Location"]).query)["data"][0]
    return response["Location"], token, meeting_date


def test_the_check_page_shows_the_report_and_changes_nothing(client, world):
    report = report_in(world, ReportStatus.IN_REVIEW)
    client.force_login(world["stuurgroeplid"])
    check, token, meeting_date = _to_check(client, world, report)
    response = client.get(check)
    assert response.status_code == 200
    page = response.content.decode()
    assert report.title in page and "Stuurgroep 3 december" in page
    assert f'name="data" value="{token}"' in page
    assert QualityReport.objects.get(pk=report.pk).status == ReportStatus.IN_REVIEW
    # "Change" brings the meeting back into the form.
    form = client.get(response.context["change_url"]).context["form"]
    assert form["meeting"].value() == "Stuurgroep 3 december"
    # A forged value, or another report's, goes back to the form.
    assert client.get(f"{url(world, 'report_adopt_check', report)}?data=x").status_code == 302
    other = report_in(world, ReportStatus.IN_REVIEW, half=2)
    response = client.post(url(world, "report_adopt_check", other), {"data": token})
    assert response["Location"] == url(world, "report_adopt", other)
    assert QualityReport.objects.get(pk=other.pk).status == ReportStatus.IN_REVIEW
    # A meeting in the future never reaches the check page.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url(world, "report_adopt", report), {"meeting": "x", "meeting_date": tomorrow}
    )
    assert response.status_code == 200 and response.context["form"].errors["meeting_date"]


def test_adopting_happens_once_and_ends_on_the_confirmation(client, world):
    report = report_in(world, ReportStatus.IN_REVIEW)
    member = world["stuurgroeplid"]
    client.force_login(member)
    _check, token, meeting_date = _to_check(client, world, report)
    first = client.post(url(world, "report_adopt_check", report), {"data": token})
    assert first["Location"] == url(world, "report_adopted", report)
    report.refresh_from_db()
    adopted_at = report.adopted_at
    assert (report.status, report.meeting, report.adopted_by) == (
        ReportStatus.ADOPTED,
        "Stuurgroep 3 december",
        member,
    )
    second = client.post(url(world, "report_adopt_check", report), {"data": token})
    assert second["Location"] == url(world, "report_adopted", report)
    assert QualityReport.objects.get(pk=report.pk).adopted_at == adopted_at
    # The check page of an adopted report goes to the confirmation.
    assert client.get(url(world, "report_adopt_check", report))["Location"] == url(
        world, "report_adopted", report
    )
    response = client.get(url(world, "report_adopted", report))
    assert list(response.context["messages"]) == []
    with translation.override("nl"):
        page = response.content.decode()
        assert "is vastgesteld" in page
        assert formats.date_format(meeting_date, "DATE_FORMAT") in page
        assert "Wat er nu gebeurt" in page
    assert reverse("quality:action_list", args=[world.a.slug]) in page


def test_the_confirmation_of_a_report_not_adopted_goes_to_the_report(client, world):
    report = report_in(world, ReportStatus.IN_REVIEW)
    client.force_login(world["stuurgroeplid"])
    response = client.get(url(world, "report_adopted", report))
    assert response["Location"] == report.get_absolute_url()
