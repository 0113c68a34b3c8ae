"""Fixtures for the partnerships tests: a small but complete ``world`` of two partnerships.

Partnership A has a cluster (school1 + school3), a lone school2, two institutes, a person for
every role of ``Role`` (school roles at school1, institute roles at institute1, partnership roles
without an organisation), three "other school" actors at school2 and three students:

* student1 at school1, institute1, guided by A's wpb, schoolopleider and instituutsopleider;
* student2 at school2, institute2, guided by the wpb of school2;
* student3 at school1, institute2, without any guide.

Partnership B has its own school, institute, stagecoördinator and student.

The world is built once per test module (``shared_world``), inside a transaction that is rolled
back at the end; each test's own writes are rolled back after the test as usual. ``world`` hands a
test its own copy of the Python objects, so tests that change and save them stay independent.
"""

import copy
import datetime
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from partnerships.glossary import (
    INSTITUTE_ROLES,
    PARTNERSHIP_ROLES,
    SCHOOL_ROLES,
    ProgrammeVariant,
    Role,
)
from partnerships.models import (
    Cluster,
    Organisation,
    Partnership,
    Person,
    Qualification,
    RoleAssignment,
    Section,
    Student,
    Subject,
)
from tests.conftest import FAST_HASHERS  # noqa: F401  (re-exported for other test modules)
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    PersonFactory,
    QualificationFactory,
    RoleFactory,
    SchoolFactory,
    SectionFactory,
    StudentFactory,
    SubjectFactory,
    academic_year,
)


@dataclass
class World:
    a: Partnership
    b: Partnership
    cluster: Cluster
    school1: Organisation
    school2: Organisation
    school3: Organisation
    institute: Organisation
    institute2: Organisation
    school_b: Organisation
    institute_b: Organisation
    subject: Subject
    subject2: Subject
    subject_b: Subject
    section1: Section
    section2: Section
    student1: Student
    student2: Student
    student3: Student
    student_b: Student
    qualification: Qualification
    qualification_b: Qualification
    # actor name -> person; actor names are Role values plus the extra actors below
    people: dict[str, Person] = field(default_factory=dict)
    # actor name -> that actor's role assignment in A (B's for "other_partnership")
    roles: dict[str, RoleAssignment] = field(default_factory=dict)

    def __getitem__(self, actor: str) -> Person:
        return self.people[actor]


OTHER_SCHOOL_ACTORS = {
    "schoolcoordinator_other_school": Role.SCHOOLCOORDINATOR,
    "schoolopleider_other_school": Role.SCHOOLOPLEIDER,
    "wpb_other_school": Role.WERKPLEKBEGELEIDER,
}


def _person(actor: str, **extra) -> Person:
    return PersonFactory(
        email=f"{actor.replace('_', '.')}@example.org",
        first_name=actor.split("_")[0].capitalize(),
        last_name=f"Van {actor.replace('_', ' ').title()}",
        **extra,
    )


