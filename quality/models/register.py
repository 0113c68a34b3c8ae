"""The risk register, the yearly internal evaluations of the partner organisations, and the
partnership's quality settings."""

from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import EvaluationStatus, EvaluationTheme, RiskStatus
from ..response_target import label as target_label

MIN_GROUP_FLOOR = 5  # no partnership may show results of fewer respondents than this


class QualitySettings(models.Model):
    """Per partnership. The anonymity threshold can be raised, never lowered below 5; open text
    needs at least as many respondents as the threshold (default 10)."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="quality_settings"
    )
    min_group = models.PositiveSmallIntegerField(
        _("minimum group size for results"),
        default=MIN_GROUP_FLOOR,
        validators=[MinValueValidator(MIN_GROUP_FLOOR)],
    )
    min_group_open_text = models.PositiveSmallIntegerField(
        _("minimum group size for open answers"),
        default=10,
        validators=[MinValueValidator(MIN_GROUP_FLOOR)],
    )
    # The response target as an exact fraction (default 2/3, seed 002 §2.5), never a rounded
    # percentage: see quality/response_target.py. ``response_target`` reads and sets it.
    response_target_numerator = models.PositiveIntegerField(
        _("response-rate target, numerator"), default=2, validators=[MinValueValidator(1)]
    )
    response_target_denominator = models.PositiveIntegerField(
        _("response-rate target, denominator"), default=3, validators=[MinValueValidator(1)]
    )
    reminder_days = models.JSONField(_("reminders, days before closing"), default=list, blank=True)
    report_due_days = models.PositiveSmallIntegerField(
        _("days after the last round closes to adopt the report"), default=42
    )

    class Meta:
        verbose_name = _("quality settings")
        verbose_name_plural = _("quality settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_group__gte=MIN_GROUP_FLOOR),
                name="quality_min_group_floor",
            ),
            models.CheckConstraint(
                condition=models.Q(min_group_open_text__gte=models.F("min_group")),
                name="quality_open_text_at_least_min_group",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    response_target_numerator__gte=1,
                    response_target_numerator__lte=models.F("response_target_denominator"),
                ),
                name="quality_response_target_a_share",
            ),
        ]

    def __str__(self) -> str:
        return str(self.partnership)

    @property
    def response_target(self) -> Fraction:
        """The target share of invitees that responds, exact (2/3 by default)."""
        return Fraction(self.response_target_numerator, self.response_target_denominator)

    @response_target.setter
    def response_target(self, value: Fraction) -> None:
        value = Fraction(value)
        self.response_target_numerator = value.numerator
        self.response_target_denominator = value.denominator

    @property
    def response_target_label(self) -> str:
        return target_label(self.response_target)

    def clean(self):
        num, den = self.response_target_numerator, self.response_target_denominator
        if num is not None and den and not 0 < num <= den:
            raise ValidationError(
                {"response_target_numerator": _("The response target is a share from 0 to 1.")}
            )
        if self.min_group_open_text is not None and self.min_group is not None:
            if self.min_group_open_text < self.min_group:
                raise ValidationError(
                    {
                        "min_group_open_text": _(
                            "Open answers need at least as many respondents as other results."
                        )
                    }
                )
        days = self.reminder_days
        if not isinstance(days, list) or not all(isinstance(d, int) and d > 0 for d in days):
            raise ValidationError({"reminder_days": _("Give whole numbers of days, above 0.")})

    @classmethod
    def for_partnership(cls, partnership) -> "QualitySettings":
        settings, _created = cls.objects.get_or_create(
            partnership=partnership, defaults={"reminder_days": [7, 2]}
        )
        return settings


class Risk(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="risks"
    )
    title = models.CharField(_("risk"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    impact = models.PositiveSmallIntegerField(
        _("impact (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = models.ForeignKey(
        "partnerships.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    review_date = models.DateField(_("review date"))
    status = models.CharField(
        _("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review_date", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5
                ),
                name="risk_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class InternalEvaluation(models.Model):
    """The yearly internal evaluation of one partner organisation on the fixed themes."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="internal_evaluations"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="internal_evaluations"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("internal evaluation")
        verbose_name_plural = _("internal evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "organisation"], name="internal_evaluation_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.academic_year}"


class EvaluationFinding(models.Model):
    """What an organisation writes on one theme; ``for_partnership`` marks a finding that asks
    for action at partnership level (it goes to the report)."""

    evaluation = models.ForeignKey(
        InternalEvaluation, on_delete=models.CASCADE, related_name="findings"
    )
    theme = models.CharField(_("theme"), max_length=24, choices=EvaluationTheme.choices)
    text = models.TextField(_("findings"), blank=True)
    for_partnership = models.BooleanField(_("needs action at partnership level"), default=False)

    class Meta:
        ordering = ["evaluation", "theme"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "theme"], name="finding_once_per_theme")
        ]

    def __str__(self) -> str:
        return self.get_theme_display()
