"""Intervision groups, the yearly student pairs, logged webinars, co-docent norms and packages,
and the personal calendar feed."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import PackageKind, TravelRule


class IntervisionGroup(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="intervision_groups"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=80)
    level = models.CharField(_("hbo/wo"), max_length=3)
    members = models.ManyToManyField(
        "partnerships.Student", blank=True, related_name="intervision_groups"
    )
    supervisor = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor"),
    )

    class Meta:
        ordering = ["academic_year", "level", "name"]
        verbose_name = _("intervision group")
        verbose_name_plural = _("intervision groups")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year", "name"], name="intervision_group_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class StudentPair(models.Model):
    """Two students of different schools who observe each other's lessons this year."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="student_pairs"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    first = models.ForeignKey("partnerships.Student", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(
        "partnerships.Student", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    third = models.ForeignKey(
        "partnerships.Student",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("With an odd number of students one pair becomes a trio."),
    )

    class Meta:
        ordering = ["academic_year", "pk"]
        verbose_name = _("student pair")
        verbose_name_plural = _("student pairs")

    def __str__(self) -> str:
        return f"{self.first} / {self.second}"


class WebinarLog(models.Model):
    student = models.ForeignKey(
        "partnerships.Student", on_delete=models.CASCADE, related_name="webinar_logs"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    period = models.PositiveSmallIntegerField(_("period"))
    title = models.CharField(_("webinar"), max_length=200)
    followed_on = models.DateField(_("followed on"))
    summary = models.TextField(_("summary"))
    event = models.ForeignKey(
        "programme.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-followed_on", "pk"]
        verbose_name = _("webinar log")
        verbose_name_plural = _("webinar logs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period__gte=1, period__lte=4), name="webinar_period_1_4"
            )
        ]

    def __str__(self) -> str:
        return self.title


class CoDocentNorms(models.Model):
    """The co-docent hours formula as data (002 §6.5): per meeting ``meeting_hours`` times the
    session kind's factor, plus travel (``travel_rule``: per meeting, the default, or once per
    event day); fixed packages for hbo year 1 and a wpb training."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="codocent_norms"
    )
    meeting_hours = models.DecimalField(
        _("hours per meeting"), max_digits=4, decimal_places=2, default=Decimal("1.5")
    )
    workshop_factor = models.DecimalField(
        _("factor workshop"), max_digits=3, decimal_places=2, default=Decimal("1.0")
    )
    intervision_factor = models.DecimalField(
        _("factor intervision"), max_digits=3, decimal_places=2, default=Decimal("1.4")
    )
    work_meeting_factor = models.DecimalField(
        _("factor work meeting"), max_digits=3, decimal_places=2, default=Decimal("1.7")
    )
    travel_hours = models.DecimalField(
        _("travel hours per meeting"), max_digits=4, decimal_places=2, default=Decimal("1.0")
    )
    travel_rule = models.CharField(
        _("travel counts"),
        max_length=16,
        choices=TravelRule.choices,
        default=TravelRule.PER_MEETING,
        help_text=_(
            "Per meeting (the seed: every meeting a co-docent gives adds the travel hours), or "
            "once per event day (a co-docent giving several meetings on one day travels once)."
        ),
    )
    hbo_year_1_package = models.DecimalField(
        _("package hbo year 1 (hours)"), max_digits=5, decimal_places=1, default=Decimal("48")
    )
    wpb_training_package = models.DecimalField(
        _("package wpb training (hours)"), max_digits=5, decimal_places=1, default=Decimal("35")
    )
    # What an hour of a co-docent is worth in the budget (partnerships.finance); 0: not valued.
    hourly_rate_cents = models.PositiveIntegerField(_("hourly rate of a co-docent"), default=0)

    class Meta:
        verbose_name = _("co-docent norms")
        verbose_name_plural = _("co-docent norms")

    def __str__(self) -> str:
        return str(self.partnership)


class CoDocentPackage(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="codocent_packages"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="codocent_packages"
    )
    kind = models.CharField(_("package"), max_length=14, choices=PackageKind.choices)

    class Meta:
        ordering = ["academic_year", "person"]
        verbose_name = _("co-docent package")
        verbose_name_plural = _("co-docent packages")
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "person", "kind"], name="codocent_package_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"


class CalendarFeed(models.Model):
    """The secret key of a person's personal calendar (ICS) feed; a new key revokes the old."""

    person = models.OneToOneField(
        "partnerships.Person", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.person)
