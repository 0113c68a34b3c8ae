"""School profiles for students choosing a placement (002 §3.1 voorlichting): the school's own
text, contact and address (kept on the organisation, ``partnerships``) with the subject
sections that take students — from the year's capacity where the school declared it, else
from its sections marked "takes students"."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from partnerships.models import AcademicYear, Organisation, Partnership, Section
from placements.models import CapacityLine


@dataclass
class SectionOffer:
    subject: str
    lines: list[CapacityLine] = field(default_factory=list)


@dataclass
class SchoolProfile:
    school: Organisation
    sections: list[SectionOffer]
    from_capacity: bool


def profile_schools(*, partnership: Partnership) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(partnership=partnership, kind="school", is_active=True)
        .prefetch_related("school_types")
        .order_by("name")
    )


def school_profile(*, school: Organisation, year: AcademicYear) -> SchoolProfile:
    lines = list(
        CapacityLine.objects.filter(
            capacity__school=school, capacity__academic_year=year, places__gt=0
        ).select_related("subject")
    )
    offers: dict[str, SectionOffer] = {}
    for line in lines:
        offers.setdefault(line.subject.name, SectionOffer(line.subject.name)).lines.append(line)
    if not lines:
        sections = Section.objects.filter(school=school, takes_students=True).select_related(
            "subject"
        )
        for section in sections:
            offers.setdefault(section.subject.name, SectionOffer(section.subject.name))
    return SchoolProfile(
        school=school,
        sections=[offers[name] for name in sorted(offers)],
        from_capacity=bool(lines),
    )
