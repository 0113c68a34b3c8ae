"""A small iCalendar (RFC 5545) writer, shared by the programme feed and the meeting invitations:
VEVENTs in UTC, text escaped, lines folded at 75 octets, CRLF line endings. No dependency."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

CRLF = "\r\n"
LIMIT = 75  # octets per line, without the CRLF


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime.datetime  # aware
    end: datetime.datetime  # aware
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, newlines as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into parts of at most 75 octets (never inside a UTF-8 character);
    every continuation starts with one space, which counts towards its 75."""
    parts: list[str] = []
    current, size, limit = "", 0, LIMIT
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, LIMIT - 1
        current += char
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(
    events: list[CalendarEvent], *, name: str, stamp: datetime.datetime, prodid: str
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc(stamp)}",
            f"DTSTART:{utc(event.start)}",
            f"DTEND:{utc(event.end)}",
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
