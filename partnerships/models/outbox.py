from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A Celery task to publish, written in the transaction of the change that needs it
    (``partnerships.outbox.enqueue``). Published after the commit when the broker is up, else by
    the relay (``partnerships.tasks.relay_outbox``, every 30 s); ``dispatched_at`` says when."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")
        indexes = [
            models.Index(
                fields=["created"],
                condition=models.Q(dispatched_at__isnull=True),
                name="outbox_undispatched",
            ),
            models.Index(fields=["task", "dispatched_at"], name="outbox_task"),
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
