"""The needs inventory: per school or institute per year, how many people of each relevant role
still need training, and on what."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.audit import record
from partnerships.glossary import OrganisationKind, Role
from partnerships.models import AcademicYear, Organisation, Person

from ..models import Need

NEED_ROLES = {
    OrganisationKind.SCHOOL: (
        Role.WERKPLEKBEGELEIDER,
        Role.SCHOOLOPLEIDER,
        Role.ASSESSOR,
        Role.CO_DOCENT,
    ),
    OrganisationKind.INSTITUTE: (Role.INSTITUUTSOPLEIDER, Role.INSTITUUTSASSESSOR),
}
MAX_COUNT = 500


def roles_for(organisation: Organisation) -> tuple[str, ...]:
    return NEED_ROLES.get(organisation.kind, ())


@transaction.atomic
def needs_save(
    *,
    organisation: Organisation,
    year: AcademicYear,
    rows: dict[str, tuple[int, str]],
    by: Person,
) -> list[Need]:
    """Store the organisation's needs for the year: ``rows`` maps a role to (count, content).
    A row with no count and no content is removed."""
    allowed = roles_for(organisation)
    errors = {}
    for role, (count, content) in rows.items():
        if role not in allowed:
            errors[role] = _("This role is not inventoried for this organisation.")
        elif count is None or not 0 <= count <= MAX_COUNT:
            errors[role] = _("Give a number from 0 to %(max)s.") % {"max": MAX_COUNT}
        elif content and not count:
            errors[role] = _("Say how many people need this training.")
    if errors:
        raise ValidationError(errors)
    kept = []
    existing = {
        n.role: n
        for n in Need.objects.select_for_update().filter(
            academic_year=year, organisation=organisation
        )
    }
    for role, (count, content) in rows.items():
        need = existing.get(role)
        if not count:
            if need:
                need.delete()
            continue
        need = need or Need(
            partnership=organisation.partnership,
            academic_year=year,
            organisation=organisation,
            role=role,
        )
        need.count = count
        need.content = content.strip()
        need.submitted_by = by
        need.full_clean()
        need.save()
        kept.append(need)
    record(
        person=by,
        action="needs",
        obj=organisation,
        partnership=organisation.partnership,
        year=year.label,
        needs={n.role: n.count for n in kept},
    )
    return kept