def build_world() -> World:
    year = academic_year()
    a = PartnershipFactory(name="Opleidingsschool Alfa", slug="alfa")
    b = PartnershipFactory(name="Opleidingsschool Beta", slug="beta")
    cluster = Cluster.objects.create(partnership=a, name="Cluster Noord")
    school1 = SchoolFactory(partnership=a, name="Alfa College", cluster=cluster)
    school3 = SchoolFactory(partnership=a, name="Alfa Lyceum", cluster=cluster)
    school2 = SchoolFactory(partnership=a, name="Beekdal School")
    institute = InstituteFactory(partnership=a, name="Hogeschool Alfa", institute_level="hbo")
    institute2 = InstituteFactory(partnership=a, name="Universiteit Alfa", institute_level="wo")
    school_b = SchoolFactory(partnership=b, name="Beta School")
    institute_b = InstituteFactory(partnership=b, name="Hogeschool Beta")
    subject = SubjectFactory(partnership=a, name="Wiskunde", code="wi")
    subject2 = SubjectFactory(partnership=a, name="Engels", code="en")
    subject_b = SubjectFactory(partnership=b, name="Wiskunde", code="wi")
    section1 = SectionFactory(school=school1, subject=subject)
    section2 = SectionFactory(school=school2, subject=subject)

    people: dict[str, Person] = {}
    roles: dict[str, RoleAssignment] = {}
    for role in Role:
        if role in SCHOOL_ROLES:
            org = school1
        elif role in INSTITUTE_ROLES:
            org = institute
        else:
            assert role in PARTNERSHIP_ROLES
            org = None
        person = _person(role.value)
        people[role.value] = person
        roles[role.value] = RoleFactory(
            person=person,
            partnership=a,
            role=role,
            organisation=org,
            subject=subject if role == Role.WERKPLEKBEGELEIDER else None,
        )
    for actor, role in OTHER_SCHOOL_ACTORS.items():
        people[actor] = _person(actor)
        roles[actor] = RoleFactory(
            person=people[actor], partnership=a, role=role, organisation=school2
        )
    people["other_partnership"] = _person("other_partnership")
    roles["other_partnership"] = RoleFactory(
        person=people["other_partnership"], partnership=b, role=Role.STAGECOORDINATOR
    )
    people["wpb_b"] = _person("wpb_b")
    roles["wpb_b"] = RoleFactory(
        person=people["wpb_b"], partnership=b, role=Role.WERKPLEKBEGELEIDER, organisation=school_b
    )
    people["superuser"] = _person("superuser", is_superuser=True, is_staff=True)
    people["nobody"] = _person("nobody")

    student1 = StudentFactory(
        partnership=a,
        person=_person("student"),
        institute=institute,
        subject=subject,
        school=school1,
        werkplekbegeleider=people[Role.WERKPLEKBEGELEIDER],
        schoolopleider=people[Role.SCHOOLOPLEIDER],
        instituutsopleider=people[Role.INSTITUUTSOPLEIDER],
        start_year=year,
        student_number="S-0001",
    )
    people["student"] = student1.person
    student2 = StudentFactory(
        partnership=a,
        person=_person("student_two"),
        institute=institute2,
        programme_variant=ProgrammeVariant.WO_MASTER_60,
        hbo_year=None,
        subject=subject2,
        school=school2,
        werkplekbegeleider=people["wpb_other_school"],
        start_year=year,
    )
    student3 = StudentFactory(
        partnership=a,
        person=_person("student_three"),
        institute=institute2,
        programme_variant=ProgrammeVariant.WO_MASTER_120,
        hbo_year=None,
        subject=subject,
        school=school1,
        start_year=year,
    )
    student_b = StudentFactory(
        partnership=b,
        person=_person("student_b"),
        institute=institute_b,
        subject=subject_b,
        school=school_b,
        werkplekbegeleider=people["wpb_b"],
        start_year=year,
    )
    qualification = QualificationFactory(person=people[Role.WERKPLEKBEGELEIDER])
    qualification_b = QualificationFactory(
        person=people["wpb_b"], obtained_on=datetime.date(2021, 6, 1)
    )
    return World(
        a=a,
        b=b,
        cluster=cluster,
        school1=school1,
        school2=school2,
        school3=school3,
        institute=institute,
        institute2=institute2,
        school_b=school_b,
        institute_b=institute_b,
        subject=subject,
        subject2=subject2,
        subject_b=subject_b,
        section1=section1,
        section2=section2,
        student1=student1,
        student2=student2,
        student3=student3,
        student_b=student_b,
        qualification=qualification,
        qualification_b=qualification_b,
        people=people,
        roles=roles,
    )


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world, built once per module; tests must not change its objects in Python."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db) -> World:
    """This test's own copy of the world's objects (the rows are shared, writes roll back)."""
    return copy.deepcopy(shared_world)


def dutch(message: str) -> str:
    """The Dutch text a page shows for an English source string (from locale/nl)."""
    with translation.override("nl"):
        return gettext(message)


def shows(response, message: str) -> bool:
    """Whether the page shows ``message`` as translated into Dutch (HTML-escaped)."""
    return escape(dutch(message)) in response.content.decode()


def shows_dutch(response, message: str) -> bool:
    """Like ``shows``, and the catalogue really translates ``message`` (it is not left English)."""
    return dutch(message) != message and shows(response, message)
