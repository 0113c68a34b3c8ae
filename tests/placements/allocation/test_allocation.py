"""Allocation engine: pure tests (no database) for every hard rule, explanations and the solver.

Hand-made instances pin each rule; tiny hypothesis instances check the solver against a
brute-force optimum, the greedy baseline, the evaluator and the LP bound; the benchmark's
generator gives medium instances for determinism, progress and the time limit.
"""

import itertools
import json
from dataclasses import replace
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from placements.allocation.engine import (
    Place,
    Problem,
    School,
    Student,
    describe_weights,
    evaluate,
    explain_text,
    greedy,
    hubs,
    lp_bound,
    solve,
    violations,
)
from placements.allocation.engine.formulation import build
from placements.allocation.engine.rules import allowed_places as allowed
from placements.allocation.engine.translate import from_assignments, model_objective
from tests.benchmarks.allocation_bench import generate


def place(id, school, *, cap=1, **kw):
    attrs = {"subject_id": 1, "stage": "onderbouw", "level": "hbo", "start": "september", **kw}
    return Place(id=id, school_id=school, capacity=cap, **attrs)


def school(id, *, cap=None, vmbo=True, havo_vwo=True, types=("vmbo", "havo")):
    flags = {"is_vmbo": vmbo, "is_havo_vwo": havo_vwo, "school_types": frozenset(types)}
    return School(id=id, name=f"S{id}", total_cap=cap, **flags)


def student(id, **kw):
    attrs = {"subject_id": 1, "level": "hbo", "track": "hbo_bachelor", "start": "september"}
    return Student(id=id, **{**attrs, "remaining_years": 4, **kw})


def run(places, schools, students, **kw):
    return solve(Problem(places=places, schools=schools, students=students, **kw))


def school_of(result, problem_places, student_id):
    pid = result.assignments[student_id]
    return None if pid is None else {p.id: p.school_id for p in problem_places}[pid]


def test_place_capacity_and_preference_two_because_one_full():
    places = [place(1, 1), place(2, 2)]
    students = [student(1, preferences=(1,)), student(2, preferences=(1, 2))]
    result = run(places, [school(1), school(2)], students)
    assert result.status == "optimal"
    assert result.assignments == {1: 1, 2: 2}
    expl = result.explanations[2]
    assert (expl.code, expl.params["rank"], expl.params["better_full"]) == ("preference", 2, [1])
    assert explain_text(expl) == "preference 2; preference 1 full"


def test_full_place_leaves_student_unplaced_with_reason():
    result = run([place(1, 1)], [school(1)], [student(1), student(2)])
    assert sorted(result.assignments.values(), key=str) == [1, None]
    (expl,) = result.unplaced.values()
    assert (expl.code, expl.params) == ("places_full", {"places": 1})


def test_school_total_cap_over_all_its_places():
    places = [place(1, 1), place(2, 1, subject_id=2)]
    students = [student(1), student(2, subject_id=2)]
    result = run(places, [school(1, cap=1)], students)
    assert sum(p is not None for p in result.assignments.values()) == 1
    (expl,) = result.unplaced.values()
    assert (expl.code, expl.params) == ("school_caps_reached", {"school_ids": [1]})


@pytest.mark.parametrize("field", [{"subject_id": 2}, {"level": "wo"}, {"start": "february"}])
def test_subject_level_and_start_must_match(field):
    result = run([place(1, 1)], [school(1)], [student(1, **field)])
    assert result.assignments == {1: None}
    assert result.explanations[1].code == "no_matching_place"


def test_hbo_student_never_returns_to_a_previous_school():
    places = [place(1, 1), place(2, 2)]
    s = student(1, preferences=(1,), previous_school_ids=frozenset({1}))
    result = run(places, [school(1), school(2)], [s])
    assert result.assignments == {1: 2}
    assert result.explanations[1].params["infeasible"] == [[1, "previous_school"]]


def test_wo_master_second_half_goes_to_bovenbouw_at_another_school():
    places = [
        place(1, 1, level="wo", stage="bovenbouw"),
        place(2, 2, level="wo", stage="onderbouw"),
        place(3, 3, level="wo", stage="bovenbouw"),
    ]
    seen = {"seen_vmbo": True, "seen_havo_vwo": True, "remaining_years": 1}
    second_half = {"level": "wo", "track": "wo_master", "previous_stage": "onderbouw"}
    s = student(1, preferences=(1, 2), previous_school_ids=frozenset({1}), **second_half, **seen)
    result = run(places, [school(1), school(2), school(3)], [s])
    assert result.assignments == {1: 3}
    reasons = result.explanations[1].params["infeasible"]
    assert reasons == [[1, "previous_school"], [2, "stage_bovenbouw"]]


