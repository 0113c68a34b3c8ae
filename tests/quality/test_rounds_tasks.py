"""The beat's work on rounds, with time moved by ``on=``: opening (audience → invitations),
sending each personal link once, reminders, closing — run twice, and after a worker died."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from partnerships.models import SentNotification
from quality.choices import RoundStatus
from quality.models import Invitation, QualitySettings, SurveyRound
from quality.services import rounds as services
from quality.tasks.rounds import CHUNK, advance_rounds, enqueue_invitations
from tests.factories import PersonFactory, RoleFactory
from tests.quality.rounds_world import (  # noqa: F401
    CLOSES,
    OPENS,
    inline_fixture,
    mentor_round,
    outbox_handlers_fixture,
    reports_task_fixture,
)

pytestmark = pytest.mark.django_db
S = RoundStatus


def iso(day: datetime.date) -> str:
    return day.isoformat()


def advance(capture, day):
    with capture(execute=True):
        return advance_rounds(on=iso(day))


def test_a_due_round_opens_invites_its_audience_and_mails_each_link_once(
    world, inline, django_capture_on_commit_callbacks
):
    survey_round = mentor_round(world)
    assert (
        advance(django_capture_on_commit_callbacks, OPENS - datetime.timedelta(days=1))["opened"]
        == 0
    )
    totals = advance(django_capture_on_commit_callbacks, OPENS)
    survey_round.refresh_from_db()
    assert survey_round.status == S.OPEN and survey_round.opened_at
    assert survey_round.survey.is_locked
    invitations = Invitation.objects.filter(round=survey_round)
    wpbs = {world["werkplekbegeleider"].pk, world["wpb_other_school"].pk}
    assert set(invitations.values_list("person_id", flat=True)) == wpbs
    assert totals["invited"] == 2
    assert all(inv.sent_at for inv in invitations)
    assert len(mail.outbox) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    wpb = invitations.get(person=world["werkplekbegeleider"])
    link = reverse("survey:answer", kwargs={"key": wpb.key})
    assert link in by_address[world["werkplekbegeleider"].email].body
    assert wpb.key not in by_address[world["wpb_other_school"].email].body
    assert len(wpb.key) >= 40

    advance(django_capture_on_commit_callbacks, OPENS)  # the beat runs again
    advance(django_capture_on_commit_callbacks, OPENS + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert invitations.count() == 2
    assert SentNotification.objects.filter(key__startswith="quality-invite:").count() == 2


def test_the_invitation_is_in_the_invitees_language(
    world, inline, django_capture_on_commit_callbacks
):
    person = world["werkplekbegeleider"]
    person.language = "en"
    person.save()
    mentor_round(world, title="Mentor survey")
    advance(django_capture_on_commit_callbacks, OPENS)
    english = next(m for m in mail.outbox if m.to == [person.email])
    assert english.subject == "Your opinion counts: Mentor survey"
    dutch = next(m for m in mail.outbox if m.to != [person.email])
    # the closing date is written the way each reader's language writes dates
    for message, language in ((english, "en"), (dutch, "nl")):
        with translation.override(language):
            assert date_format(CLOSES) in message.body


def test_sending_in_chunks(world, inline, django_capture_on_commit_callbacks):
    for _ in range(CHUNK + 5):
        RoleFactory(partnership=world.a, role="werkplekbegeleider", organisation=world.school1)
    mentor_round(world)
    advance(django_capture_on_commit_callbacks, OPENS)
    chunks = [call for call in inline if call[0] == "invite"]
    assert [len(c[2]) for c in chunks] == [CHUNK, 7]
    assert len(mail.outbox) == CHUNK + 7


def test_claims_are_conditional(world, django_capture_on_commit_callbacks, outbox_handlers):
    enqueued = []
    outbox_handlers[services.INVITE_TASK] = lambda *a: enqueued.append(a)
    survey_round = mentor_round(world)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.round_open(round=survey_round, today=OPENS)
        second = services.round_open(round=survey_round, today=OPENS)
    assert len(first) == 2 and second == []
    assert len(enqueued) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitation_send(invitation_id=first[0]) is True
        assert services.invitation_send(invitation_id=first[0]) is False
    assert len(mail.outbox) == 1
    # A cancelled round sends nothing more.
    SurveyRound.objects.filter(pk=survey_round.pk).update(status=S.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitation_send(invitation_id=first[1]) is False
    assert len(mail.outbox) == 1


def test_invitations_lost_with_a_dead_worker_are_sent_by_a_later_run(
    world, django_capture_on_commit_callbacks, outbox_handlers
):
    lost = []
    outbox_handlers[services.INVITE_TASK] = lambda *a: lost.append(a)
    survey_round = mentor_round(world)
    advance(django_capture_on_commit_callbacks, OPENS)
    assert len(lost) == 1 and not mail.outbox  # queued, then the worker died before sending
    # one of the two was sent before it died
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(invitation_id=lost[0][1][0])
    assert advance(django_capture_on_commit_callbacks, OPENS)["requeued"] == 0  # too recent
    SurveyRound.objects.filter(pk=survey_round.pk).update(
        opened_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    requeued = []

    def deliver(round_id, ids):
        requeued.append(ids)
        from quality.tasks.rounds import send_invitations

        send_invitations(round_id, ids)

    outbox_handlers[services.INVITE_TASK] = deliver
    totals = advance(django_capture_on_commit_callbacks, OPENS)
    assert totals["requeued"] == 1 and requeued == [[lost[0][1][1]]]
    assert len(mail.outbox) == 2
    assert not Invitation.objects.filter(round=survey_round, sent_at__isnull=True).exists()
    assert advance(django_capture_on_commit_callbacks, OPENS)["requeued"] == 0


def test_a_redelivered_chunk_sends_nothing_twice(world, inline, django_capture_on_commit_callbacks):
    survey_round = mentor_round(world)
    advance(django_capture_on_commit_callbacks, OPENS)
    ids = list(Invitation.objects.filter(round=survey_round).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_invitations(survey_round.pk, ids)
    assert len(mail.outbox) == 2


def test_reminders_on_the_configured_days_to_non_responders_once(
    world, inline, django_capture_on_commit_callbacks
):
    settings = QualitySettings.for_partnership(world.a)
    assert settings.reminder_days == [7, 2]
    survey_round = mentor_round(world)
    advance(django_capture_on_commit_callbacks, OPENS)
    responder = Invitation.objects.get(round=survey_round, person=world["wpb_other_school"])
    Invitation.objects.filter(pk=responder.pk).update(responded_at=timezone.now())
    mail.outbox.clear()

    advance(django_capture_on_commit_callbacks, CLOSES - datetime.timedelta(days=8))
    assert not mail.outbox
    for _ in range(2):
        advance(django_capture_on_commit_callbacks, CLOSES - datetime.timedelta(days=7))
    assert [m.to for m in mail.outbox] == [[world["werkplekbegeleider"].email]]
    assert "Reminder" in mail.outbox[0].subject or "Herinnering" in mail.outbox[0].subject
    advance(django_capture_on_commit_callbacks, CLOSES - datetime.timedelta(days=3))
    assert len(mail.outbox) == 1
    advance(django_capture_on_commit_callbacks, CLOSES - datetime.timedelta(days=2))
    advance(django_capture_on_commit_callbacks, CLOSES)
    assert len(mail.outbox) == 2
    wpb = Invitation.objects.get(round=survey_round, person=world["werkplekbegeleider"])
    assert wpb.reminders_sent == 2
    assert wpb.last_reminded_on == CLOSES - datetime.timedelta(days=2)
    assert Invitation.objects.get(pk=responder.pk).reminders_sent == 0


def test_a_missed_reminder_day_catches_up_with_the_latest_only(
    world, inline, django_capture_on_commit_callbacks
):
    mentor_round(world)
    advance(django_capture_on_commit_callbacks, OPENS)
    mail.outbox.clear()
    advance(django_capture_on_commit_callbacks, CLOSES - datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert SentNotification.objects.filter(key__endswith=":2").count() == 2
    assert not SentNotification.objects.filter(key__startswith="quality-remind", key__endswith=":7")


def test_closing_after_the_deadline_enqueues_the_report_drafts(
    world, inline, reports_task, django_capture_on_commit_callbacks
):
    survey_round = mentor_round(world)
    advance(django_capture_on_commit_callbacks, OPENS)
    advance(django_capture_on_commit_callbacks, CLOSES)
    survey_round.refresh_from_db()
    assert survey_round.status == S.OPEN and not reports_task
    totals = advance(django_capture_on_commit_callbacks, CLOSES + datetime.timedelta(days=1))
    survey_round.refresh_from_db()
    assert totals["closed"] == 1
    assert survey_round.status == S.CLOSED and survey_round.closed_at
    assert reports_task == ["quality.tasks.reports.draft_due_reports"]
    advance(django_capture_on_commit_callbacks, CLOSES + datetime.timedelta(days=2))
    assert reports_task == ["quality.tasks.reports.draft_due_reports"]
    # no reminders or invitations for a closed round
    mail.outbox.clear()
    SurveyRound.objects.filter(pk=survey_round.pk).update(
        opened_at=timezone.now() - datetime.timedelta(hours=1)
    )
    Invitation.objects.filter(round=survey_round).update(sent_at=None)
    advance(django_capture_on_commit_callbacks, CLOSES + datetime.timedelta(days=2))
    assert not mail.outbox


def test_a_round_missed_entirely_is_not_opened_late(
    world, inline, django_capture_on_commit_callbacks
):
    survey_round = mentor_round(world)
    advance(django_capture_on_commit_callbacks, CLOSES + datetime.timedelta(days=1))
    survey_round.refresh_from_db()
    assert survey_round.status == S.SCHEDULED
    assert not mail.outbox


def test_only_the_partnerships_own_audience_is_invited(
    world, inline, django_capture_on_commit_callbacks
):
    stranger = PersonFactory()
    RoleFactory(
        person=stranger, partnership=world.b, role="werkplekbegeleider", organisation=world.school_b
    )
    survey_round = mentor_round(world)
    advance(django_capture_on_commit_callbacks, OPENS)
    invited = set(Invitation.objects.filter(round=survey_round).values_list("person_id", flat=True))
    assert stranger.pk not in invited and world["wpb_b"].pk not in invited
