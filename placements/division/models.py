from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import Stage, Start
from placements.choices import ApprovalStatus, Level


class Division(models.Model):
    """The division of the declared places over hbo and wo for a year, with its approval and
    publication to the institutes (whose staff see the places only once published)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="divisions"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approval_note = models.CharField(_("approval note"), max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("division of places")
        verbose_name_plural = _("divisions of places")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year"], name="division_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.academic_year}"


class Place(models.Model):
    """A divided place line: ``capacity`` places for one subject, stage, level and start at a
    school, of which ``reserved`` are kept for students who rotate within the partnership."""

    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="places")
    school = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="places"
    )
    subject = models.ForeignKey("partnerships.Subject", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    level = models.CharField(_("level"), max_length=3, choices=Level.choices)
    start = models.CharField(_("start"), max_length=10, choices=Start.choices)
    capacity = models.PositiveSmallIntegerField(_("places"))
    reserved = models.PositiveSmallIntegerField(_("reserved for rotating students"), default=0)
    maybe = models.BooleanField(_("maybe"), default=False)

    class Meta:
        ordering = ["school__name", "subject__name", "stage", "level", "start"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["division", "school", "subject", "stage", "level", "start"],
                name="place_once",
            ),
            models.CheckConstraint(
                condition=models.Q(reserved__lte=models.F("capacity")), name="place_reserved_le_cap"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.school} — {self.subject}, {self.get_stage_display()}, "
            f"{self.get_level_display()}, {self.get_start_display()}"
        )
