"""Input and output dataclasses of the allocation engine (no Django, no solver).

Ids are plain ints taken from the database by the caller. All dataclasses are keyword-only;
inputs are frozen so a problem can be shared between the solver, the greedy baseline, the LP
bound and the evaluator without copying. A `Problem` validates itself on construction and
raises `ValueError` for inconsistent data (unknown school, duplicate id, bad enum value...).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

STAGES = frozenset({"onderbouw", "bovenbouw"})
LEVELS = frozenset({"hbo", "wo"})
STARTS = frozenset({"september", "february"})
TRACKS = frozenset({"hbo_bachelor", "wo_master", "minor", "other"})


@dataclass(frozen=True, kw_only=True)
class Place:
    """Places offered by one school for one subject, stage, level and start."""

    id: int
    school_id: int
    subject_id: int
    stage: str
    level: str
    start: str
    capacity: int


@dataclass(frozen=True, kw_only=True)
class School:
    """A school; `total_cap` (if set) caps the students over all its places."""

    id: int
    name: str
    total_cap: int | None = None
    school_types: frozenset[str] = frozenset()
    is_vmbo: bool = False
    is_havo_vwo: bool = False


@dataclass(frozen=True, kw_only=True)
class Student:
    """A student to place; see `rules.py` for how each field restricts the places."""

    id: int
    subject_id: int
    level: str
    track: str
    start: str
    remaining_years: int
    preferences: tuple[int, ...] = ()
    excluded_schools: frozenset[int] = frozenset()
    previous_school_ids: frozenset[int] = frozenset()
    previous_stage: str | None = None
    seen_vmbo: bool = False
    seen_havo_vwo: bool = False
    seen_school_types: frozenset[str] = frozenset()
    stay_at_school_id: int | None = None
    locked_place_id: int | None = None
    max_travel_minutes: int | None = None
    travel_minutes: tuple[tuple[int, int], ...] = ()  # (school id, minutes) where known


@dataclass(frozen=True, kw_only=True)
class Weights:
    """Objective weights (integers: CP-SAT needs integer coefficients). Maximised score.

    preference: points for a place at the student's 1st, 2nd, 3rd... preferred school.
    no_preference_penalty: subtracted when a student who stated preferences gets none of them.
    variety_bonus: added when the school has a school type the student has not seen yet.
    spread_penalty, spread_tiers: per school, every student above `percent`% of the school's
        capacity costs `spread_penalty * multiplier` (tiers add up: convex, piecewise linear).
    unplaced_penalty: subtracted per student left without a place.
    """

    preference: tuple[int, ...] = (100, 60, 30)
    no_preference_penalty: int = 20
    variety_bonus: int = 10
    spread_penalty: int = 2
    spread_tiers: tuple[tuple[int, int], ...] = ((50, 1), (75, 2), (90, 4))
    unplaced_penalty: int = 1000


@dataclass(frozen=True, kw_only=True)
class Problem:
    """Everything one allocation run needs; the solver settings travel with it."""

    places: tuple[Place, ...]
    schools: tuple[School, ...]
    students: tuple[Student, ...]
    weights: Weights = field(default_factory=Weights)
    time_limit_s: float = 10.0
    workers: int = 2
    seed: int = 0
    relative_gap: float = 0.0

    def __post_init__(self) -> None:
        for name in ("places", "schools", "students"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        _validate(self)

    @cached_property
    def school_by_id(self) -> dict[int, School]:
        return {s.id: s for s in self.schools}

    @cached_property
    def place_by_id(self) -> dict[int, Place]:
        return {p.id: p for p in self.places}

    @cached_property
    def places_by_key(self) -> dict[tuple[int, str, str], list[Place]]:
        """Places per (subject, level, start), sorted by id: a student's only candidates."""
        index: dict[tuple[int, str, str], list[Place]] = {}
        for place in sorted(self.places, key=lambda p: p.id):
            index.setdefault((place.subject_id, place.level, place.start), []).append(place)
        return index


def _validate(problem: Problem) -> None:
    for name in ("places", "schools", "students"):
        ids = [item.id for item in getattr(problem, name)]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate id in {name}")
    schools = {s.id for s in problem.schools}
    places = {p.id for p in problem.places}
    for s in problem.schools:
        if s.total_cap is not None and s.total_cap < 0:
            raise ValueError(f"school {s.id}: negative total_cap")
    for p in problem.places:
        if p.school_id not in schools:
            raise ValueError(f"place {p.id}: unknown school {p.school_id}")
        if p.stage not in STAGES or p.level not in LEVELS or p.start not in STARTS:
            raise ValueError(f"place {p.id}: bad stage, level or start")
        if p.capacity < 0:
            raise ValueError(f"place {p.id}: negative capacity")
    for st in problem.students:
        if st.level not in LEVELS or st.start not in STARTS or st.track not in TRACKS:
            raise ValueError(f"student {st.id}: bad level, start or track")
        if st.previous_stage is not None and st.previous_stage not in STAGES:
            raise ValueError(f"student {st.id}: bad previous_stage")
        if st.locked_place_id is not None and st.locked_place_id not in places:
            raise ValueError(f"student {st.id}: locked to unknown place {st.locked_place_id}")
    if problem.workers < 1 or problem.time_limit_s <= 0:
        raise ValueError("workers must be >= 1 and time_limit_s > 0")


@dataclass(frozen=True, kw_only=True)
class Explanation:
    """Why a student got (or did not get) a place: a code plus JSON-friendly params.

    `notes` carries extra codes that do not change the outcome (e.g. "variety_both_missing").
    The codes are listed in `explain.py`; `explain_text()` renders them in English for logs.
    """

    code: str
    params: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Progress:
    """Reported to the optional progress callback on every improving CP-SAT solution."""

    objective: float
    best_bound: float
    seconds: float
    solutions: int


@dataclass(frozen=True, kw_only=True)
class Result:
    """Outcome of `solve()`. `objective` is the evaluator's score of `assignments`.

    status: "optimal" | "feasible" (time limit hit: the better of CP-SAT's best solution and the
    greedy baseline) | "infeasible" | "model_invalid" (solver errors only: leaving students
    unplaced is always allowed; no assignments then and every explanation is "no_solution").
    best_bound: proven upper bound (we maximise); gap = (best_bound - objective) / max(1, |obj|).
    assignments maps every student id to a place id or None (unplaced).
    """

    status: str
    objective: int | None
    best_bound: int | None
    gap: float | None
    build_seconds: float
    solve_seconds: float
    assignments: dict[int, int | None]
    explanations: dict[int, Explanation]
    num_variables: int = 0

    @property
    def unplaced(self) -> dict[int, Explanation]:
        """Explanations of the students left without a place."""
        return {sid: self.explanations[sid] for sid, pid in self.assignments.items() if pid is None}

    def as_dict(self) -> dict:
        """Plain dict (JSON-serialisable apart from int keys) for a Celery result."""
        return asdict(self)
