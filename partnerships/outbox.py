"""A transactional outbox for Celery tasks: enqueueing never fails a request.

``enqueue(task_name, *args)`` writes an ``OutboxMessage`` in the caller's transaction (so the task
exists exactly when the change that needs it was committed) and, after the commit, tries to
publish it at once. The publish is short and never raises: one connection, no retries, a
two-second connect timeout; a broker that is down (or a Redis that lost its queue bindings
after a restart) leaves the row undispatched with the error, and the relay
(``partnerships.tasks.relay_outbox``, run by beat every 30 seconds) publishes it when the broker
is back. Rows are locked with ``SKIP LOCKED`` while they are published, so two publishers never
send the same row at the same time; a row published but not marked (the process died between
the two) is published again — every task is idempotent, so that costs nothing but a no-op.

``waiting(task_name, *args)`` tells a page that such work is still waiting for the broker."""

import contextlib
import logging

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from .models import OutboxMessage

logger = logging.getLogger(__name__)
BATCH = 500
# What a page says while its work waits in the outbox (the broker is down).
WAITING_TEXT = gettext_noop("Queued: it will start when the background service is available.")
WAITING_MESSAGE = gettext_lazy(WAITING_TEXT)
CONNECT_TIMEOUT_S = 2


def enqueue(task_name: str, *args) -> OutboxMessage:
    """Queue ``task_name(*args)`` with the current transaction (args must be JSON)."""
    message = OutboxMessage.objects.create(task=task_name, args=list(args))
    if current_app.conf.task_always_eager:  # tests and one-process set-ups: run it right here
        transaction.on_commit(lambda: run_eagerly(message.pk))
    else:
        transaction.on_commit(lambda: publish_pending(ids=[message.pk]))
    return message


def run_eagerly(pk: int) -> None:
    """With ``CELERY_TASK_ALWAYS_EAGER`` (``send_task`` ignores it): mark the message dispatched
    and run its task in this process, as ``.delay`` would."""
    if OutboxMessage.objects.filter(pk=pk, dispatched_at__isnull=True).update(
        dispatched_at=timezone.now(), attempts=F("attempts") + 1
    ):
        message = OutboxMessage.objects.get(pk=pk)
        task_named(message.task).apply(args=message.args)


def task_named(name: str):
    """The registered task ``name``. A web process imports no ``tasks`` module itself (it
    publishes by name), so the autodiscovered modules are imported the first time one is run."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def waiting(task_name: str, *args) -> bool:
    """Whether some ``task_name`` whose arguments start with ``args`` is not yet published."""
    filters = {f"args__{i}": value for i, value in enumerate(args)}
    return OutboxMessage.objects.filter(
        task=task_name, dispatched_at__isnull=True, **filters
    ).exists()


@contextlib.contextmanager
def _connection():
    app = current_app
    options = {
        **(app.conf.broker_transport_options or {}),
        # no reconnect loop in kombu, and no long wait for a broker that does not answer
        "max_retries": 0,
        "socket_connect_timeout": CONNECT_TIMEOUT_S,
        "socket_timeout": CONNECT_TIMEOUT_S,
    }
    connection = app.connection_for_write(
        connect_timeout=CONNECT_TIMEOUT_S, transport_options=options
    )
    try:
        yield connection
    finally:
        with contextlib.suppress(Exception):
            connection.release()


def broker_publish(message: OutboxMessage, connection) -> None:
    """Hand one message to the broker (raises when it is not reachable)."""
    current_app.send_task(message.task, args=message.args, connection=connection, retry=False)


def publish_pending(*, ids: list[int] | None = None, limit: int = BATCH) -> int:
    """Publish undispatched messages (``ids``, or the oldest ``limit``) in order; stops at the
    first failure. Returns how many were published; logs and never raises."""
    try:
        with transaction.atomic():
            rows = OutboxMessage.objects.select_for_update(skip_locked=True).filter(
                dispatched_at__isnull=True
            )
            if ids is not None:
                rows = rows.filter(pk__in=ids)
            rows = list(rows.order_by("created", "pk")[:limit])
            if not rows:
                return 0
            published, error = [], ""
            try:
                with _connection() as connection:
                    for message in rows:
                        broker_publish(message, connection)
                        published.append(message.pk)
            except Exception as exc:  # kombu OperationalError, redis errors, OSError, …
                error = f"{type(exc).__name__}: {exc}"[:2000]
                logger.warning(
                    "broker unavailable; %s task(s) stay in the outbox: %s",
                    len(rows) - len(published),
                    error,
                )
            OutboxMessage.objects.filter(pk__in=published).update(
                dispatched_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
            if error:
                OutboxMessage.objects.filter(
                    pk__in=[m.pk for m in rows if m.pk not in set(published)]
                ).update(attempts=F("attempts") + 1, last_error=error)
            return len(published)
    except Exception:
        logger.exception("publishing the outbox failed")
        return 0
