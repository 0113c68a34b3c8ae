"""How far each step of a placement year has come: the rule behind the year's task list.

Pure Python (no Django): the facts of the year come in (``YearFacts``, read in one go by
``placements.year.selectors.year_facts``), a status per step goes out.

Where the product holds the step's work, the status follows the data — the quota approved, every
school's capacity in, the division approved, the preference window closed, a run committed, the
placements past their interview or confirmed. Where it does not (a working-group meeting, an
institute's e-mail), the owner's tick in the procedure calendar decides. A step whose every round
is ticked done (or not applicable) is done whatever the data say: the owner closed it, for
example with two schools that never answered. A step that is not done and has a round past its
due date that nobody ticked is overdue."""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Progress(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"


# ProcedureStep.status values (``placements.choices.StepStatus``).
TICKED_OPEN, TICKED_DONE, TICKED_SKIPPED = "open", "done", "skipped"

# Placement statuses (``placements.choices.PlacementStatus``).
WAITING_FOR_INTERVIEW = frozenset({"proposed", "interview_planned"})
DEFINITIVE = frozenset({"confirmed", "active", "completed"})
CANCELLED = "cancelled"
APPROVED = frozenset({"approved", "published"})


@dataclass(frozen=True)
class YearFacts:
    quota: str | None = None  # the quota's ApprovalStatus, None without a quota
    schools: int = 0  # active schools
    answered: int = 0  # of which have declared their capacity
    capacity_requested: bool = False
    division: str | None = None  # the division's ApprovalStatus
    reserved: int = 0  # places reserved for rotating students in the division
    window_opens: datetime.date | None = None
    window_closes: datetime.date | None = None
    runs: int = 0
    committed_runs: int = 0
    placements: Mapping[str, int] = field(default_factory=dict)  # status -> number
    snapshots: int = 0  # subsidy snapshots handed over

    @property
    def live_placements(self) -> int:
        return sum(n for status, n in self.placements.items() if status != CANCELLED)

    def placements_in(self, statuses) -> int:
        return sum(self.placements.get(status, 0) for status in statuses)


@dataclass(frozen=True)
class Round:
    """One occurrence of a step in the procedure calendar: due date and the owner's tick."""

    due: datetime.date
    ticked: str = TICKED_OPEN


def _quota(f: YearFacts, today, rounds) -> Progress | None:
    if f.quota is None:
        return Progress.NOT_STARTED
    return Progress.DONE if f.quota in APPROVED else Progress.IN_PROGRESS


def _inventory(f: YearFacts, today, rounds) -> Progress | None:
    if f.schools and f.answered >= f.schools:
        return Progress.DONE
    if f.capacity_requested or f.answered:
        return Progress.IN_PROGRESS
    return Progress.NOT_STARTED


def _division(f: YearFacts, today, rounds) -> Progress | None:
    if f.division is None:
        return Progress.NOT_STARTED
    return Progress.DONE if f.division in APPROVED else Progress.IN_PROGRESS


def _rotation_needs(f: YearFacts, today, rounds) -> Progress | None:
    return Progress.IN_PROGRESS if f.reserved else None


def _preferences(f: YearFacts, today, rounds) -> Progress | None:
    if f.window_opens is None or today < f.window_opens:
        return Progress.NOT_STARTED
    return Progress.IN_PROGRESS if today <= f.window_closes else Progress.DONE


def _wo_publish(f: YearFacts, today, rounds) -> Progress | None:
    return Progress.DONE if f.division == "published" else None


def _hbo_rotation(f: YearFacts, today, rounds) -> Progress | None:
    if f.committed_runs:
        return Progress.DONE
    return Progress.IN_PROGRESS if f.runs else None


def _proposals(f: YearFacts, today, rounds) -> Progress | None:
    return Progress.IN_PROGRESS if f.live_placements else None


def _interviews(f: YearFacts, today, rounds) -> Progress | None:
    live = f.live_placements
    if not live:
        return None
    waiting = f.placements_in(WAITING_FOR_INTERVIEW)
    if not waiting:
        return Progress.DONE
    planned_or_past = live - f.placements.get("proposed", 0)
    return Progress.IN_PROGRESS if planned_or_past else Progress.NOT_STARTED


def _definitive(f: YearFacts, today, rounds) -> Progress | None:
    live = f.live_placements
    if not live:
        return None
    confirmed = f.placements_in(DEFINITIVE)
    if confirmed == live:
        return Progress.DONE
    return Progress.IN_PROGRESS if confirmed else Progress.NOT_STARTED


def _to_admin(f: YearFacts, today, rounds) -> Progress | None:
    if not f.snapshots:
        return None
    return Progress.DONE if f.snapshots >= max(len(rounds), 1) else Progress.IN_PROGRESS


# What the product knows of each step (``placements.calendar.procedure.STEPS`` codes); a step not
# listed is followed by its ticks only.
DERIVED = {
    "quota": _quota,
    "inventory": _inventory,
    "division": _division,
    "rotation_needs": _rotation_needs,
    "preferences": _preferences,
    "wo_publish": _wo_publish,
    "hbo_rotation": _hbo_rotation,
    "proposals": _proposals,
    "interviews": _interviews,
    "definitive": _definitive,
    "to_admin": _to_admin,
}


def derived(code: str, facts: YearFacts, today: datetime.date, rounds: Sequence[Round] = ()):
    """What the year's data say about step ``code``: a Progress, or None when they say nothing."""
    rule = DERIVED.get(code)
    return rule(facts, today, rounds) if rule else None


def step_progress(
    rounds: Sequence[Round], from_data: Progress | None, today: datetime.date
) -> Progress:
    """The status of a step from its rounds (ticks and due dates) and what the data say."""
    ticked = [r for r in rounds if r.ticked != TICKED_OPEN]
    if rounds and len(ticked) == len(rounds):
        return Progress.DONE
    if from_data == Progress.DONE:
        return Progress.DONE
    if any(r.due < today for r in rounds if r.ticked == TICKED_OPEN):
        return Progress.OVERDUE
    if from_data == Progress.IN_PROGRESS or ticked:
        return Progress.IN_PROGRESS
    return Progress.NOT_STARTED


def next_due(rounds: Sequence[Round]) -> datetime.date | None:
    """The due date to show: the first round nobody ticked, else the last round."""
    open_rounds = [r.due for r in rounds if r.ticked == TICKED_OPEN]
    if open_rounds:
        return min(open_rounds)
    return max((r.due for r in rounds), default=None)
