"""Half-yearly quality reports and the annual report, their sections, comments and adoption,
and the improvement actions that come out of them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import ActionLevel, ActionSource, ActionStatus, Half, ReportKind, ReportStatus


class QualityReport(models.Model):
    """Drafted by a Celery task when a half-year's rounds have closed (``data`` holds the
    numbers as they were then); the programme manager writes the analysis per section; the
    steering group comments and adopts. Adoption freezes it: ``pdf`` is the archived document."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="quality_reports"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    half = models.PositiveSmallIntegerField(
        _("half year"), choices=Half.choices, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    data = models.JSONField(default=dict, blank=True, editable=False)
    drafted_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    meeting = models.CharField(_("steering group meeting"), max_length=200, blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-academic_year__start_year", "-half", "kind"]
        verbose_name = _("quality report")
        verbose_name_plural = _("quality reports")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year", "kind", "half"],
                condition=models.Q(half__isnull=False),
                name="quality_report_once_per_half",
            ),
            models.UniqueConstraint(
                fields=["partnership", "academic_year", "kind"],
                condition=models.Q(half__isnull=True),
                name="quality_report_once_per_year",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "quality:report_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.pk},
        )

    @property
    def is_adopted(self) -> bool:
        return self.status == ReportStatus.ADOPTED

    @property
    def meeting_phrase(self) -> str:
        """The meeting of the adoption with its day: "Stuurgroep op 17 november 2026", or the
        meeting's name alone when it already holds the day (a governance meeting's name does)."""
        from django.utils.formats import date_format
        from django.utils.translation import gettext

        day = date_format(self.meeting_date, "DATE_FORMAT") if self.meeting_date else ""
        if not day or day in self.meeting:
            return self.meeting
        return gettext("%(meeting)s on %(day)s") % {"meeting": self.meeting, "day": day}

    @property
    def is_adopting(self) -> bool:
        """Adopted (frozen) while the archived PDF is still being made by the worker."""
        return self.status == ReportStatus.ADOPTED and not self.pdf_sha256


class OrganisationReport(models.Model):
    """The report limited to one school or institute (issue 15, item 6), frozen with the
    report when it is drafted: that organisation's response, its published result groups (never
    a group under the minimum), its dropout, placements, programme and professionalisation
    figures, its improvement actions and its own internal evaluation."""

    report = models.ForeignKey(
        QualityReport, on_delete=models.CASCADE, related_name="organisation_reports"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["report", "organisation__name"]
        verbose_name = _("report per organisation")
        verbose_name_plural = _("reports per organisation")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organisation"], name="organisation_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.organisation}"


class ReportSection(models.Model):
    report = models.ForeignKey(QualityReport, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    analysis = models.TextField(_("analysis"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["report", "order"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_unique_key")
        ]

    def __str__(self) -> str:
        return self.title


class ReportComment(models.Model):
    report = models.ForeignKey(QualityReport, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        ReportSection, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey("partnerships.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:80]


class ImprovementAction(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="improvement_actions"
    )
    title = models.CharField(_("improvement action"), max_length=300)
    finding = models.TextField(_("finding"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=ActionSource.choices, default=ActionSource.REPORT
    )
    report = models.ForeignKey(
        QualityReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("report"),
    )
    level = models.CharField(_("level"), max_length=12, choices=ActionLevel.choices)
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="improvement_actions",
        verbose_name=_("school or institute"),
    )
    owner = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.PROTECT,
        related_name="improvement_actions",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    evaluation = models.TextField(_("evaluation"), blank=True)
    evaluated_in = models.ForeignKey(
        QualityReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluated_actions",
        verbose_name=_("evaluated in"),
    )
    target = models.ForeignKey(
        "quality.Target",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("target it serves"),
        help_text=_("Its effect is judged by the target's measure in the next report."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="partnership", organisation__isnull=True)
                | (~models.Q(level="partnership") & models.Q(organisation__isnull=False)),
                name="action_level_matches_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "quality:action_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )
