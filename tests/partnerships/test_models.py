"""Model validation (the rules in ``clean`` and the database constraints) and academic years."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.glossary import ProgrammeVariant, Role, Start
from partnerships.models import (
    AcademicYear,
    Organisation,
    Period,
    Person,
    Qualification,
    RoleAssignment,
    Section,
    Subject,
)
from tests.factories import (
    InstituteFactory,
    PersonFactory,
    SchoolFactory,
    StudentFactory,
)
from tests.partnerships.conftest import dutch

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict:
    """The ``full_clean`` errors by field, ``{}`` when valid."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        return exc.message_dict
    return {}


# --- RoleAssignment -----------------------------------------------------------------------------
def _role(world, role, organisation=None, **extra) -> RoleAssignment:
    return RoleAssignment(
        person=world["nobody"], partnership=world.a, role=role, organisation=organisation, **extra
    )


@pytest.mark.parametrize("role", [Role.WERKPLEKBEGELEIDER, Role.SCHOOLCOORDINATOR, Role.ASSESSOR])
def test_school_role_needs_a_school(world, role):
    assert errors_of(_role(world, role, world.school1)) == {}
    assert "organisation" in errors_of(_role(world, role))
    assert "organisation" in errors_of(_role(world, role, world.institute))


@pytest.mark.parametrize("role", [Role.INSTITUUTSOPLEIDER, Role.INSTITUUTSCOORDINATOR])
def test_institute_role_needs_an_institute(world, role):
    assert errors_of(_role(world, role, world.institute)) == {}
    assert "organisation" in errors_of(_role(world, role))
    assert "organisation" in errors_of(_role(world, role, world.school1))


@pytest.mark.parametrize("role", [Role.STAGECOORDINATOR, Role.STUURGROEPLID])
def test_partnership_role_has_no_organisation(world, role):
    assert errors_of(_role(world, role)) == {}
    assert errors_of(_role(world, role, world.school1))["organisation"] == [
        dutch("This role is held for the partnership as a whole.")
    ]


def test_role_at_another_partnerships_organisation_is_rejected(world):
    errors = errors_of(_role(world, Role.WERKPLEKBEGELEIDER, world.school_b))
    assert errors["organisation"] == [dutch("The organisation belongs to another partnership.")]


def test_role_subject_rules(world):
    wpb = _role(world, Role.WERKPLEKBEGELEIDER, world.school1, subject=world.subject)
    assert errors_of(wpb) == {}
    coordinator = _role(world, Role.SCHOOLCOORDINATOR, world.school1, subject=world.subject)
    assert "subject" in errors_of(coordinator)
    foreign = _role(world, Role.WERKPLEKBEGELEIDER, world.school1, subject=world.subject_b)
    assert "subject" in errors_of(foreign)


def test_role_dates_in_order(world):
    day = datetime.date(2025, 9, 1)
    same_day = _role(world, Role.STAGECOORDINATOR, valid_from=day, valid_until=day)
    assert errors_of(same_day) == {}
    reversed_dates = _role(
        world, Role.STAGECOORDINATOR, valid_from=day, valid_until=day - datetime.timedelta(days=1)
    )
    assert "valid_until" in errors_of(reversed_dates)
    with transaction.atomic(), pytest.raises(IntegrityError):
        reversed_dates.save()


def test_role_is_active_on(world):
    role = _role(
        world,
        Role.STAGECOORDINATOR,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2025, 12, 31),
    )
    assert role.is_active_on(datetime.date(2025, 1, 1))
    assert role.is_active_on(datetime.date(2025, 12, 31))
    assert not role.is_active_on(datetime.date(2024, 12, 31))
    assert not role.is_active_on(datetime.date(2026, 1, 1))


def test_active_role_assignments_skip_inactive_people(world):
    person = world["stagecoordinator"]
    assert RoleAssignment.objects.active().filter(person=person).exists()
    person.is_active = False
    person.save()
    assert not RoleAssignment.objects.active().filter(person=person).exists()


# --- Qualification ------------------------------------------------------------------------------
def _qualification(world, **fields) -> Qualification:
    fields = {"kind": "wpb_basis", "status": "completed", "obtained_on": datetime.date(2024, 1, 1)}
    return Qualification(person=world["nobody"], **fields)


