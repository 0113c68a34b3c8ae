"""The iCalendar writer lives in the base (``partnerships.ics``); the feed uses it from here."""

from partnerships.ics import CRLF, LIMIT, CalendarEvent, calendar, escape, fold, utc

__all__ = ["CRLF", "LIMIT", "CalendarEvent", "calendar", "escape", "fold", "utc"]
