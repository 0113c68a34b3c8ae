from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who looked at or exported what, and when (views and downloads of personal documents,
    exports for the ministry). Written by ``partnerships.audit.record``; never changed."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, null=True, related_name="+"
    )
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.person_id} {self.action} {self.object_type}"
