"""Reading an e-mail list pasted or uploaded by the programme manager (pure Python, no Django).

One row per line: an e-mail address, optionally followed by the school (its name or short
name) after a semicolon, comma or tab. Empty lines and a header row ("e-mail; school") are
skipped. Every row is checked; the list is taken only when every row is right (all or
nothing), so ``parse`` returns either the rows or the problems, never both."""

import re
from dataclasses import dataclass

EMAIL = re.compile(r"^[^@\s;,<>\"]+@[^@\s;,<>\"]+\.[^@\s;,<>\".]{2,}$")
SPLIT = re.compile(r"[;,\t]")
HEADERS = {"e-mail", "email", "e-mailadres", "emailadres", "mail", "adres"}
MAX_ROWS = 2000


@dataclass(frozen=True)
class Row:
    line: int
    email: str
    school_id: int | None = None


@dataclass(frozen=True)
class Problem:
    line: int
    code: str  # "email", "duplicate", "school", "too_many"
    value: str
    first: int | None = None  # the line a duplicate first appeared on


def parse(text: str, schools: dict[str, int]) -> tuple[list[Row], list[Problem]]:
    """``schools`` maps a lower-case name or short name to the school's id."""
    rows: list[Row] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        cells = [c.strip().strip('"') for c in SPLIT.split(line)]
        email = cells[0].lower()
        if not rows and not problems and email in HEADERS:
            continue
        school_name = cells[1] if len(cells) > 1 else ""
        if not EMAIL.match(email):
            problems.append(Problem(number, "email", cells[0]))
            continue
        if email in seen:
            problems.append(Problem(number, "duplicate", email, seen[email]))
            continue
        seen[email] = number
        school_id = None
        if school_name:
            school_id = schools.get(school_name.lower())
            if school_id is None:
                problems.append(Problem(number, "school", school_name))
                continue
        rows.append(Row(number, email, school_id))
    if len(rows) > MAX_ROWS:
        problems.append(Problem(0, "too_many", str(len(rows))))
    return ([], problems) if problems else (rows, [])


def as_text(rows: list[tuple[str, str, str]]) -> str:
    """(e-mail address, school name, school short name) rows — names "" for no school — as
    ``parse`` reads them back, one per line: what the list page opens with. A name holding a
    separator is given by its short name, which ``parse`` matches too."""

    def school(name: str, short: str) -> str:
        return short if short and SPLIT.search(name) else name

    return "\n".join(
        f"{email}; {school(name, short)}" if name else email for email, name, short in rows
    )
