"""Drafting the quality reports. Beat runs it hourly; the rounds part also enqueues it (on
commit) when a round closes. State-driven and idempotent: a half year whose rounds have all
closed gets its report once (unique in the database), so a missed or doubled run is harmless."""

import datetime

from celery import shared_task
from django.utils import timezone

from partnerships.models import Partnership

from ..services.reports import report_archive_pdf, reports_archive_stalled, reports_draft_due


@shared_task(acks_late=True, time_limit=900, soft_time_limit=870)
def draft_due_reports(on: str | None = None) -> int:
    """Draft every due half-year report, and in January the annual report of the previous
    academic year. ``on`` (an ISO date) is the day the drafts are made on."""
    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    reports_archive_stalled()
    return sum(
        len(reports_draft_due(partnership=partnership, today=today))
        for partnership in Partnership.objects.order_by("pk")
    )


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=600, soft_time_limit=570)
def archive_report_pdf(report_id: int) -> bool:
    """Render and archive an adopted report's PDF (enqueued through the outbox by the adoption;
    claimed by state, so a second delivery is a no-op)."""
    return report_archive_pdf(report_id=report_id)
