"""Mail that must go out, once per key and at least once: claim, commit, deliver, mark.

``notify_once`` claims a unique key in a ``SentNotification`` row that holds the whole mail (the
address, subject, body and a stable Message-ID) with ``sent_at`` empty: the row is the mail's
outbox, written in the caller's transaction, so a rolled-back claim never sends. After the
commit ``deliver`` locks the row (``SKIP LOCKED``: two processes never send it at the same
time), hands the mail to the mail server with that Message-ID and only then sets ``sent_at``.
A process that dies in between leaves the row pending; the relay
(``partnerships.tasks.relay_outbox``, every 30 s) delivers pending rows older than
``NOTIFICATION_RETRY_AFTER_S`` (60 s). So a claimed mail is delivered at least once; it goes
out twice only when the mail server accepted it and the process died before marking it — and
then with the same Message-ID, so the duplicate is recognisable.

Apps that mark something else as sent (survey invitations) register a hook with ``on_sent``;
it runs in the transaction that sets ``sent_at``."""

import datetime
import hashlib
import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Person, SentNotification

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 20
SENT_HOOKS: dict[str, Callable] = {}


def on_sent(prefix: str, hook: Callable) -> None:
    """Call ``hook(key, sent_at)`` when a notification whose key starts with ``prefix`` has
    been accepted by the mail server (inside the transaction that marks it sent)."""
    SENT_HOOKS[prefix] = hook


def message_id(key: str) -> str:
    """The same Message-ID for every delivery of ``key``."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def notification_claim(
    *, key: str, recipient: Person, template: str, context: dict
) -> tuple[SentNotification, bool]:
    """The pending (or already sent) notification of ``key``, and whether this call created
    it. Renders ``<template>_subject.txt`` and ``<template>_body.txt`` in the recipient's
    language."""
    existing = SentNotification.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {"recipient": recipient, "site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    try:
        with transaction.atomic():
            row = SentNotification.objects.create(
                key=key,
                recipient=recipient,
                to_email=recipient.email,
                subject=subject[:200],
                body=body,
                message_id=message_id(key),
            )
    except IntegrityError:
        return SentNotification.objects.get(key=key), False
    return row, True


def notify_once(*, key: str, recipient: Person, template: str, context: dict) -> bool:
    """Send ``template`` to ``recipient`` in their language unless a notification with ``key``
    was claimed before. Returns True when this call claimed the key; the mail is delivered
    after the transaction commits (and by the relay if this process dies first)."""
    row, created = notification_claim(
        key=key, recipient=recipient, template=template, context=context
    )
    if created:
        transaction.on_commit(lambda: deliver(row.pk))
    return created


def _send(row: SentNotification) -> None:
    EmailMessage(
        row.subject,
        row.body,
        settings.DEFAULT_FROM_EMAIL,
        [row.to_email or row.recipient.email],
        headers={"Message-ID": row.message_id or message_id(row.key)},
    ).send()


def deliver(notification_id: int) -> bool:
    """Hand one pending notification to the mail server, then mark it sent. True when this
    call sent it; False when it was sent already, is being sent by another process, or the
    mail server refused (the error is kept and the relay tries again). Never raises."""
    try:
        with transaction.atomic():
            row = (
                SentNotification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .filter(pk=notification_id, sent_at__isnull=True)
                .first()
            )
            if row is None:
                return False
            try:
                _send(row)
            except Exception as exc:
                logger.warning("notification %s not delivered: %s", row.key, exc)
                SentNotification.objects.filter(pk=row.pk).update(
                    attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
                )
                return False
            now = timezone.now()
            SentNotification.objects.filter(pk=row.pk).update(
                sent_at=now, attempts=F("attempts") + 1, last_error=""
            )
            for prefix, hook in SENT_HOOKS.items():
                if row.key.startswith(prefix):
                    hook(row.key, now)
            return True
    except Exception:
        logger.exception("delivering notification %s failed", notification_id)
        return False


def deliver_pending(*, older_than_s: int | None = None, limit: int = 1000) -> int:
    """Deliver notifications claimed more than ``older_than_s`` seconds ago and still not sent
    (their process died, or the mail server refused); the relay's sweep. Returns how many."""
    if older_than_s is None:
        older_than_s = settings.NOTIFICATION_RETRY_AFTER_S
    cutoff = timezone.now() - datetime.timedelta(seconds=older_than_s)
    ids = list(
        SentNotification.objects.filter(
            sent_at__isnull=True, created__lte=cutoff, attempts__lt=MAX_ATTEMPTS
        )
        .order_by("created", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver(pk) for pk in ids)
