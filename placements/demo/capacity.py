"""The schools' capacity in the demo placement years (see ``placements.demo``).

* Current year: every school answered. Its lines hold this year's placements (with a little
  room to spare) plus two more lines; the three schools with the most placements cap their total
  at one more student than they hold now, below the sum of their lines.
* Next year: a line per subject section that takes students — onderbouw and/or bovenbouw, for
  hbo, wo or either, mostly September, sometimes February, sometimes "maybe" — with about as
  many places as the school has students of the subject now. The three largest
  schools cap their total below the sum of their lines; the two smallest have not answered the
  request yet. A few places of the draft division are reserved for rotating students.
"""

import datetime
from collections import Counter

from partnerships.glossary import Stage, Start
from partnerships.models import Organisation
from placements import services
from placements.capacity.services import LineInput
from placements.choices import HOLDING_STATUSES, OfferedLevel, PlacementStatus
from placements.division.services import rotating_students
from placements.models import CapacityRequest, Division, SchoolCapacity

UPPER_TYPES = frozenset({"havo", "vwo", "gymnasium"})
CAPPED, UNANSWERED, RESERVED = 3, 2, 4
REQUEST_MESSAGE = (
    "Beste schoolcoördinator, wil je voor volgend schooljaar per vak aangeven hoeveel "
    "stageplekken jullie school biedt (onderbouw/bovenbouw, hbo/wo, september/februari)? "
    "Een totaal maximum mag ook."
)


def school_types(school: Organisation) -> set[str]:
    return {t.code for t in school.school_types.all()}


def offered(school: Organisation, sections, rng, hosted: Counter | None = None) -> list[LineInput]:
    """A line per section and stage; ``hosted`` (students per subject the school has now) adds
    places where students leave: a school offers again what it offers now."""
    upper, hosted = bool(UPPER_TYPES & school_types(school)), hosted or Counter()
    levels = (OfferedLevel.HBO, OfferedLevel.WO, OfferedLevel.EITHER)
    lines = []
    for section in sections:
        if upper:
            stages = rng.choice(([Stage.ONDERBOUW], [Stage.BOVENBOUW], list(Stage.values)))
        else:
            stages = [Stage.BOVENBOUW if rng.random() < 0.25 else Stage.ONDERBOUW]
        for stage in stages:
            level = rng.choices(levels, (3, 4, 3) if upper else (7, 0, 3))[0]
            start = Start.FEBRUARY if rng.random() < 0.15 else Start.SEPTEMBER
            places = rng.choice((1, 1, 2))
            places += hosted[section.subject_id] // len(stages)
            maybe = rng.random() < 0.15
            lines.append(LineInput(section.subject_id, stage, level, start, places, maybe))
    return lines


def save(demo, school, year, lines: dict, total_cap=None) -> None:
    coordinators = demo.coordinators.get(school.pk) or [demo.planner]
    services.capacity_save(
        school=school,
        academic_year=year,
        total_cap=total_cap,
        lines=list(lines.values()),
        by=coordinators[0],
    )


def unanswered(demo, year) -> set[int]:
    done = SchoolCapacity.objects.filter(school__in=demo.schools, academic_year=year)
    return {s.pk for s in demo.schools} - set(done.values_list("school", flat=True))


def current_capacity(demo, planned) -> None:
    todo = unanswered(demo, demo.current)
    needed = Counter(p.key for p in planned if p.status != PlacementStatus.CANCELLED)
    holding = Counter(p.school.pk for p in planned if p.status in HOLDING_STATUSES)
    capped = {pk for pk, _n in holding.most_common(CAPPED)}
    for school in demo.schools:
        if school.pk not in todo:
            continue
        rng = demo.rng("capacity", demo.current.start_year, school.name)
        lines = {}
        for (school_pk, subject, stage, level, start), n in sorted(needed.items()):
            if school_pk == school.pk:
                places = n + rng.choice((0, 0, 1))
                lines[(subject, stage, level, start)] = LineInput(
                    subject, stage, level, start, places
                )
        extra = offered(school, demo.sections.get(school.pk, []), rng)
        for line in [line for line in extra if line.key not in lines][:2]:
            lines[line.key] = line
        cap = holding[school.pk] + 1
        total = sum(line.places for line in lines.values())
        save(
            demo, school, demo.current, lines, cap if school.pk in capped and cap < total else None
        )


def next_capacity(demo) -> None:
    todo = unanswered(demo, demo.next)
    pupils = demo.pupils()
    by_size = sorted(demo.schools, key=lambda s: (pupils.get(s.pk, 0), s.name))
    silent = {s.pk for s in by_size[:UNANSWERED]}
    capped = {s.pk for s in by_size[-CAPPED:]}
    for school in demo.schools:
        if school.pk not in todo or school.pk in silent:
            continue
        rng = demo.rng("capacity", demo.next.start_year, school.name)
        sections = demo.sections.get(school.pk, [])
        sections = [s for s in sections if s.takes_students] or sections[:2]
        hosted = Counter(
            s.subject_id for s in demo.students if s.is_active and s.school_id == school.pk
        )
        lines = {}
        for line in offered(school, sections, rng, hosted):
            lines.setdefault(line.key, line)
        total = sum(line.places for line in lines.values())
        cap = total - max(2, total // 4) if school.pk in capped else None
        save(demo, school, demo.next, lines, cap if cap and cap > 0 else None)


def capacity_request(demo) -> None:
    """The request to all schools, written directly: the service would e-mail them now."""
    p, year = demo.partnership, demo.next
    if CapacityRequest.objects.filter(partnership=p, academic_year=year).exists():
        return
    request = CapacityRequest(
        partnership=p,
        academic_year=year,
        deadline=demo.today + datetime.timedelta(days=14),
        message=REQUEST_MESSAGE,
        sent_by=demo.planner,
    )
    request.full_clean()
    request.save()


def reserve_places(demo, division: Division) -> None:
    """One place each on a few lines of subjects with hbo students who rotate next year."""
    rotating = rotating_students(demo.partnership)
    places = (
        division.places.filter(capacity__gte=2, subject__in=list(rotating), level="hbo")
        .select_related("school")
        .order_by("school__name", "subject__code", "stage", "start")
    )
    values = {p.pk: (p.capacity, 1, p.maybe) for p in places[:RESERVED]}
    if values:
        services.division_places_update(division=division, values=values, by=demo.planner)
