"""Writes a demo plan into the database with update_or_create on natural keys, so loading the
same plan twice leaves the database as it was (no duplicates, the same values).

Passwords are set only when a person is created: one hash of the demo password, computed once
per run, serves everyone (hashing per person would take minutes)."""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from partnerships.demo import SUBJECTS, SUPERUSER, PartnershipSpec
from partnerships.demo.plan import Plan
from partnerships.glossary import OrganisationKind
from partnerships.models import (
    AcademicYear,
    Cluster,
    Organisation,
    Partnership,
    Person,
    PupilCount,
    Qualification,
    RoleAssignment,
    SchoolType,
    Section,
    Student,
    Subject,
)


def upsert_partnership(spec: PartnershipSpec) -> Partnership:
    partnership, _created = Partnership.objects.update_or_create(
        slug=spec.slug, defaults={"name": spec.name, "email": f"info@{spec.domain}"}
    )
    return partnership


def academic_years(plan: Plan) -> dict[int, AcademicYear]:
    return {
        year: AcademicYear.objects.get_or_create(start_year=year)[0]
        for year in sorted(plan.academic_years)
    }


def school_defaults(school, cluster) -> dict:
    return {
        "kind": OrganisationKind.SCHOOL,
        "short_name": school.short_name,
        "board": school.board,
        "city": school.city,
        "institute_level": "",
        "cluster": cluster,
        "email": f"info@{slugify(school.short_name)}.example",
    }


def institute_defaults(institute) -> dict:
    return {
        "kind": OrganisationKind.INSTITUTE,
        "short_name": institute.short_name,
        "city": institute.city,
        "institute_level": institute.level,
        "cluster": None,
    }


# Loaders of other apps, appended from their AppConfig.ready() (partnerships never imports
# them): seed_demo calls each as ``extension(partnership)`` after loading a demo partnership and
# prints the line it returns, if any. Each must be idempotent like the loader itself.
EXTENSIONS: list[Callable[[Partnership], str | None]] = []


class Loader:
    def __init__(self, plan: Plan, password_hash: str):
        self.plan = plan
        self.spec = plan.spec
        self.password_hash = password_hash

    @transaction.atomic
    def run(self) -> Partnership:
        self.partnership = p = upsert_partnership(self.spec)
        self.years = academic_years(self.plan)
        self.subjects = {
            code: Subject.objects.update_or_create(
                partnership=p, code=code, defaults={"name": name, "is_tekortvak": short}
            )[0]
            for code, name, short in SUBJECTS
        }
        self.organisations()
        self.persons = {email: self.person(row) for email, row in self.plan.persons.items()}
        self.sections()
        self.roles()
        self.qualifications()
        self.students()
        return p

    def organisations(self) -> None:
        p, types = self.partnership, {t.code: t for t in SchoolType.objects.all()}
        self.orgs = {}
        for school in self.spec.schools:
            cluster = None
            if school.cluster:
                cluster = Cluster.objects.get_or_create(
                    partnership=p, name=school.cluster, defaults={"acts_as_one_school": True}
                )[0]
            org = Organisation.objects.update_or_create(
                partnership=p, name=school.name, defaults=school_defaults(school, cluster)
            )[0]
            org.school_types.set([types[code] for code in school.types])
            for back, pupils in enumerate(school.pupils):
                PupilCount.objects.update_or_create(
                    organisation=org,
                    academic_year=self.years[self.plan.start_year - back],
                    defaults={"pupils": pupils},
                )
            self.orgs[school.name] = org
        for institute in self.spec.institutes:
            self.orgs[institute.name] = Organisation.objects.update_or_create(
                partnership=p, name=institute.name, defaults=institute_defaults(institute)
            )[0]

    def person(self, row) -> Person:
        fields = {
            "first_name": row.first_name,
            "tussenvoegsel": row.tussenvoegsel,
            "last_name": row.last_name,
            "teaching_since": row.teaching_since,
        }
        return Person.objects.update_or_create(
            email=row.email,
            defaults=fields,
            create_defaults={**fields, "password": self.password_hash},
        )[0]

    def sections(self) -> None:
        for row in self.plan.sections:
            Section.objects.update_or_create(
                school=self.orgs[row.school],
                subject=self.subjects[row.subject],
                defaults={
                    "takes_students": row.takes_students,
                    "contact": self.persons.get(row.contact),
                },
            )

    def roles(self) -> None:
        for row in self.plan.roles:
            RoleAssignment.objects.update_or_create(
                person=self.persons[row.email],
                partnership=self.partnership,
                role=row.role,
                organisation=self.orgs.get(row.org),
                subject=self.subjects.get(row.subject),
                defaults={"valid_from": row.valid_from, "valid_until": row.valid_until},
            )

    def qualifications(self) -> None:
        for row in self.plan.qualifications:
            Qualification.objects.update_or_create(
                person=self.persons[row.email],
                kind=row.kind,
                subject=self.subjects.get(row.subject),
                defaults={"status": row.status, "grade": row.grade, "obtained_on": row.obtained_on},
            )

    def students(self) -> None:
        admins = [login.email for login in self.spec.logins if login.slot == "administratief"]
        admin = self.persons.get(admins[0]) if admins else None
        override_at = timezone.make_aware(datetime.datetime(self.plan.start_year, 9, 15, 10, 0))
        for row in self.plan.students:
            overridden = bool(row.subsidy_category_override)
            Student.objects.update_or_create(
                partnership=self.partnership,
                person=self.persons[row.email],
                defaults=self.student_fields(row)
                | {
                    "override_by": admin if overridden else None,
                    "override_at": override_at if overridden else None,
                },
            )

    def student_fields(self, row) -> dict:
        person = self.persons.get
        return {
            "student_number": row.student_number,
            "institute": self.orgs[row.institute],
            "programme_variant": row.variant,
            "hbo_year": row.hbo_year,
            "wo_programme": row.wo_programme,
            "subject": self.subjects[row.subject],
            "grade": row.grade,
            "postcode": row.postcode,
            "learning_goals": row.learning_goals,
            "start_year": self.years[row.start_year],
            "is_active": row.is_active,
            "school": self.orgs.get(row.school),
            "werkplekbegeleider": person(row.werkplekbegeleider),
            "schoolopleider": person(row.schoolopleider),
            "instituutsopleider": person(row.instituutsopleider),
            "subsidy_category": row.subsidy_category,
            "facilitation_category": row.facilitation_category,
            "subsidy_category_override": row.subsidy_category_override,
            "override_reason": row.override_reason,
        }


def load_superuser(password_hash: str) -> Person:
    fields = {
        "first_name": SUPERUSER.first_name,
        "last_name": SUPERUSER.last_name,
        "is_staff": True,
        "is_superuser": True,
    }
    return Person.objects.update_or_create(
        email=SUPERUSER.email,
        defaults=fields,
        create_defaults={**fields, "password": password_hash},
    )[0]