def test_minor_stays_at_own_school_and_does_not_rotate():
    places = [place(1, 1), place(2, 2), place(3, 1)]
    stays = student(1, track="minor", stay_at_school_id=1, preferences=(2,))
    free = student(2, track="minor", previous_school_ids=frozenset({1}), preferences=(1,))
    result = run(places, [school(1), school(2)], [stays, free])
    assert school_of(result, places, 1) == 1 and school_of(result, places, 2) == 1


@pytest.mark.parametrize(
    ("seen", "needed"), [({"seen_havo_vwo": True}, 1), ({"seen_vmbo": True}, 2)]
)
def test_variety_is_enforced_in_the_last_year(seen, needed):
    places = [place(1, 1), place(2, 1), place(3, 2), place(4, 2)]
    schools = [school(1, havo_vwo=False), school(2, vmbo=False)]  # vmbo only, havo/vwo only
    other = 3 - needed
    last = student(1, remaining_years=1, preferences=(other,), **seen)
    earlier = student(2, remaining_years=2, preferences=(other,), **seen)
    result = run(places, schools, [last, earlier])
    assert school_of(result, places, 1) == needed
    assert school_of(result, places, 2) == other


def test_variety_with_both_types_missing_requires_one_and_notes_it():
    schools = [school(1, vmbo=False, havo_vwo=False), school(2, vmbo=False)]
    s = student(1, remaining_years=1, preferences=(1,))
    result = run([place(1, 1), place(2, 2)], schools, [s])
    assert result.assignments == {1: 2}
    assert result.explanations[1].notes == ("variety_both_missing",)
    alone = run([place(1, 1)], schools[:1], [s])
    assert alone.explanations[1].params == {"rules": {"variety_either": [1]}}


def test_excluded_school_is_never_used():
    s = student(1, preferences=(1,), excluded_schools=frozenset({1}))
    result = run([place(1, 1), place(2, 2)], [school(1), school(2)], [s])
    assert result.assignments == {1: 2}


def test_locked_placement_never_moves_even_when_others_prefer_it():
    places = [place(1, 1), place(2, 2)]
    locked = student(1, locked_place_id=1, previous_school_ids=frozenset({1}))
    keen = student(2, preferences=(1,))
    result = run(places, [school(1), school(2)], [locked, keen])
    assert result.assignments == {1: 1, 2: 2}
    assert result.explanations[1].params == {
        "conflicts": ["previous_school"],
        "over_capacity": False,
    }
    assert result.explanations[2].params["full"] == [1]


def test_locks_beyond_capacity_are_kept_and_reported():
    students = [student(1, locked_place_id=1), student(2, locked_place_id=1), student(3)]
    problem = Problem(places=[place(1, 1)], schools=[school(1, cap=1)], students=students)
    result = solve(problem)
    assert result.assignments == {1: 1, 2: 1, 3: None}
    assert result.explanations[1].params["over_capacity"] is True
    assert violations(problem, result.assignments) == []
    assert violations(problem, {1: 1, 2: 1, 3: 1}) == [("capacity", 1), ("total_cap", 1)]


def test_unplaced_when_every_matching_school_is_blocked():
    s = student(1, excluded_schools=frozenset({1}), previous_school_ids=frozenset({2}))
    result = run([place(1, 1), place(2, 2)], [school(1), school(2)], [s])
    assert result.explanations[1].params == {"rules": {"excluded": [1], "previous_school": [2]}}
    assert "blocked" in explain_text(result.explanations[1])


def test_empty_and_hopeless_inputs():
    assert run([], [], []).status == "optimal"
    hopeless = run([], [school(1)], [student(1), student(2)])
    assert hopeless.status == "optimal" and hopeless.objective == -2000
    assert {e.code for e in hopeless.unplaced.values()} == {"no_matching_place"}
    with pytest.raises(ValueError):
        Problem(places=[place(1, 9)], schools=[school(1)], students=[])
    with pytest.raises(ValueError):
        Problem(places=[], schools=[school(1)], students=[student(1, locked_place_id=5)])


def test_weights_are_described_and_results_serialise():
    assert describe_weights()[0] == "preference 1: +100"
    result = run([place(1, 1)], [school(1)], [student(1, preferences=(1,))])
    assert json.loads(json.dumps(result.as_dict()))["status"] == "optimal"


