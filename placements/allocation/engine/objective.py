"""The one scoring function: what an assignment is worth (higher is better).

score = sum over placed students of pair_score(student, school)
        - unplaced_penalty * (students without a place)
        - sum over schools of spread_cost(school, load)

pair_score = preference weight of the school's rank in the student's list
             (or -no_preference_penalty if the student stated preferences and got none of them)
             + variety_bonus if the school has a school type the student has not seen yet.

spread_cost is convex and piecewise linear in the school's load, so the solver and the LP bound
can model it with one non-negative "excess" variable per tier (see `formulation.py`).
Locked students are scored like everybody else. The solver's objective must equal `evaluate()`
of its assignment; the tests check this.
"""

from __future__ import annotations

from collections import Counter

from placements.allocation.engine.model import Problem, School, Student, Weights


def seen_types(problem: Problem, student: Student) -> frozenset[str]:
    """School types the student has seen: stated ones plus those of known previous schools."""
    seen = set(student.seen_school_types)
    for school_id in student.previous_school_ids:
        school = problem.school_by_id.get(school_id)
        if school is not None:
            seen |= school.school_types
    return frozenset(seen)


def pair_score(problem: Problem, student: Student, school: School) -> int:
    """Score of placing `student` at `school` (does not depend on the place within it)."""
    weights = problem.weights
    score = 0
    if school.id in student.preferences:
        rank = student.preferences.index(school.id)
        score += weights.preference[rank] if rank < len(weights.preference) else 0
    elif student.preferences:
        score -= weights.no_preference_penalty
    return score + variety_points(problem.weights, seen_types(problem, student), school)


def variety_points(weights: Weights, seen: frozenset[str], school: School) -> int:
    """The variety bonus when the school has a type outside `seen`."""
    return weights.variety_bonus if school.school_types - seen else 0


def school_capacity(problem: Problem, school: School) -> int:
    """Capacity the spreading penalty is relative to: places, bounded by `total_cap`."""
    places = sum(p.capacity for p in problem.places if p.school_id == school.id)
    return places if school.total_cap is None else min(places, school.total_cap)


def spread_tiers(weights: Weights, capacity: int) -> list[tuple[int, int]]:
    """(threshold load, cost per student above it) per tier, for a school of `capacity`."""
    return [
        (percent * capacity // 100, weights.spread_penalty * multiplier)
        for percent, multiplier in weights.spread_tiers
        if weights.spread_penalty * multiplier > 0
    ]


def spread_cost(weights: Weights, capacity: int, load: int) -> int:
    tiers = spread_tiers(weights, capacity)
    return sum(cost * max(0, load - threshold) for threshold, cost in tiers)


def evaluate(problem: Problem, assignments: dict[int, int | None]) -> int:
    """Score of an assignment (student id -> place id or None); missing students are unplaced."""
    total = 0
    load: Counter[int] = Counter()
    for student in problem.students:
        place_id = assignments.get(student.id)
        if place_id is None:
            total -= problem.weights.unplaced_penalty
            continue
        school = problem.school_by_id[problem.place_by_id[place_id].school_id]
        total += pair_score(problem, student, school)
        load[school.id] += 1
    for school_id, students in load.items():
        school = problem.school_by_id[school_id]
        total -= spread_cost(problem.weights, school_capacity(problem, school), students)
    return total


def describe_weights(weights: Weights | None = None) -> list[str]:
    """Human-readable lines (English) describing the objective, for the UI and logs."""
    w = weights or Weights()
    lines = [f"preference {rank}: +{points}" for rank, points in enumerate(w.preference, 1)]
    lines += [
        f"placed at a school outside the stated preferences: -{w.no_preference_penalty}",
        f"school with a school type the student has not seen yet: +{w.variety_bonus}",
    ]
    lines += [
        f"each student above {percent}% of a school's capacity: -{w.spread_penalty * mult}"
        " (tiers add up)"
        for percent, mult in w.spread_tiers
    ]
    lines.append(f"student left without a place: -{w.unplaced_penalty}")
    return lines
