from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import Stage, Start
from placements.choices import Availability, OfferedLevel


class CapacityRequest(models.Model):
    """The stagecoördinator's request to all schools to declare their places for a year."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="capacity_requests"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    message = models.TextField(_("message to the schools"), blank=True)
    is_february_recheck = models.BooleanField(_("re-check of the February places"), default=False)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("capacity request")
        verbose_name_plural = _("capacity requests")

    def __str__(self) -> str:
        return f"{self.partnership} {self.academic_year} ({self.deadline})"


class SchoolCapacity(models.Model):
    """A school's declaration for a year: its lines plus a total cap over all of them."""

    school = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="capacities"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    total_cap = models.PositiveIntegerField(
        _("total number of students the school takes"),
        null=True,
        blank=True,
        help_text=_("A school may list places in eight subjects but take only four students."),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    february_checked_at = models.DateTimeField(
        _("February places re-checked at"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    updated_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("school capacity")
        verbose_name_plural = _("school capacities")
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="capacity_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.academic_year}"


class CapacityLine(models.Model):
    capacity = models.ForeignKey(SchoolCapacity, on_delete=models.CASCADE, related_name="lines")
    subject = models.ForeignKey(
        "partnerships.Subject",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("subject"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    level = models.CharField(_("level"), max_length=6, choices=OfferedLevel.choices)
    start = models.CharField(_("start"), max_length=10, choices=Start.choices)
    places = models.PositiveSmallIntegerField(_("places"))
    availability = models.CharField(
        _("availability"), max_length=6, choices=Availability.choices, default=Availability.YES
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["subject__name", "stage", "level", "start"]
        verbose_name = _("capacity line")
        verbose_name_plural = _("capacity lines")
        constraints = [
            models.UniqueConstraint(
                fields=["capacity", "subject", "stage", "level", "start"], name="capacity_line_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.stage} {self.level} {self.start}: {self.places}"
