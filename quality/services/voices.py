"""Voices invited by e-mail address: the alumni register (with consent) and a round's e-mail
list. Every write is audited; addresses are stored in lower case."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from partnerships import audit
from partnerships.glossary import OrganisationKind
from partnerships.models import Organisation, Partnership, Person

from ..address_list import Problem, parse
from ..choices import Audience, RoundStatus
from ..models import AlumniContact, RoundAddress, SurveyRound


@transaction.atomic
def alumni_contact_save(
    *,
    partnership: Partnership,
    by: Person,
    email: str,
    consent_on: datetime.date,
    consent_source: str,
    name: str = "",
    institute: Organisation | None = None,
    contact: AlumniContact | None = None,
) -> AlumniContact:
    contact = contact or AlumniContact(partnership=partnership, created_by=by)
    if institute is not None and (
        institute.partnership_id != partnership.pk or institute.kind != OrganisationKind.INSTITUTE
    ):
        raise ValidationError({"institute": _("Choose one of this partnership's institutes.")})
    contact.email = email.strip().lower()
    contact.name = name.strip()
    contact.institute = institute
    contact.consent_on = consent_on
    contact.consent_source = consent_source
    contact.full_clean(exclude=["partnership", "created_by"], validate_unique=False)
    created = contact.pk is None
    try:
        with transaction.atomic():
            contact.save()
    except IntegrityError as exc:
        raise ValidationError({"email": _("This address is already in the alumni list.")}) from exc
    audit.record(
        person=by,
        action="alumni_contact_create" if created else "alumni_contact_update",
        obj=contact,
        partnership=partnership,
    )
    return contact


@transaction.atomic
def alumni_consent_withdraw(
    *, contact: AlumniContact, by: Person, today: datetime.date
) -> AlumniContact:
    """No invitations from today on; invitations already sent keep their link."""
    if contact.withdrawn_on is None:
        contact.withdrawn_on = today
        contact.save(update_fields=["withdrawn_on"])
        audit.record(
            person=by,
            action="alumni_consent_withdraw",
            obj=contact,
            partnership=contact.partnership,
        )
    return contact


def problem_text(problem: Problem) -> str:
    if problem.code == "email":
        return _("Row %(line)s: “%(value)s” is not an e-mail address.") % {
            "line": problem.line,
            "value": problem.value,
        }
    if problem.code == "duplicate":
        return _("Row %(line)s: %(value)s is already on row %(first)s.") % {
            "line": problem.line,
            "value": problem.value,
            "first": problem.first,
        }
    if problem.code == "school":
        return _("Row %(line)s: there is no school “%(value)s” in this partnership.") % {
            "line": problem.line,
            "value": problem.value,
        }
    return _("The list has %(n)s addresses; at most 2000 are possible.") % {"n": problem.value}


def school_names(partnership: Partnership) -> dict[str, int]:
    out: dict[str, int] = {}
    schools = Organisation.objects.filter(partnership=partnership, kind=OrganisationKind.SCHOOL)
    for pk, name, short in schools.values_list("pk", "name", "short_name"):
        out[name.lower()] = pk
        if short:
            out.setdefault(short.lower(), pk)
    return out


@transaction.atomic
def round_addresses_replace(*, round: SurveyRound, by: Person, text: str) -> int:
    """Replace the e-mail list of a scheduled ``email_list`` round with ``text`` — all rows or
    none: ValidationError listing every wrong row. Returns the number of addresses."""
    locked = SurveyRound.objects.select_for_update().get(pk=round.pk)
    if locked.audience != Audience.EMAIL_LIST:
        raise ValidationError(_("This round is not sent to an e-mail list."))
    if locked.status != RoundStatus.SCHEDULED:
        raise ValidationError(_("The e-mail list can only be changed before the round opens."))
    rows, problems = parse(text, school_names(round.partnership))
    if problems:
        raise ValidationError({"addresses": [problem_text(p) for p in problems]})
    if not rows:
        raise ValidationError({"addresses": _("The list holds no e-mail address.")})
    RoundAddress.objects.filter(round=locked).delete()
    RoundAddress.objects.bulk_create(
        [RoundAddress(round=locked, email=r.email, school_id=r.school_id) for r in rows]
    )
    audit.record(
        person=by,
        action="round_addresses_replace",
        obj=locked,
        partnership=round.partnership,
        addresses=len(rows),
    )
    return len(rows)
