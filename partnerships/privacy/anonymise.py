"""Helpers the apps share when they make personal data anonymous or export it."""

from django.contrib.auth.hashers import make_password
from django.db.models import QuerySet
from django_otp import devices_for_user

from ..models import Person

ANONYMOUS_DOMAIN = "verwijderd.invalid"


def anonymous_email(pk: int) -> str:
    return f"verwijderd-{pk}@{ANONYMOUS_DOMAIN}"


def is_anonymous(person: Person) -> bool:
    return person.email.endswith("@" + ANONYMOUS_DOMAIN)


def person_anonymise(*, person: Person) -> bool:
    """Remove what identifies the person and close the account; the row stays so that counts,
    placements and history that refer to it survive. False when it was anonymous already."""
    if is_anonymous(person):
        return False
    Person.objects.filter(pk=person.pk).update(
        email=anonymous_email(person.pk),
        first_name="Verwijderd",
        tussenvoegsel="",
        last_name=f"#{person.pk}",
        phone="",
        teaching_since=None,
        password=make_password(None),
        is_active=False,
    )
    person.external_identities.all().delete()
    for device in devices_for_user(person, confirmed=None):
        device.delete()  # MFA: TOTP, backup codes
    return True


def plain(queryset: QuerySet, *, exclude: tuple[str, ...] = ()) -> list[dict]:
    """The rows with every stored column (foreign keys as ids), files left out: the JSON of the
    subject-access export. Binary columns go into the ZIP as files where they matter."""
    fields = [
        field.attname
        for field in queryset.model._meta.concrete_fields
        if field.attname not in exclude and field.get_internal_type() != "BinaryField"
    ]
    return list(queryset.values(*fields))
