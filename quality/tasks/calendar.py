"""Reminders of the quality calendar and the risk register (beat: daily, see config/schedule.py).

Idempotent: every reminder claims its own key (item or risk, person, kind, date) through
``notify_once``, so running twice a day — or a redelivered task — sends nothing twice. ``on``
(an ISO date) lets a missed day catch up, and lets the tests move time."""

import datetime

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partnerships.glossary import Role
from partnerships.notifications import notify_once

from ..choices import CalendarStatus, RiskStatus
from ..models import CalendarItem, Risk
from ..selectors.framework import role_holders

NOTICE_DAYS = 7


def _kinds(today: datetime.date) -> dict[datetime.date, str]:
    return {today + datetime.timedelta(days=NOTICE_DAYS): "soon", today: "due"}


def _calendar_reminders(today: datetime.date) -> int:
    kinds = _kinds(today)
    items = CalendarItem.objects.filter(
        status__in=[CalendarStatus.PLANNED, CalendarStatus.IN_PROGRESS], due_date__in=list(kinds)
    ).select_related("partnership", "academic_year", "instrument")
    sent = 0
    for item in items:
        kind = kinds[item.due_date]
        url = reverse(
            "quality:calendar_year",
            kwargs={"partnership": item.partnership.slug, "year": item.academic_year.label},
        )
        role = item.responsible_role
        role_label = Role(role).label if role in Role.values else role
        for person in role_holders(partnership_id=item.partnership_id, role=role, on=today):
            with transaction.atomic():
                sent += notify_once(
                    key=f"quality-calendar:{item.pk}:{person.pk}:{kind}:{item.due_date}",
                    recipient=person,
                    template="quality/email/calendar_reminder",
                    context={"item": item, "kind": kind, "url": url, "role_label": role_label},
                )
    return sent


def _risk_reminders(today: datetime.date) -> int:
    kinds = _kinds(today)
    risks = (
        Risk.objects.exclude(status=RiskStatus.CLOSED)
        .filter(review_date__in=list(kinds), owner__is_active=True)
        .select_related("partnership", "owner")
    )
    sent = 0
    for risk in risks:
        kind = kinds[risk.review_date]
        url = reverse(
            "quality:risk_update", kwargs={"partnership": risk.partnership.slug, "pk": risk.pk}
        )
        with transaction.atomic():
            sent += notify_once(
                key=f"quality-risk:{risk.pk}:{risk.owner_id}:{kind}:{risk.review_date}",
                recipient=risk.owner,
                template="quality/email/risk_review",
                context={"risk": risk, "kind": kind, "url": url},
            )
    return sent


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def send_quality_reminders(on: str | None = None) -> int:
    """E-mail the holders of a calendar item's responsible role a week before and on its due
    date (items not done or skipped), and a risk's owner a week before and on its review date
    (risks not closed). Returns the number of e-mails claimed."""
    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return _calendar_reminders(today) + _risk_reminders(today)
