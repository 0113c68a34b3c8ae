"""The demo year programme of partnership ``hos`` (seed 002, Bijlage 1) for the current
academic year: start meetings (September, February), a practice day per period on a Wednesday
(hbo 2–4 and wo) and on a Monday (hbo 1), two innomo's, assessment (CGI) days and the closing
meeting in June, a few webinars. Practice days have two workshop rounds in the three lines and
an intervision slot, facilitated by the demo co-docenten and trainers.

Past events get registrations and attendance (mostly present, some excused); the next practice
day is open for sign-up with about half of its students registered. Deterministic (seeded by
the partnership) and idempotent: a year that already has events is left alone."""

import datetime
import math
import random

from django.db import transaction
from django.utils import timezone

from partnerships.glossary import OrganisationKind, Role
from partnerships.models import AcademicYear, Person, RoleAssignment
from programme.choices import AttendanceStatus, EventKind, Line, RegistrationStatus, SessionKind
from programme.models import (
    Attendance,
    CoDocentNorms,
    Event,
    Registration,
    Session,
    TimeSlot,
)
from programme.selectors.events import audience_students

# hos: the demo; bench: the benchmark partnership (seed_demo --scale, partnerships.demo.bench)
DEMO_SLUGS = frozenset({"hos", "bench"})

MON, WED, THU = 0, 2, 3
ALL_STAFF = sorted(str(r) for r in Role)
THEMES = {
    Line.BASIS: ["Klassenmanagement", "Lesopbouw en activerende didactiek"],
    Line.PUPIL_IN_VIEW: ["Differentiëren in de klas", "Passend onderwijs en zorg"],
    Line.DEEPENING: ["Onderzoekend leren", "Formatief evalueren"],
}
REASONS = ["ziek", "tentamen op het instituut", "bijzonder verlof", "stage-excursie met klas"]


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _plan(start: int) -> list[dict]:
    """(title, kind, date, times, audience) of the year starting in August ``start``."""
    nxt = start + 1
    t = datetime.time
    plan = [
        (
            "Startbijeenkomst september",
            EventKind.START_MEETING,
            nth_weekday(start, 9, WED, 1),
            (t(13), t(16)),
            {"audience_hbo_years": [1, 2, 3, 4], "audience_wo": True},
        ),
        (
            "Startbijeenkomst februari",
            EventKind.START_MEETING,
            nth_weekday(nxt, 2, WED, 1),
            (t(13), t(16)),
            {"audience_hbo_years": [1, 2, 3, 4], "audience_wo": True},
        ),
        (
            "Innomo najaar",
            EventKind.INNOMO,
            nth_weekday(start, 11, THU, 2),
            (t(15), t(18)),
            {
                "audience_hbo_years": [3, 4],
                "audience_wo": True,
                "audience_roles": ALL_STAFF,
                "mandatory": False,
            },
        ),
        (
            "Innomo voorjaar",
            EventKind.INNOMO,
            nth_weekday(nxt, 4, THU, 2),
            (t(15), t(18)),
            {
                "audience_hbo_years": [3, 4],
                "audience_wo": True,
                "audience_roles": ALL_STAFF,
                "mandatory": False,
            },
        ),
        (
            "CGI-assessments dag 1",
            EventKind.ASSESSMENT_DAY,
            nth_weekday(nxt, 6, MON, 1),
            (t(9), t(17)),
            {"audience_hbo_years": [4], "audience_wo": True},
        ),
        (
            "CGI-assessments dag 2",
            EventKind.ASSESSMENT_DAY,
            nth_weekday(nxt, 6, THU, 1),
            (t(9), t(17)),
            {"audience_hbo_years": [4], "audience_wo": True},
        ),
        (
            "Slotbijeenkomst",
            EventKind.CLOSING_MEETING,
            nth_weekday(nxt, 6, WED, 4),
            (t(14), t(17)),
            {"audience_hbo_years": [1, 2, 3, 4], "audience_wo": True},
        ),
    ]
    for n, (year, month) in enumerate([(start, 10), (start, 12), (nxt, 3), (nxt, 5)], 1):
        plan.append(
            (
                f"Praktijkdag OP{n}",
                EventKind.PRACTICE_DAY,
                nth_weekday(year, month, WED, 2),
                (t(9), t(15, 30)),
                {"audience_hbo_years": [2, 3, 4], "audience_wo": True},
            )
        )
        plan.append(
            (
                f"Praktijkdag OP{n} hbo 1",
                EventKind.PRACTICE_DAY,
                nth_weekday(year, month, MON, 2),
                (t(9), t(15, 30)),
                {"audience_hbo_years": [1]},
            )
        )
    for title, (year, month) in [
        ("Webinar feedback geven", (start, 10)),
        ("Webinar ouders in gesprek", (nxt, 1)),
        ("Webinar digitale didactiek", (nxt, 4)),
    ]:
        plan.append(
            (
                title,
                EventKind.WEBINAR,
                nth_weekday(year, month, THU, 3),
                (t(19), t(20, 30)),
                {"audience_hbo_years": [1, 2, 3, 4], "audience_wo": True, "mandatory": False},
            )
        )
    return [
        {"title": ti, "kind": k, "date": d, "starts_at": s, "ends_at": e} | a
        for ti, k, d, (s, e), a in plan
    ]


def _facilitators(partnership) -> list[Person]:
    roles = [Role.CO_DOCENT, Role.INSTITUUTSOPLEIDER, Role.SCHOOLOPLEIDER]
    holders = RoleAssignment.objects.active().filter(partnership=partnership, role__in=roles)
    return list(Person.objects.filter(pk__in=holders.values("person")).order_by("pk"))


