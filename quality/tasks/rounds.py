"""Survey rounds by the beat: ``advance_rounds`` every 15 minutes, and the sending tasks it
(and opening a round by hand) enqueues in chunks.

Every step is idempotent and driven by state, so running it twice sends nothing twice and a
missed run catches up: rounds are claimed with conditional UPDATEs, invitation mails with a
notification key per invitation (``sent_at`` set once the mail server accepted the mail),
reminders with a notification key per invitation and day. Every chunk is queued through the
outbox. A worker that dies mid-chunk leaves claimed mails pending (the relay delivers them) and
unclaimed invitations with ``sent_at`` NULL; a run 10 minutes after the opening enqueues those
again."""

import datetime

from celery import shared_task
from django.utils import timezone

from partnerships import outbox
from partnerships.models import Partnership

from ..services import rounds as services

CHUNK = 200
REMIND_TASK = "quality.tasks.rounds.send_reminders"


def _today(on: str | None) -> datetime.date:
    return datetime.date.fromisoformat(on) if on else timezone.localdate()


def _chunks(ids: list[int]):
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def enqueue_invitations(round_id: int, ids: list[int]) -> None:
    """Queue the sending in chunks through the outbox (with the caller's transaction)."""
    for chunk in _chunks(ids):
        outbox.enqueue(services.INVITE_TASK, round_id, chunk)


def enqueue_reminders(round_id: int, ids: list[int], days: int, today: datetime.date) -> None:
    for chunk in _chunks(ids):
        outbox.enqueue(REMIND_TASK, round_id, chunk, days, today.isoformat())


@shared_task(acks_late=True, time_limit=300, soft_time_limit=280)
def send_invitations(round_id: int, invitation_ids: list[int]) -> int:
    """E-mail the personal links of ``invitation_ids`` (claimed first, marked sent when the
    mail server accepted them; see the service)."""
    return services.invitations_send(invitation_ids=invitation_ids)


@shared_task(acks_late=True, time_limit=300, soft_time_limit=280)
def send_reminders(round_id: int, invitation_ids: list[int], days: int, on: str) -> int:
    today = _today(on)
    return sum(
        services.invitation_remind(invitation_id=pk, days=days, today=today)
        for pk in invitation_ids
    )


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def advance_rounds(on: str | None = None) -> dict:
    """For every partnership, in order: schedule rounds from the plans, open due rounds (the
    invitations are enqueued on commit), enqueue again invitations left unsent for 10 minutes,
    enqueue due reminders, close rounds past their deadline. ``on`` (an ISO date) moves "today"."""
    today = _today(on)
    now = timezone.now()
    totals = {"scheduled": 0, "opened": 0, "invited": 0, "requeued": 0, "reminders": 0, "closed": 0}
    for partnership in Partnership.objects.order_by("pk"):
        totals["scheduled"] += len(services.rounds_schedule(partnership=partnership, today=today))
        for survey_round in services.rounds_due_to_open(partnership=partnership, today=today):
            ids = services.round_open(round=survey_round, today=today)
            totals["opened"] += 1
            totals["invited"] += len(ids)
        unsent = services.unsent_invitations(partnership=partnership, now=now)
        for round_id, ids in unsent.items():
            enqueue_invitations(round_id, ids)
            totals["requeued"] += len(ids)
        for round_id, days, ids in services.reminders_due(partnership=partnership, today=today):
            enqueue_reminders(round_id, ids, days, today)
            totals["reminders"] += len(ids)
        totals["closed"] += services.rounds_close_due(partnership=partnership, today=today)
    return totals
