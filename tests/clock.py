"""The tests' clock: every run has a fixed "today" (tests/conftest.py), never the real date."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

DEFAULT_TODAY = "2026-12-07"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at_morning(day: str) -> datetime:
    """09:30 in Amsterdam on ``day`` (ISO date): office hours, far from midnight."""
    return datetime.combine(date.fromisoformat(day), time(9, 30), tzinfo=AMSTERDAM)
