from .events import Attendance, Event, Registration, Session, TimeSlot
from .groups import (
    CalendarFeed,
    CoDocentNorms,
    CoDocentPackage,
    IntervisionGroup,
    StudentPair,
    WebinarLog,
)

__all__ = [
    "Attendance",
    "CalendarFeed",
    "CoDocentNorms",
    "CoDocentPackage",
    "Event",
    "IntervisionGroup",
    "Registration",
    "Session",
    "StudentPair",
    "TimeSlot",
    "WebinarLog",
]
