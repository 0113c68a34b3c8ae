"""The benchmark partnership (slug ``bench``): the demo generator at scale, written with
bulk_create. ``seed_demo --scale N`` loads 4·N schools (five academic years of pupil counts,
about ten staff each) and 200·N students; N = 10 gives the 40 schools and 2,000 students the
benchmark in tests/benchmarks uses.

Loading is idempotent in effect: a bench partnership of the requested size is left alone; one of
another size is replaced (with its people, whose addresses all end in ``bench.example``)."""

import dataclasses
import random

from django.db import transaction

from partnerships.demo import (
    STUDENT_MIX,
    SUBJECTS,
    TU_DELFT,
    InstituteSpec,
    Login,
    PartnershipSpec,
    SchoolSpec,
)
from partnerships.demo.load import Loader, academic_years, institute_defaults, school_defaults
from partnerships.demo.plan import Plan, build_plan
from partnerships.demo.text import BENCH_CITIES, SCHOOL_NAME_KINDS, SCHOOL_NAME_PARTS
from partnerships.glossary import OrganisationKind
from partnerships.models import (
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

SLUG = "bench"
DOMAIN = "bench.example"
LOGIN = Login(
    "stagecoordinator", f"stagecoordinator@{DOMAIN}", "stagecoördinator (benchmark)", "Bea", "Bench"
)
# Who opens which page in the benchmark (tests/benchmarks/drive.py): one login per role.
LOGINS = (
    LOGIN,
    Login("programmamanager", f"programmamanager@{DOMAIN}", "programme manager", "Piet", "Bench"),
    Login("administratief", f"admin@{DOMAIN}", "administrator", "Anna", "Bench"),
    Login("stuurgroep", f"stuurgroep@{DOMAIN}", "steering group member", "Sjoerd", "Bench"),
    Login("student:0", f"student@{DOMAIN}", "student", "Stijn", "Bench"),
)
# Other apps add their rows to the bench partnership (placement years, transfer forms, …):
# callables (partnership, today) → a line for seed_demo's output or None; idempotent, like the
# demo's EXTENSIONS. Registered in the apps' ready().
EXTENSIONS: list = []
TYPE_SETS = (
    ("vmbo-b", "vmbo-k", "lwoo"),
    ("vmbo-b", "vmbo-k", "vmbo-gt", "mavo"),
    ("mavo", "havo", "vwo"),
    ("havo", "vwo", "gymnasium"),
    ("vmbo-gt", "havo"),
    ("gymnasium",),
)
INSTITUTES = (
    InstituteSpec(
        "Hogeschool Haaglanden, lerarenopleiding", "HHL", "hbo", "Den Haag", 10, "{:07d}"
    ),
    InstituteSpec("Hogeschool Zuid-Holland, lerarenopleiding", "HZH", "hbo", "Delft", 8, "{:07d}"),
    InstituteSpec("Universiteit Leiden, ICLON", "ICLON", "wo", "Leiden", 8, "s{:07d}"),
    dataclasses.replace(TU_DELFT, trainers=4),
)


def school_name(i: int) -> str:
    parts, kinds = SCHOOL_NAME_PARTS, SCHOOL_NAME_KINDS
    name = f"{parts[i % len(parts)]} {kinds[(i // len(parts)) % len(kinds)]}"
    round_ = i // (len(parts) * len(kinds))
    return f"{name} {round_ + 1}" if round_ else name


def bench_spec(scale: int) -> PartnershipSpec:
    rng = random.Random(4242)
    schools = []
    for i in range(4 * scale):
        name = school_name(i)
        current = rng.randint(350, 1900)
        pupils = tuple(round(current * (1 + 0.02 * k) * rng.uniform(0.97, 1.03)) for k in range(5))
        cluster = f"Cluster {name}" if i % 20 == 0 else ""  # every 20th school starts a cluster
        if i % 20 in (1, 2):
            cluster = f"Cluster {school_name(i - i % 20)}"
        schools.append(
            SchoolSpec(
                name=name,
                short_name=name,
                board=f"Stichting {name.split()[0]}",
                city=rng.choice(BENCH_CITIES),
                types=rng.choice(TYPE_SETS),
                pupils=pupils,
                cluster=cluster,
                coordinates_cluster=i % 20 == 0,
            )
        )
    return PartnershipSpec(
        slug=SLUG,
        name="Benchmark-opleidingsschool",
        domain=DOMAIN,
        seed=1000 + scale,
        schools=tuple(schools),
        institutes=INSTITUTES,
        students=200 * scale,
        mix=STUDENT_MIX,
        logins=LOGINS,
        wpb_per_school=5,
    )


class BulkLoader(Loader):
    """Writes a plan into an empty partnership with bulk_create (a few dozen queries)."""

    @transaction.atomic
    def run(self) -> Partnership:
        spec = self.spec
        self.partnership = p = Partnership.objects.create(
            slug=spec.slug, name=spec.name, email=f"info@{spec.domain}"
        )
        self.years = academic_years(self.plan)
        self.subjects = {
            s.code: s
            for s in Subject.objects.bulk_create(
                Subject(partnership=p, code=code, name=name, is_tekortvak=short)
                for code, name, short in SUBJECTS
            )
        }
        self.bulk_organisations()
        self.persons = {
            person.email: person
            for person in Person.objects.bulk_create(
                (
                    Person(password=self.password_hash, **dataclasses.asdict(row))
                    for row in self.plan.persons.values()
                ),
                batch_size=1000,
            )
        }
        self.bulk_rows()
        return p

    def bulk_organisations(self) -> None:
        p, spec = self.partnership, self.spec
        clusters = {
            name: Cluster.objects.create(partnership=p, name=name)
            for name in dict.fromkeys(s.cluster for s in spec.schools if s.cluster)
        }
        orgs = [
            Organisation(partnership=p, name=s.name, **school_defaults(s, clusters.get(s.cluster)))
            for s in spec.schools
        ]
        orgs += [
            Organisation(partnership=p, name=i.name, **institute_defaults(i))
            for i in spec.institutes
        ]
        self.orgs = {org.name: org for org in Organisation.objects.bulk_create(orgs)}
        types = {t.code: t.pk for t in SchoolType.objects.all()}
        through = Organisation.school_types.through
        through.objects.bulk_create(
            through(organisation_id=self.orgs[s.name].pk, schooltype_id=types[code])
            for s in spec.schools
            for code in s.types
        )
        PupilCount.objects.bulk_create(
            PupilCount(
                organisation=self.orgs[s.name],
                academic_year=self.years[self.plan.start_year - back],
                pupils=pupils,
            )
            for s in spec.schools
            for back, pupils in enumerate(s.pupils)
        )

    def bulk_rows(self) -> None:
        plan, persons, subjects = self.plan, self.persons, self.subjects
        Section.objects.bulk_create(
            Section(
                school=self.orgs[r.school],
                subject=subjects[r.subject],
                takes_students=r.takes_students,
                contact=persons.get(r.contact),
            )
            for r in plan.sections
        )
        RoleAssignment.objects.bulk_create(
            (
                RoleAssignment(
                    person=persons[r.email],
                    partnership=self.partnership,
                    role=r.role,
                    organisation=self.orgs.get(r.org),
                    subject=subjects.get(r.subject),
                    valid_from=r.valid_from,
                    valid_until=r.valid_until,
                )
                for r in plan.roles
            ),
            batch_size=1000,
        )
        Qualification.objects.bulk_create(
            (
                Qualification(
                    person=persons[r.email],
                    kind=r.kind,
                    status=r.status,
                    subject=subjects.get(r.subject),
                    grade=r.grade,
                    obtained_on=r.obtained_on,
                )
                for r in plan.qualifications
            ),
            batch_size=1000,
        )
        students = []
        for row in plan.students:
            student = Student(
                partnership=self.partnership, person=persons[row.email], **self.student_fields(row)
            )
            student.derive_categories()  # bulk_create does not call Student.save
            students.append(student)
        Student.objects.bulk_create(students, batch_size=1000)


def is_loaded(partnership: Partnership, plan: Plan) -> bool:
    schools = partnership.organisations.filter(kind=OrganisationKind.SCHOOL).count()
    logins = Person.objects.filter(email__in=[login.email for login in plan.spec.logins]).count()
    return (
        schools == len(plan.spec.schools)
        and partnership.students.count() == len(plan.students)
        and logins == len(plan.spec.logins)
    )


def load_bench(scale: int, password_hash: str, today=None) -> tuple[Partnership, bool]:
    """The bench partnership at ``scale``; True when it was (re)built."""
    plan = build_plan(bench_spec(scale), today)
    existing = Partnership.objects.filter(slug=SLUG).first()
    if existing and is_loaded(existing, plan):
        return existing, False
    with transaction.atomic():
        if existing:
            delete_partnership(existing)
        Person.objects.filter(email__endswith=DOMAIN).delete()
        return BulkLoader(plan, password_hash).run(), True


def delete_partnership(partnership: Partnership) -> None:
    """Deletes in the order the protected references (subjects, institutes) require."""
    Student.objects.filter(partnership=partnership).delete()
    RoleAssignment.objects.filter(partnership=partnership).delete()
    Section.objects.filter(school__partnership=partnership).delete()
    Qualification.objects.filter(subject__partnership=partnership).delete()
    partnership.delete()
