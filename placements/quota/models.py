from django.db import models
from django.utils.translation import gettext_lazy as _

from placements.choices import ApprovalStatus


class Quota(models.Model):
    """The partnership's number of places for an academic year, set by the steering group.

    ``places`` is distributed over schools (clusters count as one) in proportion to pupil numbers
    (see ``placements.quota.rules``). ``margin_percent`` is the agreed over-planning margin: the
    monitor marks a school whose realisation exceeds its share plus the margin. hbo year-1
    students are outside the quota."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="quotas"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("academic year"),
    )
    places = models.PositiveIntegerField(_("number of places (quota)"))
    margin_percent = models.PositiveSmallIntegerField(_("margin (%)"), default=10)
    status = models.CharField(
        _("status"), max_length=12, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_meeting = models.CharField(_("steering group meeting"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Why the steering group sent the last submission back (shown until the next submission).
    decision_note = models.CharField(_("note of the steering group"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "academic_year"], name="quota_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.academic_year}: {self.places}"


class QuotaShare(models.Model):
    """One school's (or cluster's) share of the quota: computed, possibly adjusted by hand."""

    quota = models.ForeignKey(Quota, on_delete=models.CASCADE, related_name="shares")
    school = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    cluster = models.ForeignKey(
        "partnerships.Cluster", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pupils = models.PositiveIntegerField(_("pupils"))
    computed = models.PositiveIntegerField(_("computed share"))
    adjusted = models.PositiveIntegerField(_("adjusted share"), null=True, blank=True)
    adjustment_reason = models.CharField(_("reason for the adjustment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quota share")
        verbose_name_plural = _("quota shares")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(school__isnull=True) ^ models.Q(cluster__isnull=True),
                name="quotashare_school_xor_cluster",
            ),
            models.UniqueConstraint(fields=["quota", "school"], name="quotashare_school_once"),
            models.UniqueConstraint(fields=["quota", "cluster"], name="quotashare_cluster_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.share}"

    @property
    def share(self) -> int:
        return self.computed if self.adjusted is None else self.adjusted

    @property
    def unit_name(self) -> str:
        return str(self.cluster or self.school)
