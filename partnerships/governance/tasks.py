"""The daily reminder for governance actions (registered in ``config/schedule.py``)."""

from celery import shared_task

from . import services


@shared_task(name="partnerships.governance.tasks.send_governance_reminders")
def send_governance_reminders() -> int:
    return services.send_action_reminders()
