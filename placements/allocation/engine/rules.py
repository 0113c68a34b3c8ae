"""Hard rules: which (student, place) pairs are allowed at all.

A place is allowed for a student when all of these hold (002 §3.3, rotation and variety):

- subject, level (hbo/wo) and start (september/february) are the student's;
- the school is not in the student's `excluded_schools`;
- minors do not rotate: with `stay_at_school_id` set they may only be placed at that school;
- rotation: an hbo_bachelor student never returns to a school in `previous_school_ids`; a
  wo_master student who did the first half in the onderbouw (`previous_stage`) now needs a
  bovenbouw place at a school not in `previous_school_ids`;
- travel: where the travel time to the school is known and the student stated a maximum,
  the school may not be further away than that maximum (an unknown travel time is allowed);
- variety (hbo_bachelor and wo_master only: minors stay and "other" has no track): in the last
  year (`remaining_years == 1`) a student who has not seen vmbo must go to a vmbo school, one who
  has not seen havo/vwo to a havo/vwo school; with both missing no single school can make up
  for it, so at least one of the two is required and the note "variety_both_missing" is reported.

Capacity (per place and per school `total_cap`) is not a pair rule; the solver enforces it.
Locked placements skip these rules: a lock is honoured and its conflicts are reported.
Each rule returns a code; the order of the checks decides which code is reported first.
"""

from __future__ import annotations

from collections import Counter

from placements.allocation.engine.model import Place, Problem, School, Student

VARIETY_TRACKS = frozenset({"hbo_bachelor", "wo_master"})
MATCH_CODES = ("subject", "level", "start")


def needs_bovenbouw(student: Student) -> bool:
    """wo master, second half: the first half was in the onderbouw."""
    return student.track == "wo_master" and student.previous_stage == "onderbouw"


def rotates(student: Student) -> bool:
    """Students who must change school this year."""
    return student.track == "hbo_bachelor" or needs_bovenbouw(student)


def variety_need(student: Student) -> str | None:
    """ "vmbo", "havo_vwo", "either" (both missing) or None: what the last year must add."""
    if student.track not in VARIETY_TRACKS or student.remaining_years != 1:
        return None
    if not student.seen_vmbo and not student.seen_havo_vwo:
        return "either"
    if not student.seen_vmbo:
        return "vmbo"
    if not student.seen_havo_vwo:
        return "havo_vwo"
    return None


def school_rule(student: Student, school: School) -> str | None:
    """The first school-level rule that forbids this school for the student, or None."""
    if school.id in student.excluded_schools:
        return "excluded"
    stay = student.stay_at_school_id
    if student.track == "minor" and stay is not None and school.id != stay:
        return "minor_stays"
    if rotates(student) and school.id in student.previous_school_ids:
        return "previous_school"
    if too_far(student, school.id):
        return "travel"
    return variety_rule(variety_need(student), school)


def too_far(student: Student, school_id: int) -> bool:
    """The school's known travel time exceeds the student's stated maximum."""
    if student.max_travel_minutes is None:
        return False
    minutes = dict(student.travel_minutes).get(school_id)
    return minutes is not None and minutes > student.max_travel_minutes


def variety_rule(need: str | None, school: School) -> str | None:
    """ "variety_<need>" when the school cannot give the missing school type, else None."""
    if need == "vmbo" and not school.is_vmbo:
        return "variety_vmbo"
    if need == "havo_vwo" and not school.is_havo_vwo:
        return "variety_havo_vwo"
    if need == "either" and not (school.is_vmbo or school.is_havo_vwo):
        return "variety_either"
    return None


def place_rule(student: Student, place: Place, school: School) -> str | None:
    """The first rule that forbids this place for the student, or None when allowed."""
    if place.subject_id != student.subject_id:
        return "subject"
    if place.level != student.level:
        return "level"
    if place.start != student.start:
        return "start"
    rule = school_rule(student, school)
    if rule is None and needs_bovenbouw(student) and place.stage != "bovenbouw":
        rule = "stage_bovenbouw"
    return rule


def matching_places(problem: Problem, student: Student) -> list[Place]:
    """Places with the student's subject, level and start (sorted by id)."""
    return problem.places_by_key.get((student.subject_id, student.level, student.start), [])


def allowed_places(problem: Problem, student: Student) -> list[Place]:
    """Places that pass every hard rule for the student (sorted by id)."""
    schools = problem.school_by_id
    return [
        p
        for p in matching_places(problem, student)
        if place_rule(student, p, schools[p.school_id]) is None
    ]


def student_notes(student: Student) -> tuple[str, ...]:
    return ("variety_both_missing",) if variety_need(student) == "either" else ()


def violations(problem: Problem, assignments: dict[int, int | None]) -> list[tuple]:
    """Hard-rule breaches in an assignment, ignoring those a lock causes (locks win).

    Returns tuples like ("rule", student_id, code), ("capacity", place_id) or
    ("total_cap", school_id); empty when the assignment is valid.
    """
    found: list[tuple] = [
        ("lock_moved", s.id)
        for s in problem.students
        if s.locked_place_id is not None and assignments.get(s.id) != s.locked_place_id
    ]
    locked_place, locked_school = Counter(), Counter()
    placed_place, placed_school = Counter(), Counter()
    students = {s.id: s for s in problem.students}
    for sid, pid in assignments.items():
        if pid is None:
            continue
        student, place = students[sid], problem.place_by_id[pid]
        placed_place[pid] += 1
        placed_school[place.school_id] += 1
        if student.locked_place_id == pid:
            locked_place[pid] += 1
            locked_school[place.school_id] += 1
            continue
        rule = place_rule(student, place, problem.school_by_id[place.school_id])
        if rule is not None:
            found.append(("rule", sid, rule))
    for pid, used in placed_place.items():
        if used > max(problem.place_by_id[pid].capacity, locked_place[pid]):
            found.append(("capacity", pid))
    for school_id, used in placed_school.items():
        cap = problem.school_by_id[school_id].total_cap
        if cap is not None and used > max(cap, locked_school[school_id]):
            found.append(("total_cap", school_id))
    return found
