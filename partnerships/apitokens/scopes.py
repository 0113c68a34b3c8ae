"""The scopes a token can carry: one per kind of data and direction."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    PLACES_READ = "places:read", _("Read the published places")
    PERSONS_READ = "persons:read", _("Read the institute's students and their preferences")
    PERSONS_WRITE = "persons:write", _("Add and change the institute's students")
    PLACEMENTS_READ = "placements:read", _("Read placements and their statuses")
    PREFERENCES_WRITE = "preferences:write", _("Enter students' preferences")
