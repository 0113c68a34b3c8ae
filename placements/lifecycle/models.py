from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import Stage, Start
from placements.choices import Level, PlacementStatus


class Placement(models.Model):
    """A student at a school for (part of) an academic year, through its lifecycle:
    proposed → introductory interview planned → held → confirmed → active → completed,
    or cancelled with a reason. Confirmation never exceeds the place's or the school's capacity
    (``services.placement_confirm`` locks the rows in the database)."""

    student = models.ForeignKey(
        "partnerships.Student",
        on_delete=models.CASCADE,
        related_name="placements",
        verbose_name=_("student"),
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("academic year"),
    )
    school = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("school"),
    )
    place = models.ForeignKey(
        "placements.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("place"),
    )
    subject = models.ForeignKey(
        "partnerships.Subject",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("subject"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    level = models.CharField(_("level"), max_length=3, choices=Level.choices)
    start = models.CharField(_("start"), max_length=10, choices=Start.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=PlacementStatus.PROPOSED,
    )
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("The allocation engine never moves it.")
    )
    werkplekbegeleider = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("werkplekbegeleider"),
    )
    schoolopleider = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("schoolopleider"),
    )
    instituutsopleider = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instituutsopleider"),
    )
    shared_with = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shared with school"),
        help_text=_("Shortage subjects: a second school that shares the student."),
    )
    practice_percent = models.PositiveSmallIntegerField(
        _("share of the programme in practice (%)"),
        null=True,
        blank=True,
        help_text=_("Checked against the subsidy category's minimum."),
    )
    practice_ec = models.DecimalField(
        _("EC in practice"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # A proposal committed from an allocation run while the preference window was still open is
    # not shown to the student (dashboard, placement, transfer form's "new school") before this
    # day, unless the coordinator chose to show it at once (then empty). Staff always see it.
    hidden_from_student_until = models.DateField(
        _("hidden from the student until"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-academic_year__start_year", "student__person__last_name"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [models.Index(fields=["academic_year", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "academic_year", "start"],
                condition=~models.Q(status="cancelled"),
                name="one_live_placement_per_student_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.school} ({self.academic_year})"

    def hidden_from_student(self, today) -> bool:
        """A proposal the student does not see yet (see ``hidden_from_student_until``)."""
        return (
            self.status == PlacementStatus.PROPOSED
            and self.hidden_from_student_until is not None
            and today < self.hidden_from_student_until
        )

    def get_absolute_url(self) -> str:
        return reverse(
            "placements:placement_detail",
            kwargs={"partnership": self.student.partnership.slug, "pk": self.pk},
        )


class IntroductoryInterview(models.Model):
    """The kennismakingsgesprek (student + schoolopleider + wpb), with the checklist of topics."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="interview")
    planned_at = models.DateTimeField(_("planned at"), null=True, blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    checklist = models.JSONField(_("topics discussed"), default=list, blank=True)
    # Who was there, by role ("student", "schoolopleider", "werkplekbegeleider") with the name
    # they had then: the placement's guides may change later.
    attendance = models.JSONField(_("attended"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("introductory interview")
        verbose_name_plural = _("introductory interviews")

    def __str__(self) -> str:
        return str(self.placement)


class PlacementEvent(models.Model):
    """The activity log of a placement: who did what, when."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("placement event")
        verbose_name_plural = _("placement events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class SmallAppointment(models.Model):
    """A small paid appointment of a student at the school (002 §3.4); the rules in
    ``placements.appointments.rules`` produce warnings for coordinators."""

    placement = models.OneToOneField(
        Placement, on_delete=models.CASCADE, related_name="small_appointment"
    )
    hours_per_week = models.DecimalField(
        _("contact clock hours per week"), max_digits=4, decimal_places=1
    )
    study_year = models.PositiveSmallIntegerField(_("study year"), choices=[(3, "3"), (4, "4")])
    has_paid_job = models.BooleanField(_("also has another paid job"), default=False)
    on_schedule_1_may = models.BooleanField(_("on schedule on 1 May (peildatum)"), default=False)
    has_propaedeutic = models.BooleanField(_("propaedeutic diploma obtained"), default=False)
    open_courses = models.PositiveSmallIntegerField(_("open courses"), default=0)
    institute_advice_positive = models.BooleanField(
        _("institute trainer advises positively"), default=False
    )
    school_advice_positive = models.BooleanField(
        _("school trainer advises positively"), default=False
    )
    free_days = models.PositiveSmallIntegerField(_("days a week free for the training"), default=2)

    class Meta:
        verbose_name = _("small appointment")
        verbose_name_plural = _("small appointments")

    def __str__(self) -> str:
        return f"{self.placement}: {self.hours_per_week} h"