# --- random instances ---------------------------------------------------------------------


@st.composite
def tiny_problems(draw):
    """Up to 3 schools, 4 places and 4 students: small enough to brute-force, shrinkable."""
    ids = list(range(1, draw(st.integers(1, 3)) + 1))
    pick, flag, subset = st.sampled_from, st.booleans(), st.frozensets(st.sampled_from(ids))
    schools = [
        school(i, cap=draw(st.none() | st.integers(0, 3)), vmbo=draw(flag), havo_vwo=draw(flag),
               types=draw(pick([("vmbo",), ("havo", "vwo")])))
        for i in ids
    ]  # fmt: skip
    places = [
        place(i, draw(pick(ids)), cap=draw(st.integers(0, 2)), subject_id=draw(st.integers(1, 2)),
              stage=draw(pick(["onderbouw", "bovenbouw"])), level=draw(pick(["hbo", "wo"])))
        for i in range(1, draw(st.integers(0, 4)) + 1)
    ]  # fmt: skip
    students = [
        student(i, subject_id=draw(st.integers(1, 2)), level=draw(pick(["hbo", "wo"])),
                track=draw(pick(["hbo_bachelor", "wo_master", "minor", "other"])),
                preferences=tuple(draw(st.permutations(ids))[: draw(st.integers(0, 3))]),
                previous_school_ids=draw(subset), excluded_schools=draw(subset),
                previous_stage=draw(pick([None, "onderbouw"])), seen_vmbo=draw(flag),
                seen_havo_vwo=draw(flag), remaining_years=draw(st.integers(1, 2)),
                stay_at_school_id=draw(st.none() | pick(ids)),
                locked_place_id=draw(st.none() | pick([None, *(p.id for p in places)])))
        for i in range(1, draw(st.integers(0, 4)) + 1)
    ]  # fmt: skip
    return Problem(places=places, schools=schools, students=students)


def brute_force(problem):
    """Best evaluator score over every valid assignment (tiny instances only)."""
    ids = [s.id for s in problem.students]
    options = [
        [s.locked_place_id] if s.locked_place_id else [None, *(p.id for p in allowed(problem, s))]
        for s in problem.students
    ]
    valid = (dict(zip(ids, c, strict=True)) for c in itertools.product(*options))
    return max(evaluate(problem, a) for a in valid if not violations(problem, a))


@settings(max_examples=150, deadline=None, database=None)
@given(tiny_problems())
def test_solver_matches_brute_force_evaluator_greedy_and_lp_bound(problem):
    best = brute_force(problem)
    for limit in (0, hubs.MAX_FORBIDDEN):  # 0: nobody in a hub; else hubs with Hall rows
        with mock.patch.object(hubs, "MAX_FORBIDDEN", limit):
            result = solve(problem)
        assert result.status == "optimal"
        assert violations(problem, result.assignments) == []
        assert result.objective == evaluate(problem, result.assignments) == best
        assert result.best_bound == pytest.approx(result.objective)  # CP-SAT's own objective
    baseline = greedy(problem)
    assert violations(problem, baseline) == []
    assert evaluate(problem, baseline) <= result.objective
    assert lp_bound(problem) >= result.objective - 1e-6
    form = build(problem)  # the model scores any assignment like the evaluator
    assert model_objective(form, from_assignments(problem, form, baseline)) == evaluate(
        problem, baseline
    )
    assert all(explain_text(e) for e in result.explanations.values())


def test_optimum_beats_greedy_and_is_deterministic_with_a_fixed_seed():
    problem = generate(seed=7, students=300, schools=10, subjects=4)
    first, second = solve(problem), solve(problem)
    assert first.status == "optimal"
    assert first.assignments == second.assignments
    assert first.objective >= evaluate(problem, greedy(problem))
    assert lp_bound(problem) >= first.objective - 1e-6
    assert greedy(problem) == greedy(problem)
    assert solve(replace(problem, workers=1)).objective == first.objective


def test_progress_is_reported_and_time_limit_still_returns_an_allocation():
    problem = generate(seed=3, students=300, schools=10, subjects=4)
    seen = []
    solve(problem, progress=seen.append)
    assert seen and seen[-1].objective >= seen[0].objective
    quick = solve(replace(problem, time_limit_s=0.001))
    assert quick.status in {"optimal", "feasible"}
    assert quick.objective >= evaluate(problem, greedy(problem))
