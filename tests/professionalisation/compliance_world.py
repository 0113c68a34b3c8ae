"""Helpers for the compliance tests: staff with roles and qualifications, runs to enrol in,
compliant schools, placements of this year."""

import datetime
import itertools

from django.utils import timezone

from partnerships.glossary import Role
from partnerships.models import Qualification
from placements.models import Placement
from professionalisation.models import Activity, Enrolment, Run
from tests.factories import (
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    SectionFactory,
    StudentFactory,
    academic_year,
)

_n = itertools.count(1)


def qualify(person, kind, status="completed"):
    return Qualification.objects.create(
        person=person,
        kind=kind,
        status=status,
        obtained_on=datetime.date(2020, 6, 1) if status == "completed" else None,
    )


def staff(partnership, school, role, *, subject=None, since=2010, quals=(), name=None):
    """A person holding ``role`` at ``school`` with completed qualifications ``quals``."""
    n = next(_n)
    person = PersonFactory(
        email=f"staff{n}@compliance.example.org",
        first_name=name or f"Staff{n}",
        last_name=f"Test{n:03d}",
        teaching_since=since,
    )
    RoleFactory(
        person=person, partnership=partnership, role=role, organisation=school, subject=subject
    )
    for kind in quals:
        qualify(person, kind)
    return person


def compliant_school(partnership, subject, name=None, cluster=None):
    """A school meeting every default norm: two schoolopleiders (one BRLO), a coordinator, a
    certified assessor and a certified wpb for its one section."""
    school = SchoolFactory(partnership=partnership, name=name or f"School C{next(_n)}")
    if cluster is not None:
        school.cluster = cluster
        school.save()
    SectionFactory(school=school, subject=subject)
    staff(partnership, school, Role.SCHOOLOPLEIDER, quals=["brlo"])
    staff(partnership, school, Role.SCHOOLOPLEIDER)
    staff(partnership, school, Role.SCHOOLCOORDINATOR)
    staff(partnership, school, Role.ASSESSOR, quals=["assessor"])
    staff(partnership, school, Role.WERKPLEKBEGELEIDER, subject=subject, quals=["wpb_basis"])
    return school


def activity(partnership, kind="wpb_basis", name=None):
    return Activity.objects.get_or_create(
        partnership=partnership,
        name=name or f"Activity {kind}",
        defaults={"kind": kind, "formality": "basis", "qualification_kind": kind},
    )[0]


def run(partnership, kind="wpb_basis", status="planned", title=""):
    today = timezone.localdate()
    return Run.objects.create(
        activity=activity(partnership, kind),
        academic_year=academic_year(),
        title=title,
        starts_on=today + datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=60),
        status=status,
    )


def enrol(the_run, person, status="enrolled"):
    return Enrolment.objects.create(run=the_run, person=person, status=status)


def placement(student, school, wpb, status="active", year=None):
    return Placement.objects.create(
        student=student,
        academic_year=year or academic_year(),
        school=school,
        subject=student.subject,
        stage="onderbouw",
        level="hbo",
        start="september",
        status=status,
        werkplekbegeleider=wpb,
    )


def student_at(partnership, school, subject, institute):
    return StudentFactory(
        partnership=partnership, institute=institute, subject=subject, school=school
    )
