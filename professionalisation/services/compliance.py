"""Changing the partnership's requirement norms."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships import audit
from partnerships.models import Partnership, Person

from ..models import RequirementNorms

NORM_FIELDS = (
    "min_schoolopleiders",
    "min_brlo",
    "min_coordinators",
    "min_assessors",
    "min_certified_wpb_per_section",
    "min_teaching_years",
)


@transaction.atomic
def requirement_norms_update(*, partnership: Partnership, by: Person, **values) -> RequirementNorms:
    """Save the norms; the BRLO-registered are counted among the schoolopleiders, so there
    cannot be more of them."""
    norms, _created = RequirementNorms.objects.select_for_update().get_or_create(
        partnership=partnership
    )
    before = {name: getattr(norms, name) for name in NORM_FIELDS}
    for name, value in values.items():
        if name not in NORM_FIELDS:
            raise TypeError(name)
        setattr(norms, name, value)
    norms.full_clean()
    if norms.min_brlo > norms.min_schoolopleiders:
        raise ValidationError(
            {"min_brlo": _("There cannot be more BRLO-registered than schoolopleiders.")}
        )
    norms.save()
    changed = {
        n: [before[n], getattr(norms, n)] for n in NORM_FIELDS if before[n] != getattr(norms, n)
    }
    audit.record(
        person=by, action="requirement_norms", obj=norms, partnership=partnership, **changed
    )
    return norms
