"""The pure year grid of the quality calendar (quality/calendar_grid.py)."""

import datetime

from quality.calendar_grid import (
    SCHOOL_MONTHS,
    InstrumentRow,
    Item,
    build_grid,
    is_overdue,
    month_due_date,
)

D = datetime.date


def test_due_date_is_the_last_day_of_the_month_in_the_academic_year():
    assert month_due_date(2025, 8) == D(2025, 8, 31)
    assert month_due_date(2025, 12) == D(2025, 12, 31)
    assert month_due_date(2025, 1) == D(2026, 1, 31)
    assert month_due_date(2023, 2) == D(2024, 2, 29)  # leap year
    assert month_due_date(2025, 6) == D(2026, 6, 30)


def instrument(pk, name, group="students"):
    return InstrumentRow(pk, name, group, group.title())


def item(pk, instrument_id, month, status="planned", due=None):
    return Item(pk, instrument_id, month, due or month_due_date(2025, month), status, "do")


def test_rows_grouped_by_target_group_in_the_given_order_and_cells_per_month():
    instruments = [
        instrument(1, "student survey"),
        instrument(2, "Board evaluation", "board"),
        instrument(3, "Alumni survey", "students"),
    ]
    items = [item(10, 1, 1), item(11, 1, 6), item(12, 2, 12)]
    months, groups = build_grid(instruments, items, ["students", "board"])
    assert months == list(SCHOOL_MONTHS)
    assert [g.target_group for g in groups] == ["students", "board"]
    students = groups[0]
    assert [r.instrument.name for r in students.rows] == ["Alumni survey", "student survey"]
    alumni, survey = students.rows
    assert all(not cell.items for cell in alumni.cells)  # an instrument without items keeps a row
    filled = {cell.month: [i.id for i in cell.items] for cell in survey.cells if cell.items}
    assert filled == {1: [10], 6: [11]}
    assert [c.month for c in survey.cells] == list(SCHOOL_MONTHS)


def test_july_gets_a_column_only_when_an_item_falls_in_it():
    months, _groups = build_grid([instrument(1, "x")], [item(1, 1, 7)], ["students"])
    assert months[-1] == 7 and len(months) == 12
    months, _groups = build_grid([instrument(1, "x")], [item(1, 1, 6)], ["students"])
    assert 7 not in months


def test_unknown_groups_come_last():
    instruments = [instrument(1, "a", "other"), instrument(2, "b", "students")]
    _months, groups = build_grid(instruments, [], ["students"])
    assert [g.target_group for g in groups] == ["students", "other"]


def test_overdue_means_open_and_past_its_due_date():
    today = D(2026, 2, 1)
    assert is_overdue(item(1, 1, 1), today)
    assert not is_overdue(item(1, 1, 1, status="done"), today)
    assert not is_overdue(item(1, 1, 1, status="skipped"), today)
    assert not is_overdue(item(1, 1, 2), today)
