"""Demo groups, pairs, webinars and co-docent packages of partnership ``hos`` (after the events
demo): this year's intervision groups (with a trainer as supervisor) and pairs by rule, webinars
logged by most students (some short of two in the current period), hbo year 1 and wpb training
packages for a few co-docenten, and the default co-docent norms. Deterministic and idempotent:
what already exists for the year is kept."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from partnerships.glossary import Role
from partnerships.models import AcademicYear, Person
from programme.choices import PackageKind
from programme.models import CoDocentPackage, IntervisionGroup, StudentPair, WebinarLog
from programme.selectors import groups as selectors
from programme.services import groups as services

# hos: the demo; bench: the benchmark partnership (seed_demo --scale, partnerships.demo.bench)
DEMO_SLUGS = frozenset({"hos", "bench"})

WEBINARS = [
    "Formatief evalueren in de onderbouw",
    "Activerende didactiek online",
    "Differentiëren met ICT",
    "Feedback die werkt",
    "Taalgericht vakonderwijs",
    "Motiveren van leerlingen",
]
SUMMARY = (
    "Het webinar ging over {topic}. Ik heb geleerd hoe je dit in een gewone les toepast; in mijn "
    "klas ga ik het de komende weken uitproberen en bespreek ik de ervaringen met mijn "
    "werkplekbegeleider."
)


def load(partnership, today: datetime.date | None = None) -> str | None:
    if partnership.slug not in DEMO_SLUGS:
        return None
    today = today or timezone.localdate()
    year = AcademicYear.current(today)
    admin = _organiser(partnership)
    with transaction.atomic():
        selectors.codocent_norms(partnership=partnership)
        groups = IntervisionGroup.objects.filter(partnership=partnership, academic_year=year)
        if not groups.exists():
            services.intervision_groups_generate(partnership=partnership, year=year, by=admin)
            _supervisors(partnership, groups)
        if not StudentPair.objects.filter(partnership=partnership, academic_year=year).exists():
            services.student_pairs_generate(partnership=partnership, year=year, by=admin)
        logs = _webinars(partnership, year, today)
        packages = _packages(partnership, year)
    return (
        f"programme groups: {groups.count()} intervision groups, "
        f"{StudentPair.objects.filter(partnership=partnership, academic_year=year).count()} "
        f"pairs, {logs} webinar logs, {packages} co-docent packages"
    )


def _organiser(partnership) -> Person | None:
    return Person.objects.filter(
        roles__partnership=partnership, roles__role=Role.PROGRAMMAMANAGER
    ).first()


def _supervisors(partnership, groups) -> None:
    people = list(selectors.supervisors(partnership=partnership))
    if not people:
        return
    for n, group in enumerate(groups.order_by("level", "name")):
        group.supervisor = people[n % len(people)]
        group.save(update_fields=["supervisor"])


def _webinars(partnership, year, today) -> int:
    """Past periods: two webinars each; the current period: none, one or two (so that some
    students are short); one student in eight logs nothing at all."""
    periods = [p for p in selectors.periods_of(year) if p.start_date <= today]
    made = 0
    for student in selectors.eligible_students(partnership=partnership):
        if WebinarLog.objects.filter(student=student, academic_year=year).exists():
            continue
        rng = random.Random(f"{partnership.slug}-{year.start_year}-webinars-{student.pk}")
        if rng.random() < 0.125:
            continue
        for period in periods:
            current = period.end_date >= today
            count = rng.choice([0, 1, 2, 2]) if current else 2
            last = min(period.end_date, today)
            span = max((last - period.start_date).days, 0)
            for _n in range(count):
                topic = rng.choice(WEBINARS)
                WebinarLog.objects.create(
                    student=student,
                    academic_year=year,
                    period=period.number,
                    title=topic,
                    followed_on=period.start_date + datetime.timedelta(days=rng.randint(0, span)),
                    summary=SUMMARY.format(topic=topic.lower()),
                )
                made += 1
    return made


def _packages(partnership, year) -> int:
    people = list(
        selectors.codocent_roles(partnership=partnership, year=year).values_list(
            "person_id", flat=True
        )
    )
    kinds = [PackageKind.HBO_YEAR_1, PackageKind.WPB_TRAINING]
    for n, person_id in enumerate(sorted(set(people))[:4]):
        CoDocentPackage.objects.get_or_create(
            partnership=partnership, academic_year=year, person_id=person_id, kind=kinds[n % 2]
        )
    return CoDocentPackage.objects.filter(partnership=partnership, academic_year=year).count()
