from django.db import models
from django.utils.translation import gettext_lazy as _


class SubsidySnapshot(models.Model):
    """A frozen list of placed students per subsidy category, handed over by the
    stagecoördinator in July and December (procedure step 15). Later data changes never rewrite
    a snapshot: its rows are stored as they were."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="subsidy_snapshots"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("academic year"),
    )
    reference_date = models.DateField(_("reference date"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    rows = models.JSONField(default=list, editable=False)
    excluded = models.JSONField(default=list, editable=False)
    taken_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-taken_at"]
        verbose_name = _("subsidy list snapshot")
        verbose_name_plural = _("subsidy list snapshots")

    def __str__(self) -> str:
        return self.label or f"{self.academic_year} ({self.reference_date})"
