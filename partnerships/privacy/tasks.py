"""The nightly retention task (registered in ``config/schedule.py``)."""

from celery import shared_task

from .retention import retention_apply


@shared_task(name="partnerships.privacy.tasks.apply_retention")
def apply_retention() -> dict[str, int]:
    return retention_apply()
