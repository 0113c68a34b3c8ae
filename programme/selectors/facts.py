"""Counts the quality cycle's targets read (no names): attendance of mandatory events."""

from __future__ import annotations

import datetime

from partnerships.models import AcademicYear, Student

from .events import attendance_overview, mandatory_events_so_far


def mandatory_attendance(
    *, partnership, year: AcademicYear, start: datetime.date, end: datetime.date
) -> tuple[int, int]:
    """(present, expected): per mandatory published event held from ``start`` to ``end``, each
    active student it is meant for counts once; "present" is a recorded attendance."""
    events = [
        e
        for e in mandatory_events_so_far(partnership=partnership, year=year, today=end)
        if e.date >= start
    ]
    if not events:
        return 0, 0
    rows = attendance_overview(
        students=list(Student.objects.filter(partnership=partnership, is_active=True)),
        events=events,
    )
    present = sum(r["counts"]["present"] for r in rows)
    expected = sum(sum(r["counts"].values()) for r in rows)
    return present, expected
