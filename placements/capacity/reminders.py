"""Reminders to the coordinators of schools that have not answered a capacity request.

The daily task (``placements.tasks.send_capacity_reminders``) looks at the newest request of each
partnership, year and kind (capacity, or the February re-check). A school counts as answered when
its declaration for the year was saved (for the re-check: its February places were confirmed).
Its coordinators are reminded once in the last ``REMINDER_DAYS_BEFORE`` days before the deadline
(not on the day the request went out) and once a week for ``OVERDUE_WEEKS`` weeks after it.
A coordinator of several unanswered schools (a cluster) gets one reminder listing them all.
Every mail claims its own key (request, person, moment), so running the task again — the same
day or after a missed day — never sends a reminder twice."""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.notifications import notify_once
from placements.capacity.services import coordinators_by_school, mail_context, per_person
from placements.models import CapacityRequest, SchoolCapacity

REMINDER_DAYS_BEFORE = 3
OVERDUE_WEEKS = 3


def answered(capacity: SchoolCapacity | None, request: CapacityRequest) -> bool:
    if capacity is None:
        return False
    if request.is_february_recheck:
        return capacity.february_checked_at is not None
    return capacity.answered_at is not None


def reminder_moment(request: CapacityRequest, today: datetime.date) -> str | None:
    """Which reminder is due today, as part of its key: "before", "overdue-<week>" or None."""
    days_left = (request.deadline - today).days
    if 0 <= days_left <= REMINDER_DAYS_BEFORE:
        sent_on = timezone.localdate(request.sent_at)
        return "before" if sent_on < today else None
    if days_left < 0:
        week = (-days_left - 1) // 7
        return f"overdue-{week}" if week < OVERDUE_WEEKS else None
    return None


def open_requests(today: datetime.date) -> list[CapacityRequest]:
    """The newest request of each partnership, year and kind that may still need reminders."""
    recent = today - datetime.timedelta(weeks=OVERDUE_WEEKS)
    requests = (
        CapacityRequest.objects.filter(deadline__gte=recent)
        .select_related("partnership", "academic_year")
        .order_by("-sent_at")
    )
    newest: dict[tuple, CapacityRequest] = {}
    for request in requests:
        kind = (request.partnership_id, request.academic_year_id, request.is_february_recheck)
        newest.setdefault(kind, request)
    return list(newest.values())


def capacity_reminders_send(*, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for request in open_requests(today):
        moment = reminder_moment(request, today)
        if moment is None:
            continue
        capacities = {
            capacity.school_id: capacity
            for capacity in SchoolCapacity.objects.filter(
                school__partnership=request.partnership, academic_year=request.academic_year
            )
        }
        unanswered = {
            school: people
            for school, people in coordinators_by_school(request.partnership, today).items()
            if not answered(capacities.get(school.pk), request)
        }
        for recipient in per_person(unanswered):
            with transaction.atomic():
                sent += notify_once(
                    key=f"capacity-reminder:{request.pk}:{recipient.person.pk}:{moment}",
                    recipient=recipient.person,
                    template="placements/email/capacity_reminder",
                    context=mail_context(
                        request, recipient.schools, overdue=moment != "before", today=today
                    ),
                )
    return sent
