"""Finding the partnership's organisations and subjects by what a file calls them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Organisation, Partnership, Subject
from .base import name_lookup


class Directory:
    """The partnership's organisations (by name or short name) and subjects (by name or code),
    loaded once for a whole file."""

    def __init__(self, partnership: Partnership):
        self.organisations = list(partnership.organisations.order_by("name"))
        self.names = name_lookup((o.name, o) for o in self.organisations)
        self.short_names = name_lookup((o.short_name, o) for o in self.organisations)
        self.subjects = list(partnership.subjects.order_by("name"))
        self.subject_names = name_lookup(
            [(s.name, s) for s in self.subjects] + [(s.code, s) for s in self.subjects]
        )

    def organisation(self, value) -> Organisation:
        found = self.names.matches(value) or self.short_names.matches(value)
        if len(found) > 1:
            raise ValidationError(
                _("Several organisations have this short name; use the full name.")
            )
        if not found:
            raise ValidationError(_("There is no organisation with this name in this partnership."))
        return found[0]

    def subject(self, value) -> Subject:
        found = self.subject_names.matches(value)
        if not found:
            raise ValidationError(
                _("There is no subject with this name or code in this partnership.")
            )
        return found[0]

    def example_organisation(self, kind: str, fallback: str) -> str:
        """The first organisation of this kind, so a template's example row fits this
        partnership."""
        return next((o.name for o in self.organisations if o.kind == kind), fallback)

    def example_subject(self, fallback: str) -> str:
        return self.subjects[0].name if self.subjects else fallback
