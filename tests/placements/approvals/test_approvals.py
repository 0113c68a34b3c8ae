"""Approvals reach the approvers: submitting a quota mails every steering group member and puts
it on their dashboard with a direct link; submitting a division does the same for the programme
manager and the board council; the decision — approved, or sent back with a note — is mailed to
whoever submitted it. Each mail goes once per submission."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from partnerships.glossary import Role
from partnerships.models import PupilCount, SentNotification
from placements import services
from placements.approvals.services import notify_approvers
from placements.models import Division, Quota
from placements.permissions import PlacementAction
from tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    academic_year,
)
from tests.placements.factories import CapacityLineFactory, SchoolCapacityFactory

pytestmark = pytest.mark.django_db
LABEL = "2030-2031"
CARD = "Waiting for your approval"


@pytest.fixture
def w():
    p = PartnershipFactory(slug="akkoord")
    year = academic_year(2030)
    school = SchoolFactory(partnership=p, name="Alfa College")
    PupilCount.objects.create(organisation=school, academic_year=year, pupils=800)
    capacity = SchoolCapacityFactory(school=school, academic_year=year)
    CapacityLineFactory(capacity=capacity, level="hbo", places=2)
    people = {}
    for key, role, org in (
        ("stage", Role.STAGECOORDINATOR, None),
        ("pm", Role.PROGRAMMAMANAGER, None),
        ("steering1", Role.STUURGROEPLID, None),
        ("steering2", Role.STUURGROEPLID, None),
        ("board", Role.BESTUURSRAADLID, None),
        ("sc", Role.SCHOOLCOORDINATOR, school),
    ):
        people[key] = PersonFactory(email=f"{key}@akkoord.example.org", first_name=key.title())
        RoleFactory(person=people[key], partnership=p, role=role, organisation=org)
    # a former steering group member is not asked
    RoleFactory(
        person=PersonFactory(email="former@akkoord.example.org"),
        partnership=p,
        role=Role.STUURGROEPLID,
        valid_until=year.start_date.replace(year=2020),
    )
    return SimpleNamespace(p=p, year=year, school=school, **people)


def url(w, name):
    return reverse(f"placements:{name}", args=[w.p.slug, LABEL])


def dashboard(client, w, person):
    client.force_login(person)
    cards = client.get(reverse("partnerships:dashboard", args=[w.p.slug])).context["cards"]
    return {str(card.title): card for card in cards}


def card_of(client, w, person):
    return dashboard(client, w, person).get(gettext(CARD))


def recipients() -> list[str]:
    return sorted(m.to[0].split("@")[0] for m in mail.outbox)


def submit_quota(client, w, capture):
    services.quota_propose(partnership=w.p, year=w.year, places=2, margin_percent=10, by=w.stage)
    client.force_login(w.stage)
    with capture(execute=True):
        response = client.post(url(w, "quota_submit"))
    assert response.status_code == 302
    return Quota.objects.get(partnership=w.p)


def test_a_submitted_quota_mails_the_steering_group_once_with_the_approval_page(
    client, w, django_capture_on_commit_callbacks
):
    quota = submit_quota(client, w, django_capture_on_commit_callbacks)
    assert quota.status == "submitted" and quota.submitted_by == w.stage
    assert recipients() == ["steering1", "steering2"]
    message = mail.outbox[0]
    assert message.subject == gettext("The quota for %(year)s is waiting for your approval") % {
        "year": LABEL
    }
    assert f"http://127.0.0.1:8000{url(w, 'quota_approve')}" in message.body
    assert w.stage.full_name in message.body
    # The same submission announced again (a retried task or request) mails nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        sent = notify_approvers(
            kind="quota",
            pk=quota.pk,
            partnership=w.p,
            action=PlacementAction.APPROVE_QUOTA,
            submitted_at=quota.submitted_at,
            by=w.stage,
            context={},
        )
    assert sent == 0 and len(mail.outbox) == 2


def test_the_steering_group_approves_from_its_dashboard_card_and_the_proposer_hears(
    client, w, django_capture_on_commit_callbacks
):
    submit_quota(client, w, django_capture_on_commit_callbacks)
    assert card_of(client, w, w.stage) is None
    card = card_of(client, w, w.steering1)
    assert [link for _label, link in card.items] == [url(w, "quota_approve")]
    assert LABEL in card.items[0][0] and w.stage.full_name in card.items[0][0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(w, "quota_approve"), {"meeting": "Stuurgroep 14 april"})
    assert response.status_code == 302
    assert Quota.objects.get(partnership=w.p).status == "approved"
    assert recipients() == ["stage"]
    assert "Stuurgroep 14 april" in mail.outbox[0].body
    assert mail.outbox[0].subject == gettext(
        "The steering group approved the quota for %(year)s"
    ) % {"year": LABEL}
    card = card_of(client, w, w.steering2)
    assert card.items == []  # nothing waits any more


def test_sending_a_quota_back_needs_a_note_and_tells_the_proposer(
    client, w, django_capture_on_commit_callbacks
):
    submit_quota(client, w, django_capture_on_commit_callbacks)
    client.force_login(w.steering2)
    mail.outbox.clear()
    response = client.post(url(w, "quota_approve"), {"send_back": "1", "note": " "})
    assert response.status_code == 200 and "note" in response.context["form"].errors
    assert Quota.objects.get(partnership=w.p).status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(w, "quota_approve"), {"send_back": "1", "note": "Eerst de nieuwe school mee"}
        )
    assert response.status_code == 302
    quota = Quota.objects.get(partnership=w.p)
    assert (quota.status, quota.decision_note) == ("draft", "Eerst de nieuwe school mee")
    assert recipients() == ["stage"]
    assert "Eerst de nieuwe school mee" in mail.outbox[0].body
    client.force_login(w.stage)
    assert "Eerst de nieuwe school mee" in client.get(url(w, "quota")).content.decode()

    # The next submission is a new one: the steering group is asked again, and the note goes.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(w, "quota_submit"))
    assert recipients() == ["steering1", "steering2"]
    assert Quota.objects.get(partnership=w.p).decision_note == ""
    assert SentNotification.objects.filter(key__startswith="quota-submitted:").count() == 4


def test_approving_needs_the_meeting(client, w, django_capture_on_commit_callbacks):
    submit_quota(client, w, django_capture_on_commit_callbacks)
    client.force_login(w.steering1)
    response = client.post(url(w, "quota_approve"), {"meeting": "", "note": "prima"})
    assert response.status_code == 200 and "meeting" in response.context["form"].errors


def test_a_submitted_division_reaches_its_approvers_and_the_decision_its_submitter(
    client, w, django_capture_on_commit_callbacks
):
    services.division_build(partnership=w.p, academic_year=w.year, by=w.stage)
    client.force_login(w.pm)  # the programme manager builds it this time, and submits it
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("placements:division_step", args=[w.p.slug, LABEL, "submit"]))
    division = Division.objects.get(partnership=w.p)
    assert division.status == "submitted" and division.submitted_by == w.pm
    # the board council and the school's coordinator; not the submitter herself
    assert recipients() == ["board", "sc"]
    board_mail = next(m for m in mail.outbox if m.to == [w.board.email])
    assert url(w, "division_approve") in board_mail.body
    card = card_of(client, w, w.board)
    assert [link for _label, link in card.items] == [url(w, "division_approve")]
    assert card_of(client, w, w.sc) is None

    mail.outbox.clear()
    client.force_login(w.board)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(w, "division_approve"), {"send_back": "1", "note": "wo mist"})
    assert response.status_code == 302
    assert recipients() == ["pm"]
    assert "wo mist" in mail.outbox[0].body
    assert mail.outbox[0].subject == gettext(
        "The division of places for %(year)s has been sent back"
    ) % {"year": LABEL}
    assert card_of(client, w, w.board).items == []
