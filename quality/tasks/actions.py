"""Reminders for improvement actions: the owner hears 14 days before the due date, on the due
date, and every Monday while the action is overdue. One e-mail per (action, kind, day), claimed
through ``notify_once``, so a second run on the same day sends nothing."""

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from ..choices import ActionStatus
from ..models import ImprovementAction

SOON_DAYS = 14
MONDAY = 0


def reminder_kind(due: datetime.date, today: datetime.date) -> str | None:
    if due == today + datetime.timedelta(days=SOON_DAYS):
        return "soon"
    if due == today:
        return "due"
    if due < today and today.weekday() == MONDAY:
        return "overdue"
    return None


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def send_action_reminders(on: str | None = None) -> int:
    from partnerships.notifications import notify_once

    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    actions = (
        ImprovementAction.objects.exclude(status__in=[ActionStatus.DONE, ActionStatus.CANCELLED])
        .filter(due_date__lte=today + datetime.timedelta(days=SOON_DAYS))
        .select_related("owner", "partnership", "organisation")
        .order_by("pk")
    )
    sent = 0
    for action in actions:
        kind = reminder_kind(action.due_date, today)
        if kind is None or not action.owner.is_active:
            continue
        with transaction.atomic():
            sent += notify_once(
                key=f"quality_action:{action.pk}:{kind}:{today.isoformat()}",
                recipient=action.owner,
                template="quality/email/action_reminder",
                context={
                    "action": action,
                    "kind": kind,
                    "days_late": (today - action.due_date).days,
                    "path": action.get_absolute_url(),
                    "partnership": action.partnership,
                },
            )
    return sent
