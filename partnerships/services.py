"""Writes for the partnerships app: plain functions, keyword arguments, one transaction each."""

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import (
    Cluster,
    Organisation,
    Person,
    PupilCount,
    Qualification,
    RoleAssignment,
    Section,
    Student,
)


def _save(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def organisation_save(
    *,
    organisation: Organisation,
    school_types=None,
    new_cluster: str = "",
    cluster_acts_as_one_school: bool | None = None,
) -> Organisation:
    """Save an organisation; ``new_cluster`` creates (or finds) a cluster by name, and
    ``cluster_acts_as_one_school`` sets that property of the school's cluster (002 footnote 1:
    a cluster gets the hours per school for coordination once)."""
    if new_cluster.strip():
        organisation.cluster, _created = Cluster.objects.get_or_create(
            partnership=organisation.partnership, name=new_cluster.strip()
        )
    _save(organisation)
    cluster = organisation.cluster
    if cluster is not None and cluster_acts_as_one_school is not None:
        if cluster.acts_as_one_school != cluster_acts_as_one_school:
            cluster.acts_as_one_school = cluster_acts_as_one_school
            _save(cluster)
    if school_types is not None:
        organisation.school_types.set(school_types if organisation.is_school else [])
    return organisation


@transaction.atomic
def school_profile_save(*, school: Organisation, by: Person, **fields) -> Organisation:
    """Save the profile students read when they choose a school (002 §3.1 voorlichting):
    the profile text, the contact, the address. Only these fields change."""
    allowed = {"profile_text", "contact_name", "contact_email", "address", "postcode", "city"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    if not school.is_school:
        raise ValueError("only schools have a profile")
    _save(school, **fields)
    audit.record(
        person=by,
        action="school_profile_save",
        obj=school,
        partnership=school.partnership,
        fields=sorted(fields),
    )
    return school


@transaction.atomic
def section_save(*, section: Section) -> Section:
    return _save(section)


@transaction.atomic
def pupil_count_save(*, pupil_count: PupilCount) -> PupilCount:
    return _save(pupil_count)


@transaction.atomic
def person_save(*, person: Person) -> Person:
    if not person.pk:
        person.set_unusable_password()
    return _save(person)


def person_is_shared(*, person: Person, partnership) -> bool:
    """An account that is also used outside this partnership (or by a platform administrator):
    one partnership must not change its e-mail address or switch it off for everyone."""
    if not person.pk:
        return False
    if person.is_staff or person.is_superuser:
        return True
    elsewhere = person.roles.exclude(partnership=partnership).exists()
    return elsewhere or person.student_records.exclude(partnership=partnership).exists()


@transaction.atomic
def person_create_with_role(*, person: Person, assignment: RoleAssignment) -> Person:
    """A new person arrives with their first role, so the partnership can see them at once.
    An e-mail address that already has an account links that account (never renames it)."""
    existing = Person.objects.filter(email__iexact=person.email).first()
    person = person_save(person=person) if existing is None else existing
    assignment.person = person
    role_assignment_save(assignment=assignment)
    return person


@transaction.atomic
def role_assignment_save(*, assignment: RoleAssignment) -> RoleAssignment:
    return _save(assignment)


@transaction.atomic
def role_assignment_end(*, assignment: RoleAssignment, on=None) -> RoleAssignment:
    on = on or timezone.localdate()
    if assignment.valid_until is not None and assignment.valid_until <= on:
        return assignment  # already ended: ending it again must not extend it
    return _save(assignment, valid_until=on)


@transaction.atomic
def qualification_save(*, qualification: Qualification) -> Qualification:
    return _save(qualification)


@transaction.atomic
def student_override_categories(
    *, student: Student, subsidy: str, facilitation: str, reason: str, by: Person
) -> Student:
    """Set (or clear, with empty values) an administrator's override of the derived categories."""
    overridden = bool(subsidy or facilitation)
    return _save(
        student,
        subsidy_category_override=subsidy,
        facilitation_category_override=facilitation,
        override_reason=reason if overridden else "",
        override_by=by if overridden else None,
        override_at=timezone.now() if overridden else None,
    )


@transaction.atomic
def student_save_with_person(*, student: Student, person_fields: dict) -> Student:
    """Create or update a student together with their person (found by e-mail, or new)."""
    email = person_fields["email"].lower()
    if student.person_id:
        person = student.person
        if person_is_shared(person=person, partnership=student.partnership):
            person_fields = {k: v for k, v in person_fields.items() if k != "email"}
    else:
        person = Person.objects.filter(email__iexact=email).first()
        if person is not None:
            # An existing account (perhaps of another partnership) is linked, never renamed.
            student.person = person
            return _save(student)
        person = Person(email=email)
    for name, value in person_fields.items():
        setattr(person, name, value)
    person_save(person=person)
    student.person = person
    return _save(student)
