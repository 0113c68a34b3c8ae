"""The integer linear model shared by the CP-SAT solver and the LP bound.

Variables are non-negative integers with an upper bound and an objective coefficient; rows
are `lo <= sum(coef * var) <= hi`. Building it small is what makes the solve fast:

- places are merged per school, subject, level and start into one "any" group (all stages)
  and one "bovenbouw" group inside it for students who need the upper stage; its students
  count in both capacity rows, which is exactly enough to seat everyone (nested sets);
- a student gets variables only for place groups that pass every hard rule (`rules.py`):
  one per group at a preferred school, and a share in a hub for the rest (`hubs.py`);
- locked students get no variables: their places' and schools' capacity is consumed first
  and their score is a constant;
- capacity rows that can never bind are left out.

Objective (maximise): sum(score * var) + constant. Every free student adds -unplaced_penalty
to the constant and +unplaced_penalty to each of their variables, so an unplaced student costs
exactly `unplaced_penalty`. Spreading: per school and tier, an excess variable with
excess >= load - threshold and cost per unit; the optimum makes it max(0, load - threshold).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from placements.allocation.engine import hubs
from placements.allocation.engine.model import Problem
from placements.allocation.engine.objective import (
    pair_score,
    school_capacity,
    spread_cost,
    spread_tiers,
    variety_points,
)
from placements.allocation.engine.rules import (
    needs_bovenbouw,
    school_rule,
    variety_need,
    variety_rule,
)


@dataclass(frozen=True)
class Group:
    school_id: int
    stage: str  # "any" or "bovenbouw"
    place_ids: tuple[int, ...]
    capacity: int
    parent: int | None = None  # the "any" group a "bovenbouw" group lies in


@dataclass
class Formulation:
    upper: list[int] = field(default_factory=list)
    score: list[int] = field(default_factory=list)
    constant: int = 0
    rows: list[tuple[list[int], list[int], int | None, int]] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    direct: dict[int, tuple[int, int]] = field(default_factory=dict)  # var -> (student, group)
    hubs: list[hubs.Hub] = field(default_factory=list)
    loads: list[tuple[int, list[int]]] = field(default_factory=list)  # school load, its vars
    spread: list[tuple[int, int, int]] = field(default_factory=list)  # excess, load, offset
    place_room: dict[int, int] = field(default_factory=dict)

    def var(self, upper: int, score: int) -> int:
        self.upper.append(upper)
        self.score.append(score)
        return len(self.upper) - 1

    @property
    def school_of(self) -> list[int]:
        return [g.school_id for g in self.groups]


def build(problem: Problem) -> Formulation:
    form = Formulation()
    locked_place = Counter(s.locked_place_id for s in problem.students if s.locked_place_id)
    locked_school = Counter(problem.place_by_id[p].school_id for p in locked_place.elements())
    form.place_room = {p.id: max(0, p.capacity - locked_place[p.id]) for p in problem.places}
    school_room = {
        s.id: None if s.total_cap is None else max(0, s.total_cap - locked_school[s.id])
        for s in problem.schools
    }
    groups_by_key = _groups(problem, form, school_room)
    unplaced = problem.weights.unplaced_penalty
    student_vars: dict[int, list[int]] = defaultdict(list)
    by_key: dict[tuple, hubs.Hub] = {}
    for student in problem.students:
        if student.locked_place_id is not None:
            school = problem.school_by_id[problem.place_by_id[student.locked_place_id].school_id]
            form.constant += pair_score(problem, student, school)
            continue
        form.constant -= unplaced
        need, bovenbouw = variety_need(student), needs_bovenbouw(student)
        base = [
            g
            for g in groups_by_key.get((student.subject_id, student.level, student.start), [])
            if form.groups[g].stage == ("bovenbouw" if bovenbouw else "any")
            and variety_rule(need, problem.school_by_id[form.groups[g].school_id]) is None
        ]
        rule = {
            s: school_rule(student, problem.school_by_id[s])
            for s in {form.groups[g].school_id for g in base}
        }
        forbidden = frozenset(s for s, code in rule.items() if code is not None)
        in_hub = len(forbidden) <= hubs.MAX_FORBIDDEN
        for g in base:
            school_id = form.groups[g].school_id
            if rule[school_id] is None and (not in_hub or school_id in student.preferences):
                school = problem.school_by_id[school_id]
                v = form.var(1, unplaced + pair_score(problem, student, school))
                form.direct[v] = (student.id, g)
                student_vars[student.id].append(v)
        if in_hub:
            key = hubs.hub_key(problem, student)
            hub = by_key.setdefault(key, hubs.Hub(seen=key[-1], base=base))
            hub.forbidden[student.id] = forbidden
    no_pref = problem.weights.no_preference_penalty
    penalty = {s.id: no_pref * bool(s.preferences) for s in problem.students}
    form.hubs = list(by_key.values())
    for hub in form.hubs:
        _add_hub(problem, form, hub, student_vars, unplaced, penalty)
    for vs in student_vars.values():
        if len(vs) > 1:
            form.rows.append((vs, [1] * len(vs), None, 1))
    _capacity_and_spread(problem, form, school_room, locked_school)
    return form


def _groups(problem: Problem, form: Formulation, school_room: dict) -> dict[tuple, list[int]]:
    """Merge places with room into groups. Returns (subject, level, start) -> group indices."""
    merged: dict[tuple, list] = defaultdict(list)
    for place in sorted(problem.places, key=lambda p: p.id):
        if form.place_room[place.id] > 0 and school_room[place.school_id] != 0:
            merged[place.subject_id, place.level, place.start, place.school_id].append(place)
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for key, places in merged.items():
        parent = None
        for stage in ("any", "bovenbouw"):
            ids = tuple(p.id for p in places if stage == "any" or p.stage == stage)
            if ids:
                room = sum(form.place_room[p] for p in ids)
                by_key[key[:3]].append(len(form.groups))
                form.groups.append(Group(key[3], stage, ids, room, parent))
                parent = len(form.groups) - 1 if parent is None else parent
    return by_key


def _add_hub(problem, form, hub, student_vars, unplaced: int, penalty: dict) -> None:
    nobody = frozenset.intersection(*hub.forbidden.values())
    hub.groups = [g for g in hub.base if form.groups[g].school_id not in nobody]
    if not hub.groups:
        return
    size = len(hub.forbidden)
    hub.total_var = form.var(size, 0)
    for g in hub.groups:
        school = problem.school_by_id[form.groups[g].school_id]
        points = variety_points(problem.weights, hub.seen, school)
        hub.flow_vars[g] = form.var(min(size, form.groups[g].capacity), points)
    for student_id in hub.forbidden:
        hub.use_vars[student_id] = form.var(1, unplaced - penalty[student_id])
        student_vars[student_id].append(hub.use_vars[student_id])
    for members in (hub.flow_vars.values(), hub.use_vars.values()):
        form.rows.append(([*members, hub.total_var], [1] * len(members) + [-1], 0, 0))
    for schools, students in hubs.hall_sets(hub, form.school_of).items():
        flows = [v for g, v in hub.flow_vars.items() if form.groups[g].school_id in schools]
        uses = [hub.use_vars[s] for s in students]
        terms = [*flows, *uses, hub.total_var]
        form.rows.append((terms, [1] * (len(terms) - 1) + [-1], None, 0))


def _capacity_and_spread(problem, form, school_room: dict, locked_school: Counter) -> None:
    group_vars: dict[int, list[int]] = defaultdict(list)
    school_vars: dict[int, list[int]] = defaultdict(list)
    flows = [(v, g) for hub in form.hubs for g, v in hub.flow_vars.items()]
    for v, g in [(v, g) for v, (_s, g) in form.direct.items()] + flows:
        group_vars[g].append(v)
        school_vars[form.groups[g].school_id].append(v)
        if form.groups[g].parent is not None:  # bovenbouw seats count in the whole cluster
            group_vars[form.groups[g].parent].append(v)
    for g, vs in group_vars.items():
        if sum(form.upper[v] for v in vs) > form.groups[g].capacity:
            form.rows.append((vs, [1] * len(vs), None, form.groups[g].capacity))
    for school in problem.schools:
        vs = school_vars.get(school.id, [])
        room, reach = school_room[school.id], sum(form.upper[v] for v in vs)
        reach = reach if room is None else min(reach, room)
        capacity, locked = school_capacity(problem, school), locked_school[school.id]
        tiers = [t for t in spread_tiers(problem.weights, capacity) if locked + reach > t[0]]
        if not vs or not (tiers or reach < sum(form.upper[v] for v in vs)):
            form.constant -= spread_cost(problem.weights, capacity, locked)
            continue
        load = form.var(reach, 0)  # one load variable keeps the tier rows short
        form.rows.append(([*vs, load], [1] * len(vs) + [-1], 0, 0))
        form.loads.append((load, vs))
        for threshold, cost in tiers:
            excess = form.var(reach + max(0, locked - threshold), -cost)
            form.rows.append(([load, excess], [1, -1], None, threshold - locked))
            form.spread.append((excess, load, locked - threshold))
