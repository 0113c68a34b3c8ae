"""Guidance norms (002 Bijlagen 3–4) as pure rules: plain Python, data in and out, no Django.

A norm is one of two shapes:

* **every N weeks** (the werkplekbegeleider's guidance talk: weekly for wo, every two weeks for
  hbo): behind when the placement has run at least N weeks and there is no entry of that kind
  in the last N weeks (the day itself included). Expected so far: one per whole N weeks run.
* **at least M per placement period** (the schoolopleider's two consultations; one
  mid-placement evaluation): the M entries are due spread evenly — the i-th at i/(M+1) of the
  period — so one mid-placement evaluation is due halfway and two consultations at one and two
  thirds. Behind when fewer entries than are due so far.

A placement period runs from its start (1 September or 1 February) to its end; after the end
the norm stops counting (the day is clamped to the end). School holidays are not left out: the
norm is a signal for the guides, not a verdict.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Norm:
    kind: str
    every_weeks: int | None = None  # an entry at least every N weeks
    per_period: int | None = None  # at least M entries in the placement period

    def __post_init__(self):
        if (self.every_weeks is None) == (self.per_period is None):
            raise ValueError("a norm is either every N weeks or M per period")
        if any(n is not None and n < 1 for n in (self.every_weeks, self.per_period)):
            raise ValueError("a norm needs a positive number")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class NormStatus:
    kind: str
    done: int  # entries of the kind up to the day
    expected: int  # entries due up to the day
    behind: bool
    last: datetime.date | None  # the latest entry of the kind up to the day


def _clamp(period: Period, day: datetime.date) -> datetime.date:
    return min(day, period.end)


def due_dates(norm: Norm, period: Period) -> list[datetime.date]:
    """The days on which the 1st, 2nd, … entry of a per-period norm is due."""
    if norm.per_period is None:
        raise ValueError("only a per-period norm has due dates")
    m = norm.per_period
    # ceil(i * days / (m + 1)) - 1 days after the start: inside the period, never before it
    return [
        period.start + datetime.timedelta(days=-(-i * period.days // (m + 1)) - 1)
        for i in range(1, m + 1)
    ]


def expected(norm: Norm, period: Period, day: datetime.date) -> int:
    """How many entries of the norm's kind are due by ``day`` (0 before the start)."""
    if day < period.start:
        return 0
    if norm.every_weeks is not None:
        run = (_clamp(period, day) - period.start).days + 1
        return run // (7 * norm.every_weeks)
    return sum(1 for due in due_dates(norm, period) if due <= day)


def status(norm: Norm, period: Period, dates: Iterable[datetime.date], day: datetime.date):
    """The norm's status for one placement on ``day`` from the dates of its entries of the
    norm's kind (entries after ``day`` do not count yet)."""
    counted = [d for d in dates if d <= day]
    return from_summary(norm, period, done=len(counted), last=max(counted, default=None), day=day)


def from_summary(
    norm: Norm,
    period: Period,
    *,
    done: int,
    last: datetime.date | None,
    day: datetime.date,
) -> NormStatus:
    """The same status from what the database sums up per placement (the count of entries up
    to the day and the latest date), so a dashboard reads many placements in one query."""
    due = expected(norm, period, day)
    if norm.every_weeks is not None:
        window_start = _clamp(period, day) - datetime.timedelta(weeks=norm.every_weeks) + DAY
        recent = last is not None and last >= window_start
        behind = due >= 1 and day <= period.end and not recent
    else:
        behind = done < due
    return NormStatus(norm.kind, done, due, behind, last)


def norm_for(norms: Iterable[tuple[str, str, Norm]], kind: str, level: str) -> Norm | None:
    """The norm for ``kind`` at ``level`` from (kind, level, norm) rows: a row for the level
    wins over a row for every level ("")."""
    general = None
    for row_kind, row_level, norm in norms:
        if row_kind != kind:
            continue
        if row_level == level:
            return norm
        if row_level == "":
            general = norm
    return general


def due_in_window(norm: Norm, period: Period, start: datetime.date, end: datetime.date) -> int:
    """Entries coming due between ``start`` and ``end`` (both included): the windows of a
    year add up to the year (for the quality cycle's counts per period)."""
    if end < start:
        return 0
    return expected(norm, period, end) - expected(norm, period, start - DAY)
