"""Academic years (1 August – 31 July) and their periods OP1–OP4.

Academic years are a national calendar fact, shared by all partnerships; the September and
February starts are derived from the year (the first school day of those months is set per
partnership where it matters, in the programme)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..glossary import Start


def default_period_dates(start_year: int) -> list[tuple[datetime.date, datetime.date]]:
    """OP1–OP4 as quarters of the school year; a partnership edits them where they differ."""
    y, n = start_year, start_year + 1
    d = datetime.date
    return [
        (d(y, 8, 1), d(y, 11, 15)),
        (d(y, 11, 16), d(n, 1, 31)),
        (d(n, 2, 1), d(n, 4, 15)),
        (d(n, 4, 16), d(n, 7, 31)),
    ]


class AcademicYearQuerySet(models.QuerySet):
    def containing(self, day: datetime.date):
        return self.filter(start_date__lte=day, end_date__gte=day)


class AcademicYear(models.Model):
    start_year = models.PositiveSmallIntegerField(_("start year"), unique=True)
    start_date = models.DateField(_("start date"), editable=False)
    end_date = models.DateField(_("end date"), editable=False)

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        ordering = ["start_year"]
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    def save(self, *args, **kwargs):
        self.start_date = datetime.date(self.start_year, 8, 1)
        self.end_date = datetime.date(self.start_year + 1, 7, 31)
        created = self._state.adding
        super().save(*args, **kwargs)
        if created:
            Period.objects.bulk_create(
                Period(academic_year=self, number=n, start_date=start, end_date=end)
                for n, (start, end) in enumerate(default_period_dates(self.start_year), 1)
            )

    def start_date_for(self, start: str) -> datetime.date:
        if start == Start.FEBRUARY:
            return datetime.date(self.start_year + 1, 2, 1)
        return datetime.date(self.start_year, 9, 1)

    @classmethod
    def start_year_for(cls, day: datetime.date) -> int:
        return day.year if day.month >= 8 else day.year - 1

    @classmethod
    def parse_label(cls, label: str) -> int:
        """'2025-2026' -> 2025; raises ValueError for anything else."""
        first, _sep, second = label.strip().partition("-")
        start = int(first)
        if not second or int(second) != start + 1:
            raise ValueError(label)
        return start

    @classmethod
    def current(cls, today: datetime.date | None = None) -> "AcademicYear":
        today = today or timezone.localdate()
        year, _created = cls.objects.get_or_create(start_year=cls.start_year_for(today))
        return year


class Period(models.Model):
    """OP1–OP4. Dates default to quarters of the school year and can be edited."""

    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.CASCADE, related_name="periods"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        ordering = ["academic_year", "number"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "number"], name="period_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=4), name="period_number_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"OP{self.number} {self.academic_year}"

    def clean(self):
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValidationError(_("A period cannot end before it starts."))
