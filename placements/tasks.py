"""Background work for placements: Celery tasks take ids, call services and are idempotent."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, time_limit=600)
def send_capacity_reminders() -> int:
    """Remind the coordinators of schools that have not answered a capacity request, shortly
    before its deadline and weekly after it (rules in ``services.capacity``). Idempotent: every
    reminder claims its own key, so running twice a day sends nothing twice."""
    return services.capacity_reminders_send()


@shared_task(acks_late=True, time_limit=15 * 60, soft_time_limit=14 * 60)
def run_allocation(run_id: int) -> str:
    """Run a queued allocation run (``services.allocation_run_execute``). Idempotent: the run is
    claimed with a conditional UPDATE (queued → running), so a second delivery does nothing."""
    return services.allocation_run_execute(run_id=run_id)
