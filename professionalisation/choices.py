"""Professionalisation's vocabulary (002 §7, 003)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    WPB_BASIS = "wpb_basis", _("wpb training, basic")
    WPB_VERDIEPING = "wpb_verdieping", _("wpb training, deepening")
    REFRESHER = "refresher", _("refresher meeting")
    WEBINAR = "webinar", _("webinar")
    SCHOOLOPLEIDER_TRAINING = "schoolopleider_training", _("schoolopleider training")
    ASSESSOR_TRAINING = "assessor_training", _("assessor training")
    CALIBRATION = "calibration", _("calibration session")
    BRLO_TRACK = "brlo_track", _("BRLO registration track")
    INNOMO = "innomo", _("innomo")
    JOINT_WORK_SESSION = "joint_work_session", _("joint work session of working and steering group")
    CUSTOM = "custom", _("custom activity")


class Formality(models.TextChoices):
    BASIS = "basis", _("formal, basic")
    DEEPENING = "deepening", _("formal, deepening")
    INFORMAL = "informal", _("informal")


class RunStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    COMPLETED = "completed", _("completed")
    NOT_COMPLETED = "not_completed", _("not completed")
    CANCELLED = "cancelled", _("cancelled")
