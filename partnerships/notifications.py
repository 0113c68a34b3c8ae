"""Sending mail that must go out once: claim a unique key first, send after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import Person, SentNotification


def notify_once(*, key: str, recipient: Person, template: str, context: dict) -> bool:
    """Send ``template`` (``<template>_subject.txt`` and ``<template>_body.txt``) to
    ``recipient`` in their language unless a notification with ``key`` was sent before.

    Returns True when this call claimed the key. The mail is sent after the transaction commits,
    so a rolled-back claim never sends and a committed claim is never sent twice."""
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {"recipient": recipient, "site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    try:
        with transaction.atomic():
            SentNotification.objects.create(key=key, recipient=recipient, subject=subject[:200])
    except IntegrityError:
        return False
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    )
    return True
