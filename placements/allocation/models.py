from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import Start
from placements.choices import RunStatus


class AllocationRun(models.Model):
    """One run of the allocation engine over a year's published places and preferences.

    Runs are kept so coordinators can compare them side by side; one run is committed as the
    proposal, which creates proposed placements."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="allocation_runs"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    start = models.CharField(_("start"), max_length=10, choices=Start.choices)
    label = models.CharField(_("label"), max_length=100, blank=True)
    weights = models.JSONField(_("weights"), default=dict)
    time_limit_s = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=20)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.JSONField(default=dict, blank=True)
    solver_status = models.CharField(max_length=20, blank=True)
    objective = models.FloatField(null=True, blank=True)
    best_bound = models.FloatField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    placed = models.PositiveIntegerField(default=0)
    unplaced = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")

    def __str__(self) -> str:
        return self.label or f"#{self.pk} {self.academic_year}"


class AllocationResult(models.Model):
    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="results")
    student = models.ForeignKey("partnerships.Student", on_delete=models.CASCADE, related_name="+")
    place = models.ForeignKey(
        "placements.Place", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    locked = models.BooleanField(_("locked"), default=False)
    explanation = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("allocation result")
        verbose_name_plural = _("allocation results")
        constraints = [
            models.UniqueConstraint(fields=["run", "student"], name="result_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.place or '—'}"
