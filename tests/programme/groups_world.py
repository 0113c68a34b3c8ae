"""Helpers for the groups, pairs, webinars, co-docent and feed tests: more students in
partnership A of the ``world``, and published events with slots and sessions."""

import datetime
import itertools

from partnerships.glossary import ProgrammeVariant
from partnerships.models import AcademicYear
from programme.models import Event, Session, TimeSlot
from tests.factories import StudentFactory

_numbers = itertools.count(1)


def add_students(w, n, *, schools=None, wo=False, hbo_year=2):
    schools = schools or [w.school1, w.school2, w.school3]
    made = []
    for i in range(n):
        extra = (
            {"institute": w.institute2, "programme_variant": ProgrammeVariant.WO_MASTER_60,
             "hbo_year": None}
            if wo
            else {"institute": w.institute, "hbo_year": hbo_year}
        )  # fmt: skip
        made.append(
            StudentFactory(
                partnership=w.a,
                subject=w.subject,
                school=schools[i % len(schools)],
                start_year=AcademicYear.current(),
                **extra,
            )
        )
    return made


def event(partnership, *, day=None, published=True, **extra):
    year = AcademicYear.current()
    values = {
        "kind": "practice_day",
        "title": f"Praktijkdag {next(_numbers)}",
        "date": day or year.start_date + datetime.timedelta(days=60),
        "starts_at": datetime.time(9, 0),
        "ends_at": datetime.time(16, 0),
        "audience_hbo_years": [2, 3, 4],
        "audience_wo": True,
        "is_published": published,
    } | extra
    return Event.objects.create(partnership=partnership, academic_year=year, **values)


def session(ev, *, kind="workshop", facilitators=(), start=(10, 0), end=(11, 30), **extra):
    slot = TimeSlot.objects.create(
        event=ev, starts_at=datetime.time(*start), ends_at=datetime.time(*end)
    )
    values = {"title": f"Sessie {next(_numbers)}", "capacity": 20, "kind": kind} | extra
    made = Session.objects.create(slot=slot, **values)
    made.facilitators.set(facilitators)
    return made
