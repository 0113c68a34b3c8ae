from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import InstituteLevel

# A place or placement is for hbo or wo students: the same two values as an institute's level.
Level = InstituteLevel


class OfferedLevel(models.TextChoices):
    """What a school offers a place for; 'either' is divided over hbo and wo by the coordinator."""

    HBO = "hbo", _("hbo")
    WO = "wo", _("wo")
    EITHER = "either", _("hbo or wo")


class Availability(models.TextChoices):
    YES = "yes", _("available")
    MAYBE = "maybe", _("maybe")


class ApprovalStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for approval")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published to the institutes")


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    INTERVIEW_PLANNED = "interview_planned", _("introductory interview planned")
    INTERVIEW_HELD = "interview_held", _("introductory interview held")
    CONFIRMED = "confirmed", _("confirmed")
    ACTIVE = "active", _("active")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


# Placements that take up a place (counted against capacity and quota).
HOLDING_STATUSES = frozenset(
    {
        PlacementStatus.CONFIRMED,
        PlacementStatus.ACTIVE,
        PlacementStatus.COMPLETED,
    }
)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    COMMITTED = "committed", _("committed as proposal")


class StepStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    SKIPPED = "skipped", _("not applicable")