def test_teaching_qualification_needs_subject_and_grade(world):
    base = {"person": world["nobody"], "kind": "teaching", "obtained_on": datetime.date(2020, 6, 1)}
    assert "subject" in errors_of(Qualification(**base))
    assert "subject" in errors_of(Qualification(**base, subject=world.subject))
    assert "subject" in errors_of(Qualification(**base, grade="1"))
    assert errors_of(Qualification(**base, subject=world.subject, grade="1")) == {}


def test_other_qualifications_have_no_subject(world):
    q = Qualification(
        person=world["nobody"],
        kind="wpb_basis",
        obtained_on=datetime.date(2020, 6, 1),
        subject=world.subject,
        grade="2",
    )
    assert "subject" in errors_of(q)


def test_qualification_dates(world):
    completed = Qualification(person=world["nobody"], kind="brlo", status="completed")
    assert "obtained_on" in errors_of(completed)
    planned = Qualification(person=world["nobody"], kind="brlo", status="planned")
    assert errors_of(planned) == {}
    backwards = Qualification(
        person=world["nobody"],
        kind="brlo",
        obtained_on=datetime.date(2024, 1, 1),
        valid_until=datetime.date(2023, 1, 1),
    )
    assert "valid_until" in errors_of(backwards)


# --- Student ------------------------------------------------------------------------------------
def _student(world, **fields):
    defaults = {
        "partnership": world.a,
        "institute": world.institute,
        "subject": world.subject,
        "programme_variant": ProgrammeVariant.HBO_BACHELOR_VOLTIJD,
        "hbo_year": 2,
        "person": world["nobody"],
    }
    return StudentFactory.build(**(defaults | fields), start_year=AcademicYear.current())


@pytest.mark.parametrize(
    "variant", [ProgrammeVariant.HBO_BACHELOR_VOLTIJD, "hbo_bachelor_deeltijd"]
)
def test_hbo_bachelor_needs_a_year(world, variant):
    assert errors_of(_student(world, programme_variant=variant, hbo_year=3)) == {}
    assert "hbo_year" in errors_of(_student(world, programme_variant=variant, hbo_year=None))


@pytest.mark.parametrize(
    "variant",
    [v for v in ProgrammeVariant if not v.startswith("hbo_bachelor")],
)
def test_only_hbo_bachelor_students_have_a_year(world, variant):
    assert errors_of(_student(world, programme_variant=variant, hbo_year=None)) == {}
    assert "hbo_year" in errors_of(_student(world, programme_variant=variant, hbo_year=2))


def test_hbo_year_is_one_to_four(world):
    assert "hbo_year" not in errors_of(_student(world, hbo_year=4))
    assert errors_of(_student(world, hbo_year=5))  # the database constraint, as a form error
    with transaction.atomic(), pytest.raises(IntegrityError):
        _student(world, hbo_year=5).save()


def test_student_organisations_and_subject_belong_to_the_partnership(world):
    assert "institute" in errors_of(_student(world, institute=world.school1))
    assert "institute" in errors_of(_student(world, institute=world.institute_b))
    assert "school" in errors_of(_student(world, school=world.institute))
    assert "subject" in errors_of(_student(world, subject=world.subject_b))


def test_student_once_per_partnership(world):
    with transaction.atomic(), pytest.raises(IntegrityError):
        StudentFactory(partnership=world.a, person=world.student1.person, institute=world.institute)


# --- Organisation, Section, Person --------------------------------------------------------------
def test_institute_needs_a_level(world):
    institute = Organisation(partnership=world.a, kind="institute", name="Nieuwe Hogeschool")
    assert "institute_level" in errors_of(institute)
    institute.institute_level = "wo"
    assert errors_of(institute) == {}


def test_school_loses_an_institute_level(world):
    school = Organisation(partnership=world.a, kind="school", name="Nieuw", institute_level="hbo")
    assert errors_of(school) == {}
    assert school.institute_level == ""


def test_organisation_level_constraints_in_the_database(world):
    with transaction.atomic(), pytest.raises(IntegrityError):
        InstituteFactory(partnership=world.a, institute_level="")
    with transaction.atomic(), pytest.raises(IntegrityError):
        SchoolFactory(partnership=world.a, institute_level="hbo")


