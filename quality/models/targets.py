"""Targets (streefdoelen) on indicators: a measure, a comparison and a value, for an academic
year or one of its half years. The measure is one of ``quality.targets.ALL_MEASURES``; survey
measures name a question (mean, share agreeing, KOOS gap) or a survey and quality area."""

from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import targets as rules
from ..choices import Half, QualityArea, RespondentGroup


class Measure(models.TextChoices):
    QUESTION_MEAN = rules.MEAN, _("survey question: mean (1–5)")
    QUESTION_AGREE = rules.AGREE_SHARE, _("survey question: share agreeing (4 or 5)")
    QUESTION_GAP = rules.KOOS_GAP, _("KOOS question: gap desired − actual")
    AREA_MEAN = rules.AREA_MEAN, _("quality area: mean (1–5)")
    AREA_GAP = rules.AREA_GAP, _("quality area: KOOS gap desired − actual")
    RESPONSE = rules.RESPONSE, _("response rate")
    DROPOUT = rules.DROPOUT, _("dropout (cancelled placements)")
    COMPLIANCE = rules.COMPLIANCE, _("schools meeting the professionalisation norms")
    QUOTA = rules.QUOTA, _("quota realisation (placements of the quota)")
    ATTENDANCE = rules.ATTENDANCE, _("attendance of mandatory programme events")
    PARTICIPATION = rules.PARTICIPATION, _("professionalisation participation of staff")


class Comparison(models.TextChoices):
    GE = rules.GE, "≥"
    LE = rules.LE, "≤"
    EQ = rules.EQ, "="


class Target(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="quality_targets"
    )
    indicator = models.ForeignKey(
        "quality.Indicator",
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("indicator"),
    )
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    question = models.ForeignKey(
        "quality.Question",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("question"),
    )
    survey = models.ForeignKey(
        "quality.Survey",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("survey"),
    )
    area = models.CharField(
        _("quality area"), max_length=20, choices=QualityArea.choices, blank=True
    )
    group = models.CharField(
        _("respondent group"), max_length=20, choices=RespondentGroup.choices, blank=True
    )
    comparison = models.CharField(
        _("comparison"), max_length=2, choices=Comparison.choices, default=Comparison.GE
    )
    value = models.CharField(_("target value"), max_length=40)  # an exact fraction: "2/3", "4"
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("academic year"),
    )
    half = models.PositiveSmallIntegerField(
        _("half year"),
        choices=Half.choices,
        null=True,
        blank=True,
        help_text=_("Leave empty for the whole academic year."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "academic_year__start_year", "half", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.get_comparison_display()} {self.value}"

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.value)
