"""Benchmark of the allocation engine on a realistic, seeded random instance.

    uv run python tests/benchmarks/allocation_bench.py [--seed 1] [--students 2000] [--workers 2]

2,000 students, 40 schools, ~2,500 places (15 subjects, hbo/wo, onderbouw/bovenbouw, mostly
September); preferences skewed to popular schools; 20% of hbo students with previous schools;
wo masters in their second half (bovenbouw, other school); some minors staying, exclusions and
locks. Prints build and solve time, status, objective, gap, greedy score, LP bound, students
placed and the share that got their first preference. Figures: tests/benchmarks/ALLOCATION.md.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from placements.allocation.engine import (  # noqa: E402
    Place,
    Problem,
    School,
    Student,
    evaluate,
    greedy,
    lp_bound,
    solve,
    violations,
)

KINDS = {  # school kind -> (types, is_vmbo, is_havo_vwo)
    "vmbo": (frozenset({"vmbo"}), True, False),
    "havo_vwo": (frozenset({"havo", "vwo"}), False, True),
    "broad": (frozenset({"vmbo", "havo", "vwo"}), True, True),
    "gymnasium": (frozenset({"vwo", "gymnasium"}), False, True),
}


def generate(seed: int = 1, students: int = 2000, schools: int = 40, subjects: int = 15):
    rng = random.Random(seed)
    school_list, places = [], []
    for sid in range(1, schools + 1):
        kind = rng.choices(list(KINDS), weights=[3, 3, 3, 1])[0]
        types, vmbo, havo_vwo = KINDS[kind]
        school_list.append([sid, types, vmbo, havo_vwo, 0])
    for school in school_list:
        for subject in range(1, subjects + 1):
            for level in ("hbo", "wo"):
                for stage in ("onderbouw", "bovenbouw"):
                    starts = ["september"] * (rng.random() < 0.95)
                    starts += ["february"] * (rng.random() < 0.12)
                    for start in starts:
                        cap = 1 + (rng.random() < 0.3)
                        places.append(
                            Place(
                                id=len(places) + 1,
                                school_id=school[0],
                                subject_id=subject,
                                stage=stage,
                                level=level,
                                start=start,
                                capacity=cap,
                            )
                        )
                        school[4] += cap
    school_objs = [
        School(
            id=sid,
            name=f"School {sid}",
            total_cap=int(cap * 0.75) if rng.random() < 0.5 else None,
            school_types=types,
            is_vmbo=vmbo,
            is_havo_vwo=havo_vwo,
        )
        for sid, types, vmbo, havo_vwo, cap in school_list
    ]
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(schools)]
    subject_weight = [1 / (rank + 1) ** 0.5 for rank in range(subjects)]
    ids = list(range(1, schools + 1))
    by_id = {s.id: s for s in school_objs}
    student_list = []
    for stid in range(1, students + 1):
        level = "hbo" if rng.random() < 0.55 else "wo"
        start = "september" if rng.random() < 0.9 else "february"
        subject = rng.choices(range(1, subjects + 1), weights=subject_weight)[0]
        prefs = tuple(dict.fromkeys(rng.choices(ids, weights=popularity, k=3)))
        prefs = prefs[: rng.choices([0, 1, 2, 3], weights=[5, 5, 10, 80])[0]]
        track, previous, stage, remaining, stay = "other", frozenset(), None, 1, None
        roll = rng.random()
        if level == "hbo" and roll < 0.20:
            track, years_done = "hbo_bachelor", rng.randint(1, 3)
            previous, remaining = frozenset(rng.sample(ids, years_done)), 4 - years_done
        elif level == "hbo" and roll < 0.85:
            track, remaining = "hbo_bachelor", 4
        elif level == "hbo" and roll < 0.95:
            track = "minor"
            stay = rng.choice(ids) if rng.random() < 0.5 else None
        elif level == "wo" and roll < 0.45:
            track, previous, stage = "wo_master", frozenset({rng.choice(ids)}), "onderbouw"
        elif level == "wo" and roll < 0.9:
            track, remaining = "wo_master", 2
        seen = [by_id[s] for s in previous]
        student_list.append(
            Student(
                id=stid,
                subject_id=subject,
                level=level,
                track=track,
                start=start,
                remaining_years=remaining,
                preferences=prefs,
                excluded_schools=frozenset(rng.sample(ids, 2)) if rng.random() < 0.03 else set(),
                previous_school_ids=previous,
                previous_stage=stage,
                seen_vmbo=any(s.is_vmbo for s in seen),
                seen_havo_vwo=any(s.is_havo_vwo for s in seen),
                stay_at_school_id=stay,
            )
        )
    for i, student in enumerate(student_list):
        options = [
            p
            for p in places
            if (p.subject_id, p.level, p.start)
            == (student.subject_id, student.level, student.start)
        ]
        if options and rng.random() < 0.02:
            student_list[i] = _with_lock(student, rng.choice(options).id)
    return Problem(places=places, schools=school_objs, students=student_list)


def _with_lock(student: Student, place_id: int) -> Student:
    from dataclasses import replace

    return replace(student, locked_place_id=place_id)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    problem = replace(
        generate(args.seed, args.students), time_limit_s=args.time_limit, workers=args.workers
    )
    print(
        f"instance: {len(problem.students)} students, {len(problem.schools)} schools, "
        f"{len(problem.places)} places, capacity {sum(p.capacity for p in problem.places)}"
    )
    started = perf_counter()
    greedy_assignment = greedy(problem)
    greedy_seconds = perf_counter() - started
    started = perf_counter()
    bound = lp_bound(problem)
    lp_seconds = perf_counter() - started
    result = solve(problem)
    placed = sum(pid is not None for pid in result.assignments.values())
    greedy_placed = sum(pid is not None for pid in greedy_assignment.values())
    with_prefs = [s for s in problem.students if s.preferences]

    def first_preference(assignments: dict) -> str:
        first = sum(
            assignments[s.id] is not None
            and problem.place_by_id[assignments[s.id]].school_id == s.preferences[0]
            for s in with_prefs
        )
        return f"{100 * first / len(with_prefs):.1f}%"

    rows = [
        ("variables", result.num_variables),
        ("build time (s)", f"{result.build_seconds:.2f}"),
        ("solve time (s)", f"{result.solve_seconds:.2f}"),
        ("status", result.status),
        ("objective", result.objective),
        ("best bound", result.best_bound),
        ("gap", f"{100 * result.gap:.4f}%" if result.gap is not None else "-"),
        ("greedy objective", f"{evaluate(problem, greedy_assignment)} ({greedy_seconds:.2f} s)"),
        ("LP bound", f"{bound:.1f} ({lp_seconds:.2f} s)"),
        ("placed solver / greedy", f"{placed} / {greedy_placed} of {len(problem.students)}"),
        (
            "first preference solver / greedy",
            f"{first_preference(result.assignments)} / {first_preference(greedy_assignment)}"
            " of students with preferences",
        ),
        ("hard-rule violations", len(violations(problem, result.assignments))),
        ("unplaced reasons", dict(Counter(e.code for e in result.unplaced.values()))),
        ("explanation codes", dict(Counter(e.code for e in result.explanations.values()))),
    ]
    for name, value in rows:
        print(f"{name:>34}: {value}")


if __name__ == "__main__":
    main()
