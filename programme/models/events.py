"""Programme events (start meetings, practice days, innomo's, …), their time slots and sessions,
and the students' registrations and attendance."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import AttendanceStatus, EventKind, Line, RegistrationStatus, SessionKind


class Event(models.Model):
    """One programme event. The audience is who is expected: hbo years (1–4), wo students, and
    staff roles (e.g. innomo's are open to all staff). ``mandatory`` counts for students."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="events"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    host_school = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host school"),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    audience_hbo_years = models.JSONField(_("hbo years"), default=list, blank=True)
    audience_wo = models.BooleanField(_("wo students"), default=False)
    audience_roles = models.JSONField(_("staff roles"), default=list, blank=True)
    mandatory = models.BooleanField(_("attendance mandatory"), default=True)
    signup_opens_on = models.DateField(_("sign-up opens"), null=True, blank=True)
    signup_closes_on = models.DateField(_("sign-up closes"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    # What the event costs the partnership (venue, catering, speakers); realises the budget's
    # programme events line (partnerships.finance).
    cost_cents = models.PositiveIntegerField(_("costs"), default=0)

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("programme event")
        verbose_name_plural = _("programme events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:event_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    def clean(self):
        years = self.audience_hbo_years
        if not isinstance(years, list) or not all(y in (1, 2, 3, 4) for y in years):
            raise ValidationError({"audience_hbo_years": _("hbo years are 1 to 4.")})
        if not isinstance(self.audience_roles, list):
            raise ValidationError({"audience_roles": _("Choose roles from the list.")})


class TimeSlot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    title = models.CharField(_("title"), max_length=120, blank=True)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    choice_required = models.BooleanField(_("students choose a session"), default=True)

    class Meta:
        ordering = ["event", "starts_at"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M} {self.title}".strip()


class Session(models.Model):
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    line = models.CharField(_("line"), max_length=14, choices=Line.choices, blank=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"), max_length=14, choices=SessionKind.choices, default=SessionKind.WORKSHOP
    )
    description = models.TextField(_("description"), blank=True)
    room = models.CharField(_("room"), max_length=80, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    facilitators = models.ManyToManyField(
        "partnerships.Person", blank=True, related_name="facilitated_sessions"
    )

    class Meta:
        ordering = ["slot", "line", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """A student's choice of a session in a slot. At most one live registration per student per
    slot; beyond the capacity a registration waits in line (``position``) and moves up when a
    place frees."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="registrations")
    student = models.ForeignKey(
        "partnerships.Student", on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    position = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "status", "position", "created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "student"],
                condition=~models.Q(status="cancelled"),
                name="registration_one_live_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.session}"


class Attendance(models.Model):
    """Whether a student was at an event (taken by a facilitator or a coordinator)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    student = models.ForeignKey(
        "partnerships.Student", on_delete=models.CASCADE, related_name="attendance"
    )
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="attendance"
    )
    status = models.CharField(_("status"), max_length=16, choices=AttendanceStatus.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "student"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["event", "student"], name="attendance_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.student} @ {self.event}: {self.status}"
