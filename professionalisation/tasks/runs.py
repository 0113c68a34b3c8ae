"""Reminders of professionalisation meetings: the enrolled participants and the trainers of a
run hear 7 days and 1 day before each meeting."""

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from partnerships.models import Person
from partnerships.notifications import notify_once

from ..choices import EnrolmentStatus, RunStatus
from ..models import Meeting

REMINDER_DAYS = (7, 1)


def recipients(meeting: Meeting) -> list[tuple[Person, str]]:
    """(person, "participant" or "trainer"), each person once (a trainer first)."""
    seen: dict[int, tuple[Person, str]] = {}
    for trainer in meeting.run.trainers.filter(is_active=True).order_by("pk"):
        seen[trainer.pk] = (trainer, "trainer")
    enrolled = meeting.run.enrolments.filter(
        status=EnrolmentStatus.ENROLLED, person__is_active=True
    ).select_related("person")
    for enrolment in enrolled.order_by("person_id"):
        seen.setdefault(enrolment.person_id, (enrolment.person, "participant"))
    return list(seen.values())


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def send_run_reminders(on: str | None = None) -> int:
    """Mail the reminders due ``on`` (ISO date; default today). Idempotent: each (meeting, its
    date, person, days before) is claimed once, so running twice sends nothing twice; a meeting
    moved to another date is announced again."""
    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    days_for = {today + datetime.timedelta(days=d): d for d in REMINDER_DAYS}
    meetings = (
        Meeting.objects.filter(date__in=list(days_for))
        .exclude(run__status__in=[RunStatus.CANCELLED, RunStatus.COMPLETED])
        .select_related("run__activity__partnership")
        .order_by("date", "starts_at", "pk")
    )
    sent = 0
    for meeting in meetings:
        days = days_for[meeting.date]
        partnership = meeting.run.activity.partnership
        path = meeting.run.get_absolute_url()
        for person, as_role in recipients(meeting):
            with transaction.atomic():
                sent += notify_once(
                    key=f"pro_meeting:{meeting.pk}:{meeting.date.isoformat()}:{person.pk}:{days}",
                    recipient=person,
                    template="professionalisation/email/run_meeting_reminder",
                    context={
                        "meeting": meeting,
                        "run": meeting.run,
                        "days": days,
                        "as_trainer": as_role == "trainer",
                        "partnership": partnership,
                        "path": path,
                    },
                )
    return sent
