"""Helpers for the programme event tests: a published practice day for hbo year 2 and wo
(student1 is hbo 2, student2 and student3 are wo) with sign-up open, one slot and sessions."""

import datetime

from django.utils import timezone

from partnerships.models import AcademicYear
from programme.choices import EventKind, Line
from programme.models import Event, Session, TimeSlot
from tests.factories import PersonFactory, StudentFactory


def event_on(partnership, date: datetime.date, **extra) -> Event:
    year = AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_for(date))[0]
    fields = {
        "kind": EventKind.PRACTICE_DAY,
        "title": "Practice day",
        "starts_at": datetime.time(9),
        "ends_at": datetime.time(15),
        "audience_hbo_years": [2],
        "audience_wo": True,
        "mandatory": True,
        "is_published": True,
    } | extra
    return Event.objects.create(partnership=partnership, academic_year=year, date=date, **fields)


def practice_day(partnership, *, days_ahead=10, capacities=(3,), facilitator=None, **extra):
    """An event ``days_ahead`` from today with one 09:00 slot and a session per capacity."""
    event = event_on(
        partnership, timezone.localdate() + datetime.timedelta(days=days_ahead), **extra
    )
    slot = TimeSlot.objects.create(
        event=event, title="Round 1", starts_at=datetime.time(9), ends_at=datetime.time(10, 30)
    )
    sessions = []
    for n, capacity in enumerate(capacities, 1):
        session = Session.objects.create(
            slot=slot, title=f"Workshop {n}", line=Line.BASIS, capacity=capacity
        )
        if facilitator is not None:
            session.facilitators.add(facilitator)
        sessions.append(session)
    return event, slot, sessions


def students(partnership, n: int, *, hbo_year=2):
    return [
        StudentFactory(
            partnership=partnership,
            hbo_year=hbo_year,
            person=PersonFactory(first_name=f"Student{i}", last_name=f"Nr{i:02d}"),
        )
        for i in range(n)
    ]
