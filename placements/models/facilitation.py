from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import FacilitationCategory


class YearNorms(models.Model):
    """Facilitation norms of a partnership for a year that are not per category."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="year_norms"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    school_base_hours = models.PositiveSmallIntegerField(
        _("hours per school for coordination and workplace curriculum"), default=342
    )

    class Meta:
        verbose_name = _("year norms")
        verbose_name_plural = _("year norms")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "academic_year"], name="norms_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.academic_year}"


class FacilitationNorm(models.Model):
    """Hours per student per school year for the wpb and the schoolopleider, per category."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="facilitation_norms"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("category"), max_length=4, choices=FacilitationCategory.choices)
    wpb_hours = models.PositiveSmallIntegerField(_("werkplekbegeleider hours"))
    so_hours = models.PositiveSmallIntegerField(_("schoolopleider hours"))

    class Meta:
        ordering = ["category"]
        verbose_name = _("facilitation norm")
        verbose_name_plural = _("facilitation norms")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year", "category"], name="norm_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.wpb_hours} + {self.so_hours}"


class InstituteNorm(models.Model):
    """An institute's norm for its trainers' hours: per student per year, per group per year and
    per student per week (any combination), as the institutes differ."""

    institute = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="institute_norms"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    hours_per_student_year = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    hours_per_group_year = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    group_size = models.PositiveSmallIntegerField(default=20)
    hours_per_student_week = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    weeks_per_year = models.PositiveSmallIntegerField(default=40)

    class Meta:
        verbose_name = _("institute norm")
        verbose_name_plural = _("institute norms")
        constraints = [
            models.UniqueConstraint(fields=["institute", "academic_year"], name="inorm_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.institute} {self.academic_year}"
