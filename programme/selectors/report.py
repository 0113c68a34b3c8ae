"""The programme's year in numbers for the quality reports (issue 15, items 5-6): events held
per kind, attendance of mandatory events and webinars per period. Counts only, no names."""

from __future__ import annotations

import datetime

from django.db.models import Count

from partnerships.models import AcademicYear, Student

from ..choices import EventKind
from ..models import Event, WebinarLog
from .events import attendance_overview, mandatory_events_so_far
from .groups import WEBINARS_PER_PERIOD, periods_of


def year_programme(
    *,
    partnership,
    year: AcademicYear,
    end: datetime.date,
    student_ids: set[int] | None = None,
) -> dict:
    """Published events of ``year`` held up to ``end`` (per kind), the attendance of the
    mandatory ones (each student an event is meant for counts once per event) and the webinars
    logged per period against the rule (``WEBINARS_PER_PERIOD``). ``student_ids`` limits the
    students counted (one school's or institute's); the events stay the partnership's."""
    held = Event.objects.filter(
        partnership=partnership, academic_year=year, is_published=True, date__lte=end
    )
    per_kind = dict(held.order_by().values_list("kind").annotate(n=Count("pk")))
    students = Student.objects.filter(partnership=partnership, is_active=True)
    if student_ids is not None:
        students = students.filter(pk__in=student_ids)
    students = list(students)
    events = mandatory_events_so_far(partnership=partnership, year=year, today=end)
    rows = attendance_overview(students=students, events=events) if events else []
    logs: dict[tuple[int, int], int] = {}
    for student_id, period in WebinarLog.objects.filter(
        academic_year=year, student__in=[s.pk for s in students]
    ).values_list("student_id", "period"):
        logs[(student_id, period)] = logs.get((student_id, period), 0) + 1
    periods = []
    for period in periods_of(year):
        if period.start_date > end:
            continue
        logged = [n for (_s, p), n in logs.items() if p == period.number]
        periods.append(
            {
                "number": period.number,
                "webinars": sum(logged),
                "students_logging": len(logged),
                "students_meeting_rule": sum(1 for n in logged if n >= WEBINARS_PER_PERIOD),
            }
        )
    return {
        "events": [
            {"kind": kind, "count": per_kind[kind]}
            for kind, _label in EventKind.choices
            if per_kind.get(kind)
        ],
        "events_held": sum(per_kind.values()),
        "mandatory_events": len(events),
        "attendance": {
            key: sum(r["counts"][key] for r in rows)
            for key in ("present", "absent_excused", "absent", "none")
        },
        "webinar_rule": WEBINARS_PER_PERIOD,
        "periods": periods,
        "students": len(students),
    }


def event_kind_label(kind: str) -> str:
    try:
        return str(EventKind(kind).label)
    except ValueError:
        return kind
