"""The quality calendar as a year grid (seed §8.3): rows grouped by target group, one row per
instrument, one column per month from August to June. Pure: plain data in, plain data out.

A cell holds the calendar items of that instrument in that month (normally one). July gets a
column only when some item falls in it (the school year's calendar runs August–June)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

SCHOOL_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)
JULY = 7
OPEN_STATUSES = frozenset({"planned", "in_progress"})


@dataclass(frozen=True)
class InstrumentRow:
    id: int
    name: str
    target_group: str
    target_label: str
    in_development: bool = False
    responsible: str = ""


@dataclass(frozen=True)
class Item:
    id: int
    instrument_id: int
    month: int
    due_date: datetime.date
    status: str
    phase: str


@dataclass
class Cell:
    month: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Row:
    instrument: InstrumentRow
    cells: list[Cell]


@dataclass
class Group:
    target_group: str
    label: str
    rows: list[Row]


def month_due_date(start_year: int, month: int) -> datetime.date:
    """The last day of ``month`` in the academic year that starts in August of ``start_year``."""
    year = start_year if month >= 8 else start_year + 1
    first_of_next = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def columns(items: list[Item]) -> list[int]:
    months = list(SCHOOL_MONTHS)
    if any(item.month == JULY for item in items):
        months.append(JULY)
    return months


def is_overdue(item: Item, today: datetime.date) -> bool:
    return item.status in OPEN_STATUSES and item.due_date < today


def build_grid(
    instruments: list[InstrumentRow], items: list[Item], group_order: list[str]
) -> tuple[list[int], list[Group]]:
    """The columns (months) and the groups of rows. Groups follow ``group_order`` (the target
    group choices), instruments by name; an instrument without items still gets its row."""
    months = columns(items)
    by_instrument: dict[int, dict[int, list[Item]]] = {}
    for item in sorted(items, key=lambda i: (i.due_date, i.id)):
        by_instrument.setdefault(item.instrument_id, {}).setdefault(item.month, []).append(item)
    rank = {group: n for n, group in enumerate(group_order)}
    groups: dict[str, Group] = {}
    ordered = sorted(
        instruments, key=lambda i: (rank.get(i.target_group, len(rank)), i.name.lower(), i.id)
    )
    for instrument in ordered:
        group = groups.setdefault(
            instrument.target_group, Group(instrument.target_group, instrument.target_label, [])
        )
        cells_by_month = by_instrument.get(instrument.id, {})
        group.rows.append(Row(instrument, [Cell(m, cells_by_month.get(m, [])) for m in months]))
    return months, list(groups.values())
