"""Approving the division is a governance decision (issue 16, item 3): with a steering group in
governance the approver chooses its meeting (or a new written procedure); the approval becomes a
numbered decision of it, on the decision list with a link to the division, and the approval and
publish check pages show it. Without the body the approval stays as it was (test_division)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.governance.models import Body, Decision, Meeting
from placements.models import Division
from tests.placements.division.test_division import step, url, w  # noqa: F401


@pytest.fixture
def meeting(w):  # noqa: F811
    body = Body.objects.create(partnership=w.p, kind="stuurgroep", name="Stuurgroep")
    return Meeting.objects.create(
        body=body, starts_at=timezone.now() - datetime.timedelta(days=1), status="held"
    )


@pytest.fixture
def submitted(client, w):  # noqa: F811
    client.force_login(w.stage)
    step(client, w, "build")
    step(client, w, "submit")
    client.force_login(w.pm)
    return Division.objects.get()


def test_approving_records_a_numbered_decision_of_the_meeting(client, w, meeting, submitted):  # noqa: F811
    form = client.get(url("division_approve", w)).context["form"]
    choices = [value for value, _label in form.fields["decided_at"].choices]
    assert choices == ["", str(meeting.pk), "written"]
    response = client.post(url("division_approve", w), {"note": "Akkoord"})
    assert response.status_code == 200 and response.context["form"].errors["decided_at"]
    assert Division.objects.get().status == "submitted"
    # Sending back needs no meeting.
    client.post(url("division_approve", w), {"send_back": "1", "note": "Eerst wo"})
    assert Division.objects.get().status == "draft" and not Decision.objects.exists()
    client.force_login(w.stage)
    step(client, w, "submit")
    client.force_login(w.pm)
    response = client.post(
        url("division_approve", w), {"decided_at": str(meeting.pk), "note": "Akkoord"}
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    places = sum(p.capacity for p in submitted.places.all())
    assert (decision.meeting, decision.subject_id, decision.number) == (meeting, submitted.pk, 1)
    assert decision.subject_url == url("division_approve", w) and str(places) in decision.text
    page = client.get(url("division_approve", w)).content.decode()
    assert decision.code in page and meeting.get_absolute_url() in page
    decisions = client.get(reverse("governance:decision_list", args=[w.p.slug])).content.decode()
    assert f'href="{url("division_approve", w)}"' in decisions
    # The publish check page shows the decision too, and publishing still works.
    client.force_login(w.stage)
    check = client.get(url("division_publish", w))
    assert check.status_code == 200 and decision.code in check.content.decode()
    assert client.post(url("division_publish", w)).url == url("division_published", w)


def test_a_written_procedure_is_its_own_record(client, w, meeting, submitted):  # noqa: F811
    client.post(url("division_approve", w), {"decided_at": "written", "note": ""})
    decision = Decision.objects.get()
    assert decision.meeting.kind == "written" and decision.meeting.body == meeting.body
    assert Division.objects.get().status == "approved"


def test_another_partnerships_or_bodys_meeting_is_refused(client, w, meeting, submitted):  # noqa: F811
    werkgroep = Body.objects.create(partnership=w.p, kind="werkgroep", name="Werkgroep")
    other = Meeting.objects.create(body=werkgroep, starts_at=timezone.now(), status="held")
    response = client.post(url("division_approve", w), {"decided_at": str(other.pk)})
    assert response.status_code == 200 and response.context["form"].errors["decided_at"]
    assert Division.objects.get().status == "submitted" and not Decision.objects.exists()
