"""The small partnership of the placement-year journey (``test_placement_year.py``).

Three schools with pupil counts 1000/600/400 (a quota of 20 gives 10/6/4), an hbo and a wo
institute, mathematics and German (a tekortvak), a schoolcoördinator at Segbroek College, a
steering group member and a programme manager. Zandvliet College and Dalton Voorburg have
declared their places already; Segbroek's are filled in through the browser.

Students: Sanne (hbo year 2, placed at Zandvliet last year — her first preference in the journey,
which rotation forbids), Daan (hbo year 2, at Segbroek last year), Fleur (hbo part-time year 3,
German), Lotte (hbo year 1), Joost (wo master 120), Noor (wo master 60, German) and Emma
(educational minor at Dalton, which has no wo mathematics place: she stays unplaced)."""

from dataclasses import dataclass

from django.utils import timezone

from partnerships.glossary import ProgrammeVariant as V
from partnerships.glossary import Role
from partnerships.models import (
    AcademicYear,
    Organisation,
    Partnership,
    Person,
    PupilCount,
    SchoolType,
    Student,
    Subject,
)
from placements import selectors
from placements.models import Placement, SchoolCapacity
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    SectionFactory,
    StudentFactory,
    SubjectFactory,
)
from tests.placements.factories import CapacityLineFactory

# The seeded school types (a transactional test before this one may have flushed them).
SCHOOL_TYPES = {
    "vmbo-t": ("vmbo-t (theoretisch)", True, False),
    "havo": ("havo", False, True),
    "vwo": ("vwo", False, True),
}


@dataclass
class PlacementYear:
    partnership: Partnership
    year: AcademicYear
    coordinator: Person
    steering: Person
    programme_manager: Person
    school_coordinator: Person
    schools: list[Organisation]  # Segbroek, Zandvliet, Dalton
    maths: Subject
    german: Subject
    students: dict[str, Student]

    @property
    def school(self) -> Organisation:
        """The schoolcoördinator's school."""
        return self.schools[0]

    @property
    def sanne(self) -> Student:
        return self.students["Sanne"]

    @property
    def previous_school(self) -> Organisation:
        return self.schools[1]

    @property
    def free_school(self) -> Organisation:
        return self.schools[2]


def _types(*codes: str) -> list[SchoolType]:
    return [
        SchoolType.objects.get_or_create(
            code=code,
            defaults=dict(zip(("name", "is_vmbo", "is_havo_vwo"), SCHOOL_TYPES[code], strict=True)),
        )[0]
        for code in codes
    ]


def _person(first: str, last: str, email: str) -> Person:
    return PersonFactory(email=email, first_name=first, last_name=last)


def _declare(school, year, subject, stage, level, places) -> None:
    capacity = SchoolCapacity.objects.get_or_create(
        school=school, academic_year=year, defaults={"answered_at": timezone.now()}
    )[0]
    CapacityLineFactory(capacity=capacity, subject=subject, stage=stage, level=level, places=places)


def build_year() -> PlacementYear:
    year = selectors.planning_year()
    previous = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)[0]
    p = PartnershipFactory(name="Opleidingsschool Haaglanden", slug="haaglanden")
    maths = SubjectFactory(partnership=p, name="Wiskunde", code="wi")
    german = SubjectFactory(partnership=p, name="Duits", code="du", is_tekortvak=True)
    schools = []
    for name, pupils, types, subjects in (
        ("Segbroek College", 1000, ("havo", "vwo"), (maths, german)),
        ("Zandvliet College", 600, ("vmbo-t",), (maths,)),
        ("Dalton Voorburg", 400, ("vmbo-t", "havo"), (maths, german)),
    ):
        school = SchoolFactory(partnership=p, name=name)
        school.school_types.set(_types(*types))
        PupilCount.objects.create(organisation=school, academic_year=year, pupils=pupils)
        for subject in subjects:
            SectionFactory(school=school, subject=subject)
        schools.append(school)
    segbroek, zandvliet, dalton = schools
    for school, subject, stage, level, places in (
        (zandvliet, maths, "onderbouw", "hbo", 2),
        (zandvliet, maths, "bovenbouw", "wo", 1),
        (dalton, maths, "onderbouw", "hbo", 2),
        (dalton, german, "bovenbouw", "hbo", 1),
        (dalton, german, "bovenbouw", "wo", 1),
    ):
        _declare(school, year, subject, stage, level, places)

    hbo = InstituteFactory(partnership=p, name="Haagse Hogeschool", institute_level="hbo")
    wo = InstituteFactory(partnership=p, name="Universiteit Leiden", institute_level="wo")
    people = {}
    for key, first, last, role, organisation in (
        ("coordinator", "Anne", "de Vries", Role.STAGECOORDINATOR, None),
        ("steering", "Bram", "Hendriks", Role.STUURGROEPLID, None),
        ("manager", "Carla", "Peeters", Role.PROGRAMMAMANAGER, None),
        ("school", "Dirk", "Vermeulen", Role.SCHOOLCOORDINATOR, segbroek),
    ):
        people[key] = _person(first, last, f"{key}@example.org")
        RoleFactory(person=people[key], partnership=p, role=role, organisation=organisation)

    students = {}
    for first, last, institute, variant, hbo_year, subject, school, before in (
        ("Sanne", "Jansen", hbo, V.HBO_BACHELOR_VOLTIJD, 2, maths, zandvliet, zandvliet),
        ("Daan", "de Wit", hbo, V.HBO_BACHELOR_VOLTIJD, 2, maths, segbroek, segbroek),
        ("Fleur", "Bakker", hbo, V.HBO_BACHELOR_DEELTIJD, 3, german, segbroek, segbroek),
        ("Lotte", "Bos", hbo, V.HBO_BACHELOR_VOLTIJD, 1, maths, None, None),
        ("Joost", "Visser", wo, V.WO_MASTER_120, None, maths, None, None),
        ("Noor", "Smit", wo, V.WO_MASTER_60, None, german, None, None),
        ("Emma", "Mulder", wo, V.EDUCATIEVE_MINOR, None, maths, dalton, None),
    ):
        student = StudentFactory(
            partnership=p,
            person=_person(first, last, f"{first.lower()}@example.org"),
            institute=institute,
            programme_variant=variant,
            hbo_year=hbo_year,
            subject=subject,
            school=school,
        )
        if before is not None:
            Placement.objects.create(
                student=student,
                academic_year=previous,
                school=before,
                subject=subject,
                stage="onderbouw",
                level="hbo",
                start="september",
                status="completed",
            )
        students[first] = student
    return PlacementYear(
        partnership=p,
        year=year,
        coordinator=people["coordinator"],
        steering=people["steering"],
        programme_manager=people["manager"],
        school_coordinator=people["school"],
        schools=schools,
        maths=maths,
        german=german,
        students=students,
    )
