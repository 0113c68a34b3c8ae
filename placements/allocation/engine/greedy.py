"""Greedy baseline: a fast, explainable allocation to compare the solver with.

Locks are applied first. Then students go one by one in a fixed order: fewest allowed places
first (the hardest to place), then by id. Each takes the place at their best-ranked preferred
school that still has room; without one, the allowed place with room that adds the most to the
score (`objective.pair_score` minus the extra spreading cost), lowest place id on ties.
It never breaks a hard rule but, unlike the solver, never revisits an earlier choice.
"""

from __future__ import annotations

from collections import Counter

from placements.allocation.engine.model import Place, Problem
from placements.allocation.engine.objective import pair_score, school_capacity, spread_cost
from placements.allocation.engine.rules import allowed_places


def greedy(problem: Problem) -> dict[int, int | None]:
    """Student id -> place id (or None), by the greedy rule above."""
    assignments: dict[int, int | None] = {s.id: s.locked_place_id for s in problem.students}
    place_room = {p.id: p.capacity for p in problem.places}
    school_room = {s.id: s.total_cap for s in problem.schools}
    load: Counter[int] = Counter()
    capacity = {s.id: school_capacity(problem, s) for s in problem.schools}

    def take(place: Place) -> int:
        place_room[place.id] -= 1
        load[place.school_id] += 1
        if school_room[place.school_id] is not None:
            school_room[place.school_id] -= 1
        return place.id

    def has_room(place: Place) -> bool:
        room = school_room[place.school_id]
        return place_room[place.id] > 0 and (room is None or room > 0)

    for student in problem.students:
        if student.locked_place_id is not None:
            take(problem.place_by_id[student.locked_place_id])
    free = [s for s in problem.students if s.locked_place_id is None]
    options = {s.id: allowed_places(problem, s) for s in free}
    for student in sorted(free, key=lambda s: (len(options[s.id]), s.id)):
        open_places = [p for p in options[student.id] if has_room(p)]
        if not open_places:
            continue
        by_school = {}
        for place in open_places:
            by_school.setdefault(place.school_id, place)
        preferred = [by_school[s] for s in student.preferences if s in by_school]

        def gain(place: Place, student=student) -> int:
            school = problem.school_by_id[place.school_id]
            cap, now = capacity[school.id], load[school.id]
            extra = spread_cost(problem.weights, cap, now + 1) - spread_cost(
                problem.weights, cap, now
            )
            return pair_score(problem, student, school) - extra

        best = preferred[0] if preferred else max(open_places, key=lambda p: (gain(p), -p.id))
        assignments[student.id] = take(best)
    return assignments