def test_cluster_rules(world):
    institute = Organisation(
        partnership=world.a,
        kind="institute",
        name="X",
        institute_level="hbo",
        cluster=world.cluster,
    )
    assert "cluster" in errors_of(institute)
    foreign = Organisation(partnership=world.b, kind="school", name="Y", cluster=world.cluster)
    assert "cluster" in errors_of(foreign)


def test_organisation_names_are_unique_per_partnership(world):
    assert "__all__" in errors_of(
        Organisation(partnership=world.a, kind="school", name="Alfa College")
    )
    assert errors_of(Organisation(partnership=world.b, kind="school", name="Alfa College")) == {}


def test_section_rules(world):
    assert "school" in errors_of(Section(school=world.institute, subject=world.subject))
    assert "subject" in errors_of(Section(school=world.school1, subject=world.subject_b))
    assert errors_of(Section(school=world.school3, subject=world.subject)) == {}


def test_person_email_is_lowercased_and_unique(world):
    person = Person(email="Nieuw.Persoon@Example.ORG", first_name="N", last_name="P")
    person.set_unusable_password()
    assert errors_of(person) == {}
    assert person.email == "nieuw.persoon@example.org"
    created = Person.objects.create_user("Iemand@Example.org", "x", first_name="I", last_name="E")
    assert created.email == "iemand@example.org"
    assert Person.objects.get_by_natural_key("IEMAND@example.ORG") == created


def test_person_teaching_since_not_in_the_future(world):
    person = PersonFactory.build(
        email="x@example.org", teaching_since=datetime.date.today().year + 1
    )
    assert "teaching_since" in errors_of(person)
    person.teaching_since = 2010
    assert person.years_teaching(on=datetime.date(2025, 5, 1)) == 15


def test_subject_codes_unique_per_partnership(world):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Subject.objects.create(partnership=world.a, code="wi", name="Nog een wiskunde")


# --- AcademicYear and Period --------------------------------------------------------------------
def test_academic_year_dates_and_label(db):
    year = AcademicYear.objects.create(start_year=2030)
    assert (year.start_date, year.end_date) == (
        datetime.date(2030, 8, 1),
        datetime.date(2031, 7, 31),
    )
    assert year.label == str(year) == "2030-2031"
    assert year.start_date_for(Start.SEPTEMBER) == datetime.date(2030, 9, 1)
    assert year.start_date_for(Start.FEBRUARY) == datetime.date(2031, 2, 1)
    assert list(AcademicYear.objects.containing(datetime.date(2030, 8, 1))) == [year]
    assert list(AcademicYear.objects.containing(datetime.date(2031, 7, 31))) == [year]
    assert not AcademicYear.objects.containing(datetime.date(2031, 8, 1)).exists()


@pytest.mark.parametrize(
    ("label", "start"), [("2025-2026", 2025), (" 2024-2025 ", 2024), ("1999-2000", 1999)]
)
def test_parse_label(label, start):
    assert AcademicYear.parse_label(label) == start


@pytest.mark.parametrize("label", ["2025-2027", "2025", "2025/2026", "abcd-efgh", "", "2026-2025"])
def test_parse_label_rejects(label):
    with pytest.raises(ValueError):
        AcademicYear.parse_label(label)


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (datetime.date(2025, 7, 31), 2024),
        (datetime.date(2025, 8, 1), 2025),
        (datetime.date(2025, 12, 31), 2025),
        (datetime.date(2026, 1, 1), 2025),
    ],
)
def test_current_academic_year(db, day, start_year):
    assert AcademicYear.start_year_for(day) == start_year
    year = AcademicYear.current(today=day)
    assert year.start_year == start_year
    assert AcademicYear.current(today=day) == year  # found, not created again
    assert AcademicYear.objects.filter(start_year=start_year).count() == 1


def test_period_dates(db):
    year = AcademicYear.objects.create(start_year=2025)
    period = Period(
        academic_year=year,
        number=1,
        start_date=datetime.date(2025, 11, 1),
        end_date=datetime.date(2025, 9, 1),
    )
    assert "__all__" in errors_of(period)
    period.number = 5
    period.start_date = datetime.date(2025, 8, 1)
    assert errors_of(period)  # OP1–OP4 only
