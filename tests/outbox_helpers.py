"""Tests without a broker: what the outbox publishes is recorded (and run inline by the handler
given for its task name) instead of being handed to Celery."""

from partnerships import outbox


def capture_publishes(monkeypatch, handlers: dict | None = None) -> list[tuple]:
    """Patch the outbox's broker publish; returns the (task, args) published, in order.
    ``handlers`` maps task names to functions called with the task's arguments."""
    published = []
    handlers = handlers if handlers is not None else {}

    def publish(message, connection):
        published.append((message.task, list(message.args)))
        if handler := handlers.get(message.task):
            handler(*message.args)

    monkeypatch.setattr(outbox, "broker_publish", publish)
    return published
