"""Celery beat's scheduler: django-celery-beat's ``DatabaseScheduler``, with every due task sent
through the outbox (``partnerships.outbox``) instead of straight to the broker.

A plain beat publishes a due task once; with the broker down at that moment (a Redis restart at
07:15) the publish fails, beat logs it and the day's reminders wait a whole day for the next
run. Here the due task becomes an outbox row, written in PostgreSQL, and is published at once
when the broker is up or by the relay within 30 seconds of its return. The relay itself is the
one task beat still publishes directly: it is what empties the outbox, and a missed relay is
simply the next one."""

from django_celery_beat.schedulers import DatabaseScheduler

RELAY = "partnerships.tasks.relay_outbox"


class OutboxScheduler(DatabaseScheduler):
    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        # The outbox carries a task's name and positional arguments; anything more goes direct.
        if entry.task == RELAY or entry.kwargs or set(entry.options) - {"headers"}:
            return super().apply_async(entry, producer=producer, advance=advance, **kwargs)
        from partnerships import outbox  # Django is set up by the time beat sends anything

        entry = self.reserve(entry) if advance else entry
        try:
            return outbox.enqueue(entry.task, *entry.args)
        finally:
            self._tasks_since_sync += 1
            if self.should_sync():
                self._do_sync()
