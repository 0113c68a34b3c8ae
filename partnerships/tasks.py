import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import outbox
from .imports import jobs
from .models import RoleAssignment
from .notifications import deliver_pending, notify_once

ROLE_ENDING_NOTICE_DAYS = 14


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def send_role_ending_reminders() -> int:
    """E-mail people whose role ends within two weeks (once per role and end date), so the
    coordinator can extend it in time. Idempotent: safe to run any number of times a day."""
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=ROLE_ENDING_NOTICE_DAYS)
    ending = (
        RoleAssignment.objects.active(today)
        .filter(valid_until__isnull=False, valid_until__lte=horizon)
        .select_related("person", "partnership", "organisation")
    )
    sent = 0
    for assignment in ending:
        with transaction.atomic():
            sent += notify_once(
                key=f"role-ending:{assignment.pk}:{assignment.valid_until.isoformat()}",
                recipient=assignment.person,
                template="partnerships/email/role_ending",
                context={"assignment": assignment},
            )
    return sent


@shared_task(acks_late=True, time_limit=jobs.TIME_LIMIT_S, soft_time_limit=jobs.SOFT_TIME_LIMIT_S)
def run_import(job_id: int) -> str:
    """Check and save a large bulk import (``imports.jobs``); idempotent (claimed once)."""
    return jobs.run_job(job_id)


@shared_task
def ping() -> str:
    """Used by the worker integration test and health checks."""
    return "pong"


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def relay_outbox() -> dict:
    """Every 30 s (beat): publish the queued tasks the broker did not take when they were
    enqueued (it was down), and deliver claimed mail still unsent a minute after its claim (the
    process that claimed it died). Idempotent: rows are locked while they are handled and
    marked when done."""
    return {"published": outbox.publish_pending(), "delivered": deliver_pending()}
