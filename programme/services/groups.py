"""Writes for intervision groups, student pairs, co-docent norms and packages, and calendar
feed keys."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.audit import record
from partnerships.models import AcademicYear, Partnership, Person, Student

from .. import grouping
from ..models import CalendarFeed, CoDocentNorms, CoDocentPackage, IntervisionGroup, StudentPair
from ..selectors import groups as selectors


def _candidates(*, partnership, year: AcademicYear) -> list[grouping.Candidate]:
    previous = selectors.previous_partners(partnership=partnership, year=year)
    return [
        grouping.Candidate(
            id=s.pk,
            school=s.school_id,
            level=selectors.student_level(s),
            category=s.effective_subsidy_category,
            previous=frozenset(previous.get(s.pk, ())),
        )
        for s in selectors.eligible_students(partnership=partnership)
    ]


@transaction.atomic
def intervision_groups_generate(
    *, partnership: Partnership, year: AcademicYear, by: Person
) -> list[IntervisionGroup]:
    """Replace the year's groups by the rule's (seeded by the year: the same students give the
    same groups)."""
    candidates = _candidates(partnership=partnership, year=year)
    groups = grouping.intervision_groups(candidates, seed=year.start_year)
    removed, _detail = IntervisionGroup.objects.filter(
        partnership=partnership, academic_year=year
    ).delete()
    made = []
    numbers = {"hbo": 0, "wo": 0}
    for group in groups:
        numbers[group.level] += 1
        obj = IntervisionGroup(
            partnership=partnership,
            academic_year=year,
            level=group.level,
            name=f"{group.level} {numbers[group.level]}",
        )
        obj.full_clean()
        obj.save()
        obj.members.set(group.members)
        made.append(obj)
    record(
        person=by,
        action="generate_groups",
        partnership=partnership,
        year=year.label,
        groups=len(made),
        replaced=bool(removed),
    )
    return made


@transaction.atomic
def intervision_group_update(
    *,
    group: IntervisionGroup,
    name: str,
    supervisor: Person | None,
    members: list[Student],
    by: Person,
) -> IntervisionGroup:
    """Rename, set the supervisor and the members; a student added here leaves the group of the
    same year they were in (a student is in one group a year)."""
    group = IntervisionGroup.objects.select_for_update().get(pk=group.pk)
    wrong = [s for s in members if s.partnership_id != group.partnership_id]
    if wrong:
        raise ValidationError({"members": _("Choose students of this partnership.")})
    group.name = name
    group.supervisor = supervisor
    group.full_clean()
    group.save()
    ids = [s.pk for s in members]
    through = IntervisionGroup.members.through
    moved = through.objects.filter(
        intervisiongroup__partnership=group.partnership,
        intervisiongroup__academic_year=group.academic_year,
        student_id__in=ids,
    ).exclude(intervisiongroup=group)
    moved_count = moved.count()
    moved.delete()
    group.members.set(ids)
    record(
        person=by,
        action="update_group",
        obj=group,
        partnership=group.partnership,
        members=len(ids),
        moved_in=moved_count,
    )
    return group


@transaction.atomic
def student_pairs_generate(
    *, partnership: Partnership, year: AcademicYear, by: Person
) -> list[StudentPair]:
    candidates = _candidates(partnership=partnership, year=year)
    units = grouping.student_pairs(candidates, seed=year.start_year)
    StudentPair.objects.filter(partnership=partnership, academic_year=year).delete()
    pairs = []
    for unit in units:
        ids = list(unit) + [None] * (3 - len(unit))
        pair = StudentPair(
            partnership=partnership,
            academic_year=year,
            first_id=ids[0],
            second_id=ids[1],
            third_id=ids[2],
        )
        pairs.append(pair)
    StudentPair.objects.bulk_create(pairs)
    record(
        person=by,
        action="generate_pairs",
        partnership=partnership,
        year=year.label,
        pairs=len(pairs),
    )
    return pairs


def _pair_slot(pair: StudentPair, student_id: int) -> str | None:
    for slot in ("first", "second", "third"):
        if getattr(pair, f"{slot}_id") == student_id:
            return slot
    return None


def _check_schools(pair: StudentPair) -> None:
    members = [s for s in (pair.first, pair.second, pair.third) if s is not None]
    schools = [s.school_id for s in members]
    if len(set(schools)) < len(schools):
        names = ", ".join(str(s) for s in members)
        raise ValidationError(
            {
                "replacement": _(
                    "Two students of the same school would be paired (%(names)s). "
                    "A pair always joins students of different schools."
                )
                % {"names": names}
            }
        )


@transaction.atomic
def student_pair_change(
    *, pair: StudentPair, member: Student | None, replacement: Student, by: Person
) -> StudentPair:
    """Put ``replacement`` in the place of ``member`` (None: as a third member). If the
    replacement is in another pair of the year, the two trade places; if not, ``member`` is
    left without a pair. Refused when either pair would join two students of one school."""
    locked = StudentPair.objects.select_for_update(of=("self",)).filter(
        partnership=pair.partnership, academic_year=pair.academic_year
    )
    pairs = {p.pk: p for p in locked.select_related("first", "second", "third")}
    pair = pairs[pair.pk]
    if replacement.partnership_id != pair.partnership_id or replacement.school_id is None:
        raise ValidationError({"replacement": _("Choose a student of this partnership.")})
    slot = _pair_slot(pair, member.pk) if member is not None else "third"
    if slot is None or (member is None and pair.third_id is not None):
        raise ValidationError({"member": _("Choose a member of this pair.")})
    if _pair_slot(pair, replacement.pk):
        raise ValidationError({"replacement": _("This student is already in this pair.")})
    other = next((p for p in pairs.values() if _pair_slot(p, replacement.pk)), None)
    if other is not None:
        other_slot = _pair_slot(other, replacement.pk)
        if member is None and other.third_id is None:
            message = _("Taking %(student)s out would leave their pair with one student.")
            raise ValidationError({"replacement": message % {"student": replacement}})
        setattr(other, other_slot, member)
        if member is None:
            _close_gap(other)
    setattr(pair, slot, replacement)
    for changed in (pair, other):
        if changed is not None:
            _check_schools(changed)
            changed.full_clean()
            changed.save()
    record(
        person=by,
        action="update_pair",
        obj=pair,
        partnership=pair.partnership,
        member=member.pk if member else None,
        replacement=replacement.pk,
        swapped_with=other.pk if other else None,
    )
    return pair


def _close_gap(pair: StudentPair) -> None:
    members = [s for s in (pair.first, pair.second, pair.third) if s is not None]
    members += [None] * (3 - len(members))
    pair.first, pair.second, pair.third = members


@transaction.atomic
def codocent_norms_save(*, norms: CoDocentNorms, by: Person) -> CoDocentNorms:
    norms.full_clean()
    norms.save()
    record(person=by, action="update_codocent_norms", obj=norms, partnership=norms.partnership)
    return norms


@transaction.atomic
def codocent_package_add(
    *, partnership: Partnership, year: AcademicYear, person: Person, kind: str, by: Person
) -> CoDocentPackage:
    package = CoDocentPackage(partnership=partnership, academic_year=year, person=person, kind=kind)
    if CoDocentPackage.objects.filter(academic_year=year, person=person, kind=kind).exists():
        raise ValidationError({"person": _("This person already has this package this year.")})
    package.full_clean(validate_unique=False)
    package.save()
    record(person=by, action="add_codocent_package", obj=package, partnership=partnership)
    return package


@transaction.atomic
def codocent_package_remove(*, package: CoDocentPackage, by: Person) -> None:
    record(
        person=by,
        action="remove_codocent_package",
        obj=package,
        partnership=package.partnership,
        kind=package.kind,
    )
    package.delete()


def calendar_feed_for(*, person: Person) -> CalendarFeed:
    """The person's feed, made with a fresh key on first use."""
    feed = CalendarFeed.objects.filter(person=person).first()
    return feed or calendar_feed_renew(person=person)


@transaction.atomic
def calendar_feed_renew(*, person: Person) -> CalendarFeed:
    """A new secret key; the old link stops working at once."""
    feed, _created = CalendarFeed.objects.update_or_create(
        person=person, defaults={"key": secrets.token_urlsafe(32)}
    )
    record(person=person, action="renew_calendar_feed", obj=feed)
    return feed
