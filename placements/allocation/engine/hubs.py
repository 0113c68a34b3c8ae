"""Hubs: one shared route to the non-preferred schools for students who are alike.

Every student scores the same at all schools outside their preferences (minus the
no-preference penalty, plus a variety bonus that depends only on the school and the school
types the student has seen). So instead of a variable per (student, place) for the ~40 schools
nobody asked for, students with the same subject, level, start, stage need, variety need and
seen types share a hub: a 0/1 "use the hub" per student and an integer flow per place group
out of the hub. Preferred schools keep their own variables (`formulation.py`).

Individual hard rules (an excluded school, a previous school) leave a student a few forbidden
schools F(s) inside the hub. Handing out the hub's flow to its students is then a bipartite
matching, which exists exactly when Hall's condition holds; with small F(s) it reduces to one
row per non-empty U within some F(s):
    flow into the schools of U + (hub students with U inside F(s)) <= hub total.
Students with more than MAX_FORBIDDEN forbidden schools (e.g. a minor who stays at one school)
do not join a hub and keep one variable per allowed place group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from placements.allocation.engine.model import Problem, Student
from placements.allocation.engine.objective import seen_types
from placements.allocation.engine.rules import needs_bovenbouw, variety_need

MAX_FORBIDDEN = 3


@dataclass
class Hub:
    seen: frozenset[str]
    base: list[int]  # place groups of the key (subject, level, start, stage and variety need)
    groups: list[int] = field(default_factory=list)  # base minus schools nobody may use
    forbidden: dict[int, frozenset[int]] = field(default_factory=dict)  # student -> F(s)
    flow_vars: dict[int, int] = field(default_factory=dict)  # group -> integer variable
    use_vars: dict[int, int] = field(default_factory=dict)  # student -> 0/1 variable
    total_var: int = -1


def hub_key(problem: Problem, student: Student) -> tuple:
    seen = seen_types(problem, student) if problem.weights.variety_bonus else frozenset()
    return (
        student.subject_id,
        student.level,
        student.start,
        needs_bovenbouw(student),
        variety_need(student),
        seen,
    )


def hall_sets(hub: Hub, school_of: list[int]) -> dict[frozenset[int], list[int]]:
    """Each school set U that needs a Hall row -> the hub students forbidden from all of U."""
    reachable = {school_of[g] for g in hub.groups}
    subsets: set[frozenset[int]] = set()
    for forbidden in hub.forbidden.values():
        inside = sorted(forbidden & reachable)
        for size in range(1, len(inside) + 1):
            subsets.update(frozenset(c) for c in combinations(inside, size))
    return {
        u: [s for s, forbidden in hub.forbidden.items() if u <= forbidden]
        for u in sorted(subsets, key=sorted)
    }


def match(
    hub: Hub, users: list[int], flows: dict[int, int], school_of: list[int]
) -> dict[int, int]:
    """Give each hub user a group with flow left, avoiding their forbidden schools.

    Augmenting paths (Kuhn); Hall's rows in the model guarantee everyone is matched.
    """
    taken: dict[int, list[int]] = {g: [] for g in flows}
    order = sorted(flows)

    def place(student: int, seen: set[int]) -> bool:
        for g in order:
            if g in seen or school_of[g] in hub.forbidden[student]:
                continue
            seen.add(g)
            if len(taken[g]) < flows[g]:
                taken[g].append(student)
                return True
            for other in taken[g]:
                if place(other, seen):
                    taken[g].remove(other)
                    taken[g].append(student)
                    return True
        return False

    for student in sorted(users, key=lambda s: (-len(hub.forbidden[s]), s)):
        if not place(student, set()):
            raise RuntimeError("hub flow cannot be handed out (Hall's condition broken)")
    return {s: g for g, students in taken.items() for s in students}
