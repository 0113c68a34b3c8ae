from django.db import models
from django.utils.translation import gettext_lazy as _


class SentNotification(models.Model):
    """One row per e-mail the system sent on its own (reminders, invitations).

    The unique ``key`` makes scheduled mail idempotent: a task that runs twice, or two workers
    that race, send a given reminder once (see ``notifications.notify_once``)."""

    key = models.CharField(max_length=200, unique=True)
    recipient = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("subject"), max_length=200)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient}"
