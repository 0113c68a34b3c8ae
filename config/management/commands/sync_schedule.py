import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from config.schedule import SCHEDULE

MANAGED = "[code] "


class Command(BaseCommand):
    help = "Sync the periodic schedule from config/schedule.py into django-celery-beat."

    @transaction.atomic
    def handle(self, *args, **options):
        for name, entry in SCHEDULE.items():
            crontab = interval = None
            if "every_seconds" in entry:
                interval, _ = IntervalSchedule.objects.get_or_create(
                    every=entry["every_seconds"], period=IntervalSchedule.SECONDS
                )
            else:
                crontab, _ = CrontabSchedule.objects.get_or_create(
                    timezone=settings.TIME_ZONE,
                    **{
                        k: entry["crontab"].get(k, "*")
                        for k in ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")
                    },
                )
            PeriodicTask.objects.update_or_create(
                name=MANAGED + name,
                defaults={
                    "task": entry["task"],
                    "crontab": crontab,
                    "interval": interval,
                    "kwargs": json.dumps(entry.get("kwargs", {})),
                    "enabled": True,
                },
            )
        stale = PeriodicTask.objects.filter(name__startswith=MANAGED).exclude(
            name__in=[MANAGED + name for name in SCHEDULE]
        )
        removed = stale.update(enabled=False)
        self.stdout.write(f"Schedule synced: {len(SCHEDULE)} tasks, {removed} disabled.")
