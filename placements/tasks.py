"""Background work for placements: Celery tasks take ids, call services and are idempotent."""

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from partnerships.models import Partnership, Person, RoleAssignment
from partnerships.notifications import notify_once
from placements import selectors, services
from placements.calendar.procedure import STEP_TITLES
from placements.choices import StepStatus
from placements.models import ProcedureStep

STEP_NOTICE_DAYS = 7


def step_owners(step: ProcedureStep, today: datetime.date) -> list[Person]:
    """Everyone holding the step's owner role in its partnership today (for a school role,
    every school's coordinator)."""
    holders = RoleAssignment.objects.active(today).filter(
        partnership=step.partnership_id, role=step.owner_role
    )
    return list(Person.objects.filter(pk__in=holders.values("person")).order_by("pk"))


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def send_step_reminders(on: str | None = None) -> int:
    """E-mail the owners of open procedure steps a week before and on the due date. Idempotent:
    each (step, person, kind, day) is claimed once, so running twice a day sends nothing twice.

    First makes sure every partnership has the calendar of the year being planned, so reminders
    do not depend on someone having opened the calendar page. ``on`` (an ISO date) catches up
    on a missed day."""
    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    year = selectors.planning_year(today)
    for partnership in Partnership.objects.all():
        services.procedure_generate(partnership=partnership, year=year)
    kinds = {today + datetime.timedelta(days=STEP_NOTICE_DAYS): "soon", today: "due"}
    steps = ProcedureStep.objects.filter(
        status=StepStatus.OPEN, due_date__in=list(kinds)
    ).select_related("partnership", "academic_year")
    sent = 0
    for step in steps:
        kind = kinds[step.due_date]
        for person in step_owners(step, today):
            with transaction.atomic():
                sent += notify_once(
                    key=f"step:{step.pk}:{person.pk}:{kind}:{today.isoformat()}",
                    recipient=person,
                    template="placements/email/step_reminder",
                    context={
                        "step": step,
                        "kind": kind,
                        "title": STEP_TITLES.get(step.code, step.code),
                    },
                )
    return sent


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def send_capacity_reminders() -> int:
    """Remind the coordinators of schools that have not answered a capacity request, shortly
    before its deadline and weekly after it (rules in ``services.capacity``). Idempotent: every
    reminder claims its own key, so running twice a day sends nothing twice."""
    return services.capacity_reminders_send()


@shared_task(bind=True, acks_late=True, time_limit=15 * 60, soft_time_limit=14 * 60)
def run_allocation(self, run_id: int) -> str:
    """Run a queued allocation run (``services.allocation_run_execute``). Idempotent: the run is
    claimed with a conditional UPDATE (queued → running), so a second delivery does nothing —
    unless it is the redelivery of this very task after its worker died."""
    return services.allocation_run_execute(run_id=run_id, task_id=self.request.id or "")


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def create_transfer_forms(on: str | None = None) -> int:
    """From each partnership's transfer date on, open a draft transfer form for every confirmed
    or active placement of the current academic year and e-mail its student. Idempotent: one
    form per placement (unique in the database), one e-mail per form. ``on`` (an ISO date)
    catches up on a missed day."""
    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return services.transfer_forms_create(today=today)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def send_transfer_reminders(on: str | None = None) -> int:
    """Remind students whose transfer form is still a draft (days before and on the deadline),
    and send shared forms to a new school's werkplekbegeleider assigned since. Idempotent: a key
    per form, person and day."""
    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return services.transfer_reminders_send(today=today)
