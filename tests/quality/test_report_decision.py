"""Adopting a quality report is a decision of the steering group (issue 16, item 3): with the
body in governance the adoption form offers its meetings (or a new written procedure) instead of
a typed name and date; the check page shows the meeting and creates nothing; adopting records a
numbered decision linking to the report, shown on the confirmation and on the decision list."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.governance.models import Body, Decision, Meeting
from quality.choices import ReportStatus
from quality.models import QualityReport
from tests.quality.reports_world import report_in, steering_meeting

pytestmark = pytest.mark.django_db


def url(world, name, report):
    return reverse(f"quality:{name}", args=[world.a.slug, report.pk])


def _check(client, world, report, value):
    response = client.post(url(world, "report_adopt", report), {"decided_at": value})
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"], parse_qs(urlsplit(response["Location"]).query)["data"][0]


def test_the_form_offers_the_meetings_and_the_decision_is_recorded(client, world):
    meeting = steering_meeting(world)
    report = report_in(world, ReportStatus.IN_REVIEW)
    client.force_login(world["stuurgroeplid"])
    form = client.get(url(world, "report_adopt", report)).context["form"]
    assert set(form.fields) == {"decided_at"}  # no typed meeting while governance knows them
    choices = [value for value, _label in form.fields["decided_at"].choices]
    assert choices == ["", str(meeting.pk), "written"]
    response = client.post(url(world, "report_adopt", report), {"decided_at": ""})
    assert response.status_code == 200 and response.context["form"].errors["decided_at"]
    check, token = _check(client, world, report, str(meeting.pk))
    page = client.get(check)
    assert page.context["data"]["meeting"] == str(meeting) and page.context["data"]["decision"]
    # "Change" brings the meeting back into the form.
    form = client.get(page.context["change_url"]).context["form"]
    assert form["decided_at"].value() == str(meeting.pk)
    assert not Decision.objects.exists()
    client.post(url(world, "report_adopt_check", report), {"data": token})
    report.refresh_from_db()
    meeting_day = timezone.localtime(meeting.starts_at).date()
    assert (report.status, report.meeting, report.meeting_date) == (
        ReportStatus.ADOPTED,
        str(meeting),
        meeting_day,
    )
    decision = Decision.objects.get()
    assert (decision.meeting, decision.subject_id, decision.number) == (meeting, report.pk, 1)
    adopted = client.get(url(world, "report_adopted", report)).content.decode()
    assert decision.code in adopted and meeting.get_absolute_url() in adopted
    # Posting the check page again adopts nothing and decides nothing again.
    client.post(url(world, "report_adopt_check", report), {"data": token})
    assert Decision.objects.count() == 1
    decisions = reverse("governance:decision_list", args=[world.a.slug])
    client.force_login(world["programmamanager"])
    assert f'href="{report.get_absolute_url()}"' in client.get(decisions).content.decode()


def test_a_written_procedure_is_created_only_when_adopting(client, world):
    meeting = steering_meeting(world)
    report = report_in(world, ReportStatus.IN_REVIEW)
    client.force_login(world["stuurgroeplid"])
    check, token = _check(client, world, report, "written")
    assert client.get(check).status_code == 200
    assert Meeting.objects.filter(kind="written").count() == 0
    client.post(url(world, "report_adopt_check", report), {"data": token})
    decision = Decision.objects.get()
    assert decision.meeting.kind == "written" and decision.meeting.body == meeting.body
    assert QualityReport.objects.get(pk=report.pk).meeting_date == timezone.localdate()


def test_a_meeting_still_to_come_cannot_have_adopted_it(client, world):
    steering_meeting(world)
    coming = steering_meeting(world, days_ago=-3)
    report = report_in(world, ReportStatus.IN_REVIEW)
    client.force_login(world["stuurgroeplid"])
    response = client.post(url(world, "report_adopt", report), {"decided_at": str(coming.pk)})
    assert response.status_code == 200 and response.context["form"].errors["decided_at"]
    body_b = Body.objects.create(partnership=world.b, kind="stuurgroep", name="Stuurgroep B")
    other = Meeting.objects.create(body=body_b, starts_at=timezone.now(), status="held")
    response = client.post(url(world, "report_adopt", report), {"decided_at": str(other.pk)})
    assert response.status_code == 200 and response.context["form"].errors["decided_at"]
    assert QualityReport.objects.get(pk=report.pk).status == ReportStatus.IN_REVIEW
    assert not Decision.objects.exists()


def test_the_adoption_names_the_meeting_day_once():
    """A governance meeting's name holds its day ("Stuurgroep, 17 november 2026"): the report
    says "Vastgesteld in Stuurgroep, 17 november 2026", not "… op 17 november 2026" again."""
    import datetime

    day = datetime.date(2026, 11, 17)
    named = QualityReport(meeting="Stuurgroep, 17 november 2026", meeting_date=day)
    assert named.meeting_phrase == "Stuurgroep, 17 november 2026"
    plain = QualityReport(meeting="Stuurgroep", meeting_date=day)
    assert plain.meeting_phrase == "Stuurgroep op 17 november 2026"
