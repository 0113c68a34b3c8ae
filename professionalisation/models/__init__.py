"""Professionalisation: activities per role, their runs with enrolment, attendance and
completion (which creates the matching qualification), the partnership's requirement norms, and
the yearly needs inventory per school."""

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import QualificationKind

from ..choices import ActivityKind, EnrolmentStatus, Formality, RunStatus


class Activity(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="pro_activities"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    formality = models.CharField(_("formal or informal"), max_length=10, choices=Formality.choices)
    target_roles = models.JSONField(_("for roles"), default=list, blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    description = models.TextField(_("description"), blank=True)
    qualification_kind = models.CharField(
        _("completion gives"),
        max_length=30,
        choices=QualificationKind.choices,
        blank=True,
        help_text=_("The qualification a completed run records, if any."),
    )
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("professionalisation activity")
        verbose_name_plural = _("professionalisation activities")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="pro_activity_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Run(models.Model):
    """One run of an activity: dates, place, capacity and trainers (e.g. the co-teaching pair of
    an institute trainer and a school co-docent)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="runs")
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1)], default=16
    )
    trainers = models.ManyToManyField(
        "partnerships.Person", blank=True, related_name="trained_runs", verbose_name=_("trainers")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.PLANNED
    )
    self_enrolment = models.BooleanField(_("people may enrol themselves"), default=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # What the run costs the partnership (trainers, venue, materials); realises the budget's
    # professionalisation line (partnerships.finance).
    cost_cents = models.PositiveIntegerField(_("costs"), default=0)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("run")
        verbose_name_plural = _("runs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="run_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.activity} {self.starts_on}"

    def get_absolute_url(self) -> str:
        return reverse(
            "professionalisation:run_detail",
            kwargs={"partnership": self.activity.partnership.slug, "pk": self.pk},
        )


class Meeting(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        ordering = ["run", "date", "starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.run} {self.date}"


class Enrolment(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ENROLLED,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    qualification = models.ForeignKey(
        "partnerships.Qualification",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run", "person__last_name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="enrolment_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.run}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "enrolment"], name="meeting_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} @ {self.meeting}"


class RequirementNorms(models.Model):
    """The partnership's requirements per school, as data (defaults from 002 §6 and DOMAIN)."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="requirement_norms"
    )
    min_schoolopleiders = models.PositiveSmallIntegerField(
        _("schoolopleiders per school"), default=2
    )
    min_brlo = models.PositiveSmallIntegerField(_("of whom BRLO-registered"), default=1)
    min_coordinators = models.PositiveSmallIntegerField(
        _("schoolcoördinators per school"), default=1
    )
    min_assessors = models.PositiveSmallIntegerField(_("assessors per school"), default=1)
    min_certified_wpb_per_section = models.PositiveSmallIntegerField(
        _("certified wpb per section that takes students"), default=1
    )
    min_teaching_years = models.PositiveSmallIntegerField(
        _("years of teaching for a wpb"), default=3
    )

    class Meta:
        verbose_name = _("requirement norms")
        verbose_name_plural = _("requirement norms")

    def __str__(self) -> str:
        return str(self.partnership)


class Need(models.Model):
    """The needs inventory: per school (or institute) per year, how many people of a role still
    need training, and on what."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="pro_needs"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="pro_needs"
    )
    role = models.CharField(_("role"), max_length=32)
    count = models.PositiveSmallIntegerField(_("number of people to train"))
    content = models.TextField(_("content wishes"), blank=True)
    submitted_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("professionalisation need")
        verbose_name_plural = _("professionalisation needs")
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "organisation", "role"], name="need_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.role}: {self.count}"
