"""Explanations: a code plus params per student, computed from the final assignment.

Placed students:
  ("locked", conflicts=[rule codes], over_capacity=bool)  the lock was kept as it is
  ("preference", rank=r, better_full=[ranks], better_infeasible=[[rank, rule]],
   better_balanced=[ranks])  got preference r; why each better preference was not given:
   full (its places or the school's total cap used by others), not allowed by a hard rule, or
   room left but the spreading of students over schools weighed more
  ("no_preference_met", full=..., infeasible=..., balanced=...)  same, for all preferences
  ("no_preferences_given",)
Unplaced students:
  ("no_matching_place", subject_id, level, start)  no place for subject/level/start at all
  ("all_blocked", rules={rule: [school ids]})  every matching school broke a hard rule
  ("travel", school_ids=[...], max_minutes=m)  every place the other rules allow is too far
  ("places_full", places=n)  all allowed places are taken
  ("school_caps_reached", school_ids=[...])  allowed places had room but the schools were capped
  ("not_selected",)  a place was free but the weights made leaving the student out better
  ("no_solution",)  the solver found no solution in time
Notes: "variety_both_missing" (last year without vmbo nor havo/vwo: only one can be enforced).
Rule codes are those of `rules.py` plus "no_matching_place".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from placements.allocation.engine.model import Explanation, Problem, Student
from placements.allocation.engine.rules import (
    allowed_places,
    matching_places,
    place_rule,
    student_notes,
)


def explain(
    problem: Problem, assignments: dict[int, int | None], *, solved: bool = True
) -> dict[int, Explanation]:
    used = Counter(pid for pid in assignments.values() if pid is not None)
    school_used = Counter(problem.place_by_id[pid].school_id for pid in used.elements())

    def school_full(school_id: int) -> bool:
        cap = problem.school_by_id[school_id].total_cap
        return cap is not None and school_used[school_id] >= cap

    def place_full(pid: int) -> bool:
        return used[pid] >= problem.place_by_id[pid].capacity or school_full(
            problem.place_by_id[pid].school_id
        )

    out = {}
    for student in problem.students:
        pid = assignments.get(student.id)
        if student.locked_place_id is not None and pid == student.locked_place_id:
            code, params = _locked(problem, student, used, school_used)
        elif pid is not None:
            code, params = _placed(problem, student, pid, place_full)
        elif not solved:
            code, params = "no_solution", {}
        else:
            code, params = _unplaced(problem, student, used, school_full)
        out[student.id] = Explanation(code=code, params=params, notes=student_notes(student))
    return out


def _locked(problem: Problem, student: Student, used: Counter, school_used: Counter):
    place = problem.place_by_id[student.locked_place_id]
    school = problem.school_by_id[place.school_id]
    rule = place_rule(student, place, school)
    cap = school.total_cap
    return "locked", {
        "conflicts": [rule] if rule else [],
        "over_capacity": used[place.id] > place.capacity
        or (cap is not None and school_used[school.id] > cap),
    }


def _school_blocker(problem: Problem, student: Student, school_id: int) -> str | None:
    """The rule that keeps the student from every place at the school, or None if one is open."""
    places = [p for p in matching_places(problem, student) if p.school_id == school_id]
    if not places:
        return "no_matching_place"
    rules = [place_rule(student, p, problem.school_by_id[school_id]) for p in places]
    return None if None in rules else rules[0]


def _placed(problem: Problem, student: Student, pid: int, place_full) -> tuple[str, dict]:
    school_id = problem.place_by_id[pid].school_id
    prefs = student.preferences
    if not prefs:
        return "no_preferences_given", {}
    rank = prefs.index(school_id) + 1 if school_id in prefs else None
    full, infeasible, balanced = [], [], []
    for better_rank, better_school in enumerate(prefs[: (rank or len(prefs) + 1) - 1], 1):
        rule = _school_blocker(problem, student, better_school)
        if rule is not None:
            infeasible.append([better_rank, rule])
            continue
        allowed = [
            p.id
            for p in matching_places(problem, student)
            if p.school_id == better_school
            and place_rule(student, p, problem.school_by_id[better_school]) is None
        ]
        (full if all(place_full(p) for p in allowed) else balanced).append(better_rank)
    if rank is None:
        return "no_preference_met", {"full": full, "infeasible": infeasible, "balanced": balanced}
    return "preference", {
        "rank": rank,
        "better_full": full,
        "better_infeasible": infeasible,
        "better_balanced": balanced,
    }


def _unplaced(problem: Problem, student: Student, used: Counter, school_full) -> tuple[str, dict]:
    matching = matching_places(problem, student)
    if not matching:
        return "no_matching_place", {
            "subject_id": student.subject_id,
            "level": student.level,
            "start": student.start,
        }
    allowed = allowed_places(problem, student)
    if not allowed:
        near_enough = replace(student, max_travel_minutes=None)
        open_but_far = [
            p
            for p in matching
            if place_rule(near_enough, p, problem.school_by_id[p.school_id]) is None
        ]
        if open_but_far:
            return "travel", {
                "school_ids": sorted({p.school_id for p in open_but_far}),
                "max_minutes": student.max_travel_minutes,
            }
        rules: dict[str, set[int]] = defaultdict(set)
        for place in matching:
            rule = place_rule(student, place, problem.school_by_id[place.school_id])
            rules[rule].add(place.school_id)
        return "all_blocked", {"rules": {rule: sorted(ids) for rule, ids in rules.items()}}
    own_room = [p for p in allowed if used[p.id] < p.capacity]
    if not own_room:
        return "places_full", {"places": len(allowed)}
    schools = {p.school_id for p in own_room}
    if all(school_full(school_id) for school_id in schools):
        return "school_caps_reached", {"school_ids": sorted(schools)}
    return "not_selected", {}


RULE_TEXT = {
    "subject": "other subject",
    "level": "other level",
    "start": "other start",
    "excluded": "school excluded",
    "minor_stays": "minor stays at own school",
    "previous_school": "school visited before",
    "stage_bovenbouw": "bovenbouw place required",
    "variety_vmbo": "vmbo school required",
    "variety_havo_vwo": "havo/vwo school required",
    "variety_either": "vmbo or havo/vwo school required",
    "travel": "too far to travel",
    "no_matching_place": "no place for subject, level and start",
}


def _reasons(full: list, infeasible: list, balanced: list) -> list[str]:
    parts = [f"preference {r} full" for r in full]
    parts += [f"preference {r} not allowed ({RULE_TEXT.get(c, c)})" for r, c in infeasible]
    parts += [f"preference {r} left for a better spread" for r in balanced]
    return sorted(parts, key=lambda text: int(text.split()[1]))


def explain_text(expl: Explanation) -> str:
    """English one-liner for logs, e.g. "preference 2; preference 1 full"."""
    p = expl.params
    if expl.code == "preference":
        parts = [f"preference {p['rank']}"]
        parts += _reasons(p["better_full"], p["better_infeasible"], p["better_balanced"])
    elif expl.code == "no_preference_met":
        parts = ["no preference met", *_reasons(p["full"], p["infeasible"], p["balanced"])]
    elif expl.code == "locked":
        parts = ["locked"] + [f"conflicts with: {RULE_TEXT.get(c, c)}" for c in p["conflicts"]]
        parts += ["over capacity"] if p["over_capacity"] else []
    elif expl.code == "all_blocked":
        rules = ", ".join(f"{RULE_TEXT.get(r, r)} ({len(ids)})" for r, ids in p["rules"].items())
        parts = [f"unplaced: every matching school is blocked: {rules}"]
    else:
        detail = ", ".join(f"{k}={v}" for k, v in p.items())
        parts = [expl.code.replace("_", " ") + (f" ({detail})" if detail else "")]
    parts += [note.replace("_", " ") for note in expl.notes]
    return "; ".join(parts)
