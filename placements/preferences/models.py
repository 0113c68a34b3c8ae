from django.db import models
from django.utils.translation import gettext_lazy as _


class PreferenceWindow(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="preference_windows"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("for academic year"),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    class Meta:
        verbose_name = _("preference window")
        verbose_name_plural = _("preference windows")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year"], name="preference_window_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(opens_on__lte=models.F("closes_on")), name="window_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.academic_year}: {self.opens_on} – {self.closes_on}"

    def is_open(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class PreferenceForm(models.Model):
    """A student's wishes for next year's placement: up to three ranked schools, learning goals
    and constraints. Entered by the student or by their institute trainer on their behalf."""

    student = models.ForeignKey(
        "partnerships.Student", on_delete=models.CASCADE, related_name="preference_forms"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    motivation = models.TextField(_("motivation"), blank=True)
    learning_goals = models.TextField(_("learning goals for the placement"), blank=True)
    excluded_schools = models.ManyToManyField(
        "partnerships.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("schools I cannot go to"),
        help_text=_("For example your own former school."),
    )
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("maximum travel time (minutes)"), null=True, blank=True
    )
    remarks = models.TextField(_("other constraints"), blank=True)
    entered_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preference form")
        verbose_name_plural = _("preference forms")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "academic_year"], name="preference_form_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} {self.academic_year}"


class Preference(models.Model):
    form = models.ForeignKey(PreferenceForm, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rank"))
    school = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        constraints = [
            models.UniqueConstraint(fields=["form", "rank"], name="preference_rank_once"),
            models.UniqueConstraint(fields=["form", "school"], name="preference_school_once"),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=3), name="preference_rank_1_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.school}"
