"""The training programme's vocabulary (002 §4, Bijlage 1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    START_MEETING = "start_meeting", _("start meeting")
    PRACTICE_DAY = "practice_day", _("practice day")
    INNOMO = "innomo", _("innomo (innovation meeting)")
    GUIDANCE_DAY = "guidance_day", _("guidance day at school")
    ASSESSMENT_DAY = "assessment_day", _("assessment day (CGI)")
    CLOSING_MEETING = "closing_meeting", _("closing meeting")
    WEBINAR = "webinar", _("webinar")


class Line(models.TextChoices):
    """The three lines of the practice days."""

    BASIS = "basis", _("basis")
    PUPIL_IN_VIEW = "pupil_in_view", _("the pupil in view")
    DEEPENING = "deepening", _("deepening")


class SessionKind(models.TextChoices):
    """What a session is, for the co-docent hours (the surcharge factor differs)."""

    WORKSHOP = "workshop", _("workshop or lecture")
    INTERVISION = "intervision", _("intervision")
    WORK_MEETING = "work_meeting", _("work meeting")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    ABSENT_EXCUSED = "absent_excused", _("absent with a reason")
    ABSENT = "absent", _("absent without a reason")


class PackageKind(models.TextChoices):
    HBO_YEAR_1 = "hbo_year_1", _("hbo year 1 programme")
    WPB_TRAINING = "wpb_training", _("wpb training")


class TravelRule(models.TextChoices):
    """How co-docent travel counts (002 §6.5 "per bijeenkomst: 1 uur reistijd"); a norm per
    partnership. The values are also the pure module's (programme/codocent_hours.py)."""

    PER_MEETING = "per_meeting", _("per meeting")
    PER_EVENT_DAY = "per_event_day", _("once per event day")
