"""Between the model's variable values and assignments (student id -> place id or None).

`to_assignments` reads a solution: direct variables name their place group, hub flows are
handed out to the hub's users by matching (`hubs.match`), and within a group places fill in
id order, students who need a bovenbouw place first. `from_assignments` writes an assignment
as variable values; with `model_objective` the tests check the model scores any assignment
exactly as `objective.evaluate` does.
"""

from __future__ import annotations

from placements.allocation.engine.formulation import Formulation
from placements.allocation.engine.hubs import match
from placements.allocation.engine.model import Problem
from placements.allocation.engine.rules import needs_bovenbouw


def to_assignments(problem: Problem, form: Formulation, values: list[int]) -> dict[int, int | None]:
    chosen: dict[int, int] = {}
    for v, (student_id, g) in form.direct.items():
        if values[v]:
            chosen[student_id] = g
    school_of = form.school_of
    for hub in form.hubs:
        users = [s for s, v in hub.use_vars.items() if values[v]]
        flows = {g: values[v] for g, v in hub.flow_vars.items() if values[v]}
        chosen.update(match(hub, users, flows, school_of))
    assignments: dict[int, int | None] = {s.id: s.locked_place_id for s in problem.students}
    room = dict(form.place_room)
    bovenbouw_first = sorted(chosen, key=lambda s: (form.groups[chosen[s]].parent is None, s))
    for student_id in bovenbouw_first:
        place_id = next(p for p in form.groups[chosen[student_id]].place_ids if room[p] > 0)
        room[place_id] -= 1
        assignments[student_id] = place_id
    return assignments


def from_assignments(
    problem: Problem, form: Formulation, assignments: dict[int, int | None]
) -> list[int]:
    """Variable values for an assignment; students it cannot express are left unplaced."""
    group_of = {(p, grp.stage): g for g, grp in enumerate(form.groups) for p in grp.place_ids}
    students = {s.id: s for s in problem.students}
    direct = {key: v for v, key in form.direct.items()}
    hub_of = {s: hub for hub in form.hubs for s in hub.use_vars}
    values = [0] * len(form.upper)
    for student_id, place_id in assignments.items():
        stage = "bovenbouw" if needs_bovenbouw(students[student_id]) else "any"
        g = group_of.get((place_id, stage))
        if (student_id, g) in direct:
            values[direct[student_id, g]] = 1
            continue
        hub = hub_of.get(student_id)
        if hub is not None and g in hub.flow_vars:
            values[hub.use_vars[student_id]] = 1
            values[hub.flow_vars[g]] += 1
            values[hub.total_var] += 1
    for load, members in form.loads:
        values[load] = sum(values[v] for v in members)
    for excess, load, offset in form.spread:
        values[excess] = max(0, values[load] + offset)
    return values


def model_objective(form: Formulation, values: list[int]) -> int:
    """The model's objective for variable values (equals `evaluate` at an optimum)."""
    return form.constant + sum(c * x for c, x in zip(form.score, values, strict=True))
