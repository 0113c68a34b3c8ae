"""The quality framework: ambitions → indicators (the questions we ask ourselves) →
instruments that measure them, each mapped to the NVAO standards 1–4."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import (
    CalendarStatus,
    Frequency,
    InstrumentKind,
    NvaoStandard,
    PdcaPhase,
    TargetGroup,
)


def validate_standards(value) -> None:
    if not isinstance(value, list) or not all(v in NvaoStandard.values for v in value):
        raise ValidationError(_("Choose NVAO standards 1 to 4."))


def validate_months(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, int) and 1 <= v <= 12 for v in value):
        raise ValidationError(_("Months are numbers from 1 to 12."))


class Ambition(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="ambitions"
    )
    title = models.CharField(_("ambition"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """A quality indicator, phrased as the question the partnership asks itself."""

    ambition = models.ForeignKey(
        Ambition, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("ambition")
    )
    question = models.TextField(_("indicator (question)"))
    follow_up = models.CharField(_("follow-up"), max_length=300, blank=True)
    standards = models.JSONField(
        _("NVAO standards"), default=list, blank=True, validators=[validate_standards]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["ambition", "order", "pk"]
        verbose_name = _("quality indicator")
        verbose_name_plural = _("quality indicators")

    def __str__(self) -> str:
        return self.question[:80]


class Instrument(models.Model):
    """How the partnership measures: a survey, a panel, an evaluation session, a peer visit…

    ``months`` is the default place in the quality calendar (e.g. [1, 6] for a half-yearly
    survey); ``survey`` links a survey instrument to the questionnaire its rounds use."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="instruments"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=InstrumentKind.choices)
    target_group = models.CharField(_("target group"), max_length=16, choices=TargetGroup.choices)
    responsible_role = models.CharField(_("responsible role"), max_length=32)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    months = models.JSONField(_("months"), default=list, blank=True, validators=[validate_months])
    description = models.TextField(_("description"), blank=True)
    standards = models.JSONField(
        _("NVAO standards"), default=list, blank=True, validators=[validate_standards]
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="instruments", verbose_name=_("indicators")
    )
    survey = models.ForeignKey(
        "quality.Survey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instruments",
        verbose_name=_("survey"),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    in_development = models.BooleanField(_("still being developed"), default=False)

    class Meta:
        ordering = ["target_group", "name"]
        verbose_name = _("quality instrument")
        verbose_name_plural = _("quality instruments")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="instrument_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CalendarItem(models.Model):
    """One cell of the quality calendar: an instrument in a month of an academic year, with the
    group it concerns, who is responsible, its status and PDCA phase."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="quality_calendar"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="calendar_items"
    )
    month = models.PositiveSmallIntegerField(_("month"))
    target_group = models.CharField(_("target group"), max_length=16, choices=TargetGroup.choices)
    responsible_role = models.CharField(_("responsible role"), max_length=32)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=CalendarStatus.choices, default=CalendarStatus.PLANNED
    )
    phase = models.CharField(
        _("PDCA phase"), max_length=6, choices=PdcaPhase.choices, default=PdcaPhase.DO
    )
    notes = models.TextField(_("notes"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "instrument__name"]
        verbose_name = _("quality calendar item")
        verbose_name_plural = _("quality calendar items")
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "instrument", "month"], name="calendar_item_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="calendar_item_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} ({self.month})"
