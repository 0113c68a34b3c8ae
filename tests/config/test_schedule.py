import importlib
import inspect

import pytest
from celery import Task
from django.core.management import call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from config.schedule import SCHEDULE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(SCHEDULE))
def test_every_scheduled_task_exists_and_accepts_its_arguments(name):
    entry = SCHEDULE[name]
    module_name, _, func_name = entry["task"].rpartition(".")
    task = getattr(importlib.import_module(module_name), func_name)
    assert isinstance(task, Task)
    assert task.name == entry["task"]
    # Binding the kwargs fails loudly when the schedule passes an argument the task lacks.
    inspect.signature(task.run).bind(**entry.get("kwargs", {}))


def test_sync_schedule_is_idempotent_and_disables_removed_entries():
    crontab = CrontabSchedule.objects.create(minute="5", hour="3")
    PeriodicTask.objects.create(name="[code] gone", task="x.y", crontab=crontab)
    call_command("sync_schedule")
    call_command("sync_schedule")
    managed = PeriodicTask.objects.filter(name__startswith="[code] ", enabled=True)
    assert sorted(t.name for t in managed) == sorted(f"[code] {n}" for n in SCHEDULE)
    assert not PeriodicTask.objects.get(name="[code] gone").enabled


def test_every_task_has_a_soft_limit_within_its_hard_limit():
    """Celery refuses to send a task whose soft time limit (the global default unless the task
    sets its own) exceeds its hard limit — beat then drops the run."""
    from django.conf import settings

    from config.celery import app

    app.loader.import_default_modules()  # autodiscovery: every app's tasks module
    ours = [t for name, t in app.tasks.items() if not name.startswith("celery.")]
    assert "quality.tasks.actions.send_action_reminders" in {t.name for t in ours}
    for task in ours:
        hard = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
        assert soft <= hard, task.name