def _practice_day(event: Event, people: list[Person], audience: int, rng) -> list[TimeSlot]:
    t = datetime.time
    slots = [
        TimeSlot.objects.create(event=event, title="Ronde 1", starts_at=t(9, 30), ends_at=t(11)),
        TimeSlot.objects.create(
            event=event, title="Ronde 2", starts_at=t(11, 15), ends_at=t(12, 45)
        ),
        TimeSlot.objects.create(
            event=event,
            title="Intervisie",
            starts_at=t(13, 30),
            ends_at=t(15),
            choice_required=False,
        ),
    ]
    turn = 0
    for slot in slots[:2]:
        capacity = max(8, math.ceil(audience / 6) + 4)
        for line, themes in THEMES.items():
            for theme in themes:
                session = Session.objects.create(
                    slot=slot,
                    title=f"{theme}",
                    line=line,
                    theme=line.label,
                    kind=SessionKind.WORKSHOP,
                    capacity=capacity,
                    room=f"Lokaal {rng.randint(1, 4)}.{rng.randint(10, 40)}",
                )
                if people:
                    session.facilitators.add(people[turn % len(people)])
                    turn += 1
    groups = max(1, math.ceil(audience / 5))
    for n in range(1, min(groups, 12) + 1):
        session = Session.objects.create(
            slot=slots[2],
            title=f"Intervisiegroep {n}",
            kind=SessionKind.INTERVISION,
            capacity=6,
            room=f"Lokaal 0.{n:02d}",
        )
        if people:
            session.facilitators.add(people[n % len(people)])
    return slots


def _fill(event: Event, slots, students, share: float, rng) -> int:
    """Register ``share`` of the students for a session in each choice slot (bulk)."""
    regs = []
    chosen = [s for s in students if rng.random() < share]
    for slot in slots:
        sessions = list(slot.sessions.order_by("pk"))
        if not sessions or not slot.choice_required:
            continue
        taken = dict.fromkeys((s.pk for s in sessions), 0)
        for student in chosen:
            free = [s for s in sessions if taken[s.pk] < s.capacity]
            if not free:
                break
            session = rng.choice(free)
            taken[session.pk] += 1
            regs.append(
                Registration(
                    session=session,
                    slot=slot,
                    student=student,
                    status=RegistrationStatus.REGISTERED,
                )
            )
    Registration.objects.bulk_create(regs)
    return len(regs)


def _attendance(event: Event, students, rng) -> int:
    rows = []
    for student in students:
        roll = rng.random()
        if roll < 0.85:
            rows.append(Attendance(event=event, student=student, status=AttendanceStatus.PRESENT))
        elif roll < 0.95:
            rows.append(
                Attendance(
                    event=event,
                    student=student,
                    status=AttendanceStatus.ABSENT_EXCUSED,
                    reason=rng.choice(REASONS),
                )
            )
        else:
            rows.append(Attendance(event=event, student=student, status=AttendanceStatus.ABSENT))
    Attendance.objects.bulk_create(rows)
    return len(rows)


# What an event costs the partnership in the demo budget (venue, catering, speakers), in cents.
EVENT_COSTS = {
    EventKind.START_MEETING: 85000,
    EventKind.PRACTICE_DAY: 125000,
    EventKind.INNOMO: 160000,
    EventKind.CLOSING_MEETING: 95000,
}
CODOCENT_HOURLY_RATE_CENTS = 4500


@transaction.atomic
def load(partnership, today: datetime.date | None = None) -> str | None:
    if partnership.slug not in DEMO_SLUGS:
        return None
    today = today or timezone.localdate()
    year = AcademicYear.current(today)
    existing = Event.objects.filter(partnership=partnership, academic_year=year)
    if existing.exists():
        return f"programme: {existing.count()} events for {year} (kept)"
    rng = random.Random(f"{partnership.slug}-{year.start_year}-events")
    CoDocentNorms.objects.update_or_create(
        partnership=partnership, defaults={"hourly_rate_cents": CODOCENT_HOURLY_RATE_CENTS}
    )
    schools = list(
        partnership.organisations.filter(kind=OrganisationKind.SCHOOL, is_active=True).order_by(
            "name"
        )
    )
    people = _facilitators(partnership)
    plan = sorted(_plan(year.start_year), key=lambda p: p["date"])
    next_practice = next(
        (p["date"] for p in plan if p["kind"] == EventKind.PRACTICE_DAY and p["date"] > today), None
    )
    registered = recorded = 0
    for n, fields in enumerate(plan):
        online = fields["kind"] == EventKind.WEBINAR
        event = Event(
            partnership=partnership,
            academic_year=year,
            is_published=True,
            host_school=None if online or not schools else schools[n % len(schools)],
            online_url="https://webinar.example.org/hos" if online else "",
            cost_cents=EVENT_COSTS.get(fields["kind"], 0),
            **fields,
        )
        if fields["kind"] == EventKind.PRACTICE_DAY and fields["date"] > today:
            event.signup_opens_on = fields["date"] - datetime.timedelta(days=28)
        if fields["date"] == next_practice:
            event.signup_opens_on = min(today, fields["date"] - datetime.timedelta(days=21))
            closes = fields["date"] - datetime.timedelta(days=2)
            event.signup_closes_on = closes if today <= closes else None
        event.full_clean()
        event.save()
        students = list(audience_students(event).order_by("pk"))
        slots = []
        if event.kind == EventKind.PRACTICE_DAY:
            slots = _practice_day(event, people, len(students), rng)
        if event.date < today:
            registered += _fill(event, slots, students, 1.0, rng)
            if event.mandatory:
                recorded += _attendance(event, students, rng)
        elif event.date == next_practice:
            registered += _fill(event, slots, students, 0.5, rng)
    return (
        f"programme: {len(plan)} events for {year}, {registered} registrations, "
        f"{recorded} attendance records"
    )
