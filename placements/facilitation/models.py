from django.core.exceptions import ValidationError
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
    weeks_per_year = models.PositiveSmallIntegerField(
        _("weeks per school year"),
        default=40,
        help_text=_("Institute norms counted per week are multiplied by this number."),
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
    """One of an institute's norms for its trainers' hours (002 §6.5): hours per student or per
    group, per week or per year; an institute may have several (ICLON: per student per year plus
    per group per year). Groups follow the size range; weeks are the partnership's weeks per
    year (``YearNorms.weeks_per_year``)."""

    class Per(models.TextChoices):
        STUDENT = "student", _("per student")
        GROUP = "group", _("per group")

    class Period(models.TextChoices):
        WEEK = "week", _("per week")
        YEAR = "year", _("per year")

    institute = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="institute_norms",
        verbose_name=_("institute"),
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    per = models.CharField(_("per"), max_length=7, choices=Per.choices, default=Per.STUDENT)
    period = models.CharField(
        _("period"), max_length=4, choices=Period.choices, default=Period.YEAR
    )
    group_min = models.PositiveSmallIntegerField(_("group of at least"), null=True, blank=True)
    group_max = models.PositiveSmallIntegerField(_("group of at most"), null=True, blank=True)

    class Meta:
        ordering = ["institute__name", "per", "period", "pk"]
        verbose_name = _("institute norm")
        verbose_name_plural = _("institute norms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(per="student")
                | models.Q(group_max__gte=1, group_min__lte=models.F("group_max"))
                | models.Q(group_max__gte=1, group_min__isnull=True),
                name="inorm_group_range",
            )
        ]

    def __str__(self) -> str:
        per, period = self.get_per_display(), self.get_period_display()
        return f"{self.institute}: {self.hours} {per} {period}"

    def clean(self):
        super().clean()
        if self.per == self.Per.GROUP:
            if not self.group_max:
                raise ValidationError(
                    {"group_max": _("A norm per group needs the largest group size.")}
                )
            if self.group_min and self.group_min > self.group_max:
                raise ValidationError(
                    {"group_min": _("The smallest group cannot be larger than the largest.")}
                )
