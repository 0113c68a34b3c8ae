"""A small partnership for the subsidy list tests: ten students, one per case.

Counted (default reference date 1 October 2026, year 2025-2026):
  a: Ann (45%), Bob (no share recorded: flagged) — both at Alfa College
  c: Cas — September at Alfa College, February at Beekdal School: once, at Beekdal
  e: Eva (15 EC) at Beekdal School;  f: Fay at Alfa College
Not counted: Dirk (b, 40% < 50%), Gus (override g), Hans (cancelled), Ina (proposed),
Jan (no category)."""

from dataclasses import dataclass, field
from decimal import Decimal

from partnerships.glossary import ProgrammeVariant as V
from partnerships.glossary import Role
from partnerships.models import Organisation, Partnership, Person, Student
from placements.models import Placement
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    StudentFactory,
    academic_year,
)

YEAR = 2025
LABEL = "2025-2026"


@dataclass
class SubsidyWorld:
    p: Partnership
    alfa: Organisation
    beekdal: Organisation
    hbo: Organisation
    wo: Organisation
    admin: Person
    manager: Person
    planner: Person  # stagecoördinator
    coordinator: Person  # schoolcoördinator at Alfa
    students: dict[str, Student] = field(default_factory=dict)
    placements: dict[str, Placement] = field(default_factory=dict)


def person_with(p, role, organisation=None, **names) -> Person:
    person = PersonFactory(**names)
    RoleFactory(person=person, partnership=p, role=role, organisation=organisation)
    return person


def add_student(w: SubsidyWorld, first: str, variant=V.HBO_BACHELOR_VOLTIJD, **extra) -> Student:
    institute = w.wo if variant in (V.WO_MASTER_60, V.WO_MASTER_120, V.EDUCATIEVE_MINOR) else w.hbo
    student = StudentFactory(
        partnership=w.p,
        person=PersonFactory(first_name=first, last_name="Test", tussenvoegsel=""),
        institute=institute,
        programme_variant=variant,
        hbo_year=2 if variant in (V.HBO_BACHELOR_VOLTIJD, V.HBO_BACHELOR_DEELTIJD) else None,
        start_year=academic_year(YEAR),
        student_number=f"S-{first}",
        **extra,
    )
    w.students[first] = student
    return student


def place(w: SubsidyWorld, student: Student, school, status="active", start="september", **extra):
    placement = Placement.objects.create(
        student=student,
        academic_year=academic_year(YEAR),
        school=school,
        subject=student.subject,
        stage="onderbouw",
        level=student.institute.institute_level,
        start=start,
        status=status,
        **extra,
    )
    w.placements.setdefault(student.person.first_name, placement)
    return placement


def build(slug="subsidy-test") -> SubsidyWorld:
    p = PartnershipFactory(slug=slug, name="Opleidingsschool Subsidie")
    alfa = SchoolFactory(partnership=p, name="Alfa College")
    w = SubsidyWorld(
        p=p,
        alfa=alfa,
        beekdal=SchoolFactory(partnership=p, name="Beekdal School"),
        hbo=InstituteFactory(partnership=p, name="Hogeschool", institute_level="hbo"),
        wo=InstituteFactory(partnership=p, name="Universiteit", institute_level="wo"),
        admin=person_with(p, Role.ADMINISTRATIEF_ONDERSTEUNER, first_name="Ada", last_name="Min"),
        manager=person_with(p, Role.PROGRAMMAMANAGER),
        planner=person_with(p, Role.STAGECOORDINATOR, first_name="Sta", last_name="Ge"),
        coordinator=person_with(p, Role.SCHOOLCOORDINATOR, alfa),
    )
    place(w, add_student(w, "Ann"), w.alfa, practice_percent=45)
    place(w, add_student(w, "Bob"), w.alfa)
    cas = add_student(w, "Cas", V.WO_MASTER_60)
    place(w, cas, w.alfa, "completed", practice_percent=20)
    place(w, cas, w.beekdal, "confirmed", "february")
    place(w, add_student(w, "Dirk", V.HBO_KOPOPLEIDING), w.beekdal, practice_percent=40)
    place(w, add_student(w, "Eva", V.EDUCATIEVE_MINOR), w.beekdal, practice_ec=Decimal(15))
    place(w, add_student(w, "Fay", V.ZIJ_INSTROMER), w.alfa)
    gus = add_student(w, "Gus", subsidy_category_override="g", override_reason="Benoemd als docent")
    place(w, gus, w.alfa, practice_percent=50)
    hans = add_student(w, "Hans")
    place(w, hans, w.alfa, "cancelled", cancel_reason="Gestopt met de opleiding")
    place(w, add_student(w, "Ina"), w.beekdal, "proposed", "february")
    jan = add_student(w, "Jan")
    Student.objects.filter(pk=jan.pk).update(subsidy_category="")  # e.g. an old import
    place(w, jan, w.alfa)
    return w
