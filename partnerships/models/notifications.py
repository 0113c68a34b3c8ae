from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentNotification(models.Model):
    """One row per e-mail the system sends on its own (reminders, invitations): the claim of a
    unique key and the mail's outbox in one.

    The unique ``key`` makes scheduled mail idempotent: a task that runs twice, or two workers
    that race, claim a given reminder once (see ``notifications.notify_once``). The row holds the
    whole mail (address, subject, body, a stable Message-ID); ``sent_at`` is set only after the
    mail server accepted it, so a pending row (``sent_at`` empty) is delivered again by the relay
    when the process that claimed it died before sending."""

    key = models.CharField(max_length=200, unique=True)
    recipient = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="notifications"
    )
    to_email = models.EmailField(_("to"), blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    created = models.DateTimeField(_("claimed at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")
        indexes = [
            models.Index(
                fields=["created"],
                condition=models.Q(sent_at__isnull=True),
                name="notification_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient}"
