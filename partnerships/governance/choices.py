from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    BESTUURSRAAD = "bestuursraad", _("board council")
    STUURGROEP = "stuurgroep", _("steering group")
    WERKGROEP = "werkgroep", _("working group samen opleiden")
    TIJDELIJK = "tijdelijk", _("temporary group")


# The customer's norms (002 §6.3): meetings per year.
DEFAULT_NORM = {
    BodyKind.BESTUURSRAAD: 2,
    BodyKind.STUURGROEP: 6,
    BodyKind.WERKGROEP: 6,
    BodyKind.TIJDELIJK: 0,
}


class Position(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    WRITTEN = "written", _("written procedure")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
