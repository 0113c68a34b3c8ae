"""factory_boy factories for the partnerships app (the base every other app's tests use)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from partnerships.glossary import OrganisationKind, ProgrammeVariant, Role
from partnerships.models import (
    AcademicYear,
    Organisation,
    Partnership,
    Person,
    Qualification,
    RoleAssignment,
    Section,
    Student,
    Subject,
)

PASSWORD = "test-password-123"


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    kind = OrganisationKind.SCHOOL
    name = factory.Sequence(lambda n: f"School {n}")
    city = "Den Haag"


class InstituteFactory(SchoolFactory):
    kind = OrganisationKind.INSTITUTE
    name = factory.Sequence(lambda n: f"Institute {n}")
    institute_level = "hbo"


class SubjectFactory(DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ("partnership", "code")

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Subject {n}")
    code = factory.Sequence(lambda n: f"subj{n}")


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section

    school = factory.SubFactory(SchoolFactory)
    subject = factory.SubFactory(
        SubjectFactory, partnership=factory.SelfAttribute("..school.partnership")
    )


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    teaching_since = 2015


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(PersonFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.STAGECOORDINATOR
    organisation = None


class QualificationFactory(DjangoModelFactory):
    class Meta:
        model = Qualification

    person = factory.SubFactory(PersonFactory)
    kind = "wpb_basis"
    status = "completed"
    obtained_on = datetime.date(2022, 6, 1)


def academic_year(start_year: int | None = None) -> AcademicYear:
    start_year = start_year or AcademicYear.start_year_for(datetime.date.today())
    return AcademicYear.objects.get_or_create(start_year=start_year)[0]


class StudentFactory(DjangoModelFactory):
    class Meta:
        model = Student

    partnership = factory.SubFactory(PartnershipFactory)
    person = factory.SubFactory(PersonFactory)
    institute = factory.SubFactory(
        InstituteFactory, partnership=factory.SelfAttribute("..partnership")
    )
    programme_variant = ProgrammeVariant.HBO_BACHELOR_VOLTIJD
    hbo_year = 2
    subject = factory.SubFactory(SubjectFactory, partnership=factory.SelfAttribute("..partnership"))
    start_year = factory.LazyFunction(academic_year)
