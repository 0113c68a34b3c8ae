"""Co-docent hours (002 §6.5), pure: what each co-docent is facilitated for in a year.

Per session a co-docent gives: ``meeting_hours`` × the factor of the session's kind (workshop
1.0, intervision 1.4, work meeting 1.7 — the factors are data, a kind without a factor counts
1.0). Travel: ``travel_hours`` per the partnership's ``travel_rule``:

- ``per_meeting`` (the default, the seed's "per bijeenkomst: 1 uur reistijd"): every session
  a co-docent gives adds the travel hours, also several on one day;
- ``per_event_day``: once per day on which a co-docent gives sessions, however many
  (a practice day with three sessions at one school is one journey).

Packages (hbo year 1, a wpb training) add their fixed hours. Example (EXAMPLES.md): two work
meetings (×1.7) and one intervision (×1.4) on one day give 2 × (2.55 + 1) + (2.1 + 1) = 10.2 h
per meeting, and 2.55 + 2.55 + 2.1 + 1 = 8.2 h once per event day.

The steering group checks the spread over the schools: per school the total, the number of
co-docenten, mean/min/max per co-docent; over the schools the mean, min and max total."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)
PER_MEETING = "per_meeting"
PER_EVENT_DAY = "per_event_day"


@dataclass(frozen=True)
class Norms:
    meeting_hours: Decimal
    factors: dict[str, Decimal]  # session kind -> surcharge factor
    travel_hours: Decimal
    packages: dict[str, Decimal]  # package kind -> hours
    travel_rule: str = PER_MEETING  # or PER_EVENT_DAY

    def factor(self, kind: str) -> Decimal:
        return self.factors.get(kind, Decimal(1))


@dataclass(frozen=True)
class SessionWork:
    person: int
    event: int
    session: int
    kind: str
    day: datetime.date | None = None  # the event's date; without one, the event is the day


@dataclass(frozen=True)
class PackageWork:
    person: int
    kind: str


@dataclass
class PersonHours:
    person: int
    sessions: int = 0
    events: int = 0
    journeys: int = 0  # how many times travel counts, per the travel rule
    session_hours: Decimal = ZERO
    travel_hours: Decimal = ZERO
    package_hours: Decimal = ZERO
    packages: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.session_hours + self.travel_hours + self.package_hours


def person_hours(
    sessions: list[SessionWork], packages: list[PackageWork], norms: Norms
) -> dict[int, PersonHours]:
    result: dict[int, PersonHours] = {}
    events: dict[int, set[int]] = defaultdict(set)
    days: dict[int, set] = defaultdict(set)
    seen: set[tuple[int, int]] = set()
    for work in sessions:
        if (work.person, work.session) in seen:  # listed twice: counts once
            continue
        seen.add((work.person, work.session))
        line = result.setdefault(work.person, PersonHours(work.person))
        line.sessions += 1
        line.session_hours += norms.meeting_hours * norms.factor(work.kind)
        events[work.person].add(work.event)
        days[work.person].add(work.day if work.day is not None else ("event", work.event))
    for person, ids in events.items():
        line = result[person]
        line.events = len(ids)
        line.journeys = len(days[person]) if norms.travel_rule == PER_EVENT_DAY else line.sessions
        line.travel_hours = norms.travel_hours * line.journeys
    for package in packages:
        line = result.setdefault(package.person, PersonHours(package.person))
        line.package_hours += norms.packages.get(package.kind, ZERO)
        line.packages.append(package.kind)
    return result


@dataclass(frozen=True)
class Spread:
    count: int
    total: Decimal
    mean: Decimal
    low: Decimal
    high: Decimal

    @property
    def ratio(self) -> Decimal | None:
        """The highest over the mean (1.0 is perfectly even); None without hours."""
        return (self.high / self.mean).quantize(Decimal("0.01")) if self.mean else None


def spread(values: list[Decimal]) -> Spread:
    if not values:
        return Spread(0, ZERO, ZERO, ZERO, ZERO)
    total = sum(values, ZERO)
    mean = (total / len(values)).quantize(Decimal("0.1"))
    return Spread(len(values), total, mean, min(values), max(values))


@dataclass
class SchoolHours:
    school: int | None
    people: list[PersonHours]
    spread: Spread


def school_hours(
    hours: dict[int, PersonHours], school_of: dict[int, int | None]
) -> list[SchoolHours]:
    """Per school (of the person's co-docent role; None: no school), heaviest school first."""
    by_school: dict[int | None, list[PersonHours]] = defaultdict(list)
    for person, line in hours.items():
        by_school[school_of.get(person)].append(line)
    rows = [
        SchoolHours(school, people, spread([p.total for p in people]))
        for school, people in by_school.items()
    ]
    rows.sort(key=lambda row: (-row.spread.total, row.school or 0))
    return rows
