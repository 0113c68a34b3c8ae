"""The allocation engine's input, read from the database for one ``AllocationRun``.

* **Students**: active students of the partnership who need a placement in the run's year and
  start: no live (not cancelled) placement in that year, or only a proposed one for this start
  (which the run may move unless it is locked). In a February run, wo masters whose September
  placement of the same year was in the onderbouw take part too (their second half).
  Zij-instromers and appointed teachers studying for another qualification are left out: they
  work at the school that appointed them.
* **Places**: the run's year's division places for the run's start, whatever the division's
  status (the run page says when they are not yet published). **Capacity** is a place's number
  minus the live placements that hold it and that the run does not decide (everything except
  the proposed placements of its own students for this start) — a proposal outside the run
  claims its seat as much as a confirmation does. A school's **total cap** (``SchoolCapacity``)
  is reduced the same way.
* **History** (rotation and variety): the schools of earlier placements (earlier years; for a
  February run also this year's September placement) plus the student's current school; the
  school types seen there (``SchoolType.is_vmbo`` / ``is_havo_vwo``).
* **Track** from the programme variant: hbo bachelor (``remaining_years`` = 5 − hbo year, at
  least 1), wo master (120 EC: 2 halves, 1 once a wo placement lies behind them; 60 EC: 1),
  educational minor (stays at their current school if they have one), other (1).
* **Travel** (rule 7): the student's maximum travel time from their preference form, and the
  minutes to each school from ``TravelTime`` (the student's own row, else their postcode area's;
  one query). ``Built.travel`` counts the students with a maximum and the student–school pairs
  among their preferences and matching places whose travel time is unknown (allowed).
* **Locks**: a locked live placement with a place (``Placement.locked``), or a locked result of
  this run (carried over from the run it reruns); a lock outside the run's places is ignored.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from partnerships.glossary import HBO_BACHELOR_VARIANTS, WO_VARIANTS, ProgrammeVariant
from partnerships.models import Organisation, Student
from placements.allocation.engine import Place as EnginePlace
from placements.allocation.engine import Problem, Weights
from placements.allocation.engine import School as EngineSchool
from placements.allocation.engine import Student as EngineStudent
from placements.allocation.engine.rules import matching_places
from placements.choices import PlacementStatus
from placements.models import (
    AllocationResult,
    AllocationRun,
    Place,
    Placement,
    PreferenceForm,
    SchoolCapacity,
)
from placements.travel.models import TravelLookup
from placements.travel.services import travel_rows

S = PlacementStatus
V = ProgrammeVariant
SELF_PLACED = (V.ZIJ_INSTROMER, V.HOGER_ANDERE_BEVOEGDHEID)


def weights_to_json(weights: Weights) -> dict:
    return {
        "preference": list(weights.preference),
        "no_preference_penalty": weights.no_preference_penalty,
        "variety_bonus": weights.variety_bonus,
        "spread_penalty": weights.spread_penalty,
        "spread_tiers": [list(tier) for tier in weights.spread_tiers],
        "unplaced_penalty": weights.unplaced_penalty,
    }


def weights_from_json(data: dict) -> Weights:
    defaults = weights_to_json(Weights())
    data = {**defaults, **(data or {})}
    return Weights(
        preference=tuple(int(p) for p in data["preference"]),
        no_preference_penalty=int(data["no_preference_penalty"]),
        variety_bonus=int(data["variety_bonus"]),
        spread_penalty=int(data["spread_penalty"]),
        spread_tiers=tuple((int(a), int(b)) for a, b in data["spread_tiers"]),
        unplaced_penalty=int(data["unplaced_penalty"]),
    )


def _live(run: AllocationRun) -> QuerySet[Placement]:
    return Placement.objects.filter(
        academic_year=run.academic_year, student__partnership=run.partnership
    ).exclude(status=S.CANCELLED)


def _second_half(run: AllocationRun) -> Q:
    """A wo master's onderbouw placement of September does not keep them out of February."""
    if run.start != "february":
        return Q(pk__in=[])
    return Q(start="september", stage="onderbouw", student__programme_variant__in=WO_VARIANTS)


def run_students(run: AllocationRun) -> QuerySet[Student]:
    settling = _live(run).exclude(Q(status=S.PROPOSED, start=run.start) | _second_half(run))
    return (
        Student.objects.filter(partnership=run.partnership, is_active=True)
        .exclude(programme_variant__in=SELF_PLACED)
        .exclude(pk__in=settling.values("student"))
    )


def redecided(run: AllocationRun, students) -> QuerySet[Placement]:
    """The placements this run decides anew: its students' proposals for its start."""
    return _live(run).filter(status=S.PROPOSED, start=run.start, student__in=students)


def track(student: Student) -> str:
    if student.programme_variant in HBO_BACHELOR_VARIANTS:
        return "hbo_bachelor"
    if student.programme_variant in WO_VARIANTS:
        return "wo_master"
    if student.programme_variant == V.EDUCATIEVE_MINOR:
        return "minor"
    return "other"


def remaining_years(student: Student, history: list) -> int:
    kind = track(student)
    if kind == "hbo_bachelor":
        return max(1, 5 - (student.hbo_year or 1))
    if student.programme_variant == V.WO_MASTER_120:
        return 1 if any(level == "wo" for _school, _stage, level in history) else 2
    return 1


@dataclass
class Built:
    problem: Problem
    students: list[Student]
    travel: dict | None = None


def _schools(run: AllocationRun, taken: QuerySet[Placement]) -> list[EngineSchool]:
    schools = Organisation.objects.filter(partnership=run.partnership, kind="school")
    schools = schools.prefetch_related("school_types")
    caps = dict(
        SchoolCapacity.objects.filter(
            school__partnership=run.partnership,
            academic_year=run.academic_year,
            total_cap__isnull=False,
        ).values_list("school", "total_cap")
    )
    used = Counter(taken.values_list("school", flat=True))
    out = []
    for school in schools:
        types = list(school.school_types.all())
        cap = caps.get(school.pk)
        out.append(
            EngineSchool(
                id=school.pk,
                name=school.name,
                total_cap=None if cap is None else max(0, cap - used[school.pk]),
                school_types=frozenset(t.code for t in types),
                is_vmbo=any(t.is_vmbo for t in types),
                is_havo_vwo=any(t.is_havo_vwo for t in types),
            )
        )
    return out


def _places(run: AllocationRun, taken: QuerySet[Placement]) -> list[EnginePlace]:
    places = Place.objects.filter(
        division__partnership=run.partnership,
        division__academic_year=run.academic_year,
        start=run.start,
    ).order_by("pk")
    used = Counter(taken.filter(place__isnull=False).values_list("place", flat=True))
    return [
        EnginePlace(
            id=p.pk,
            school_id=p.school_id,
            subject_id=p.subject_id,
            stage=p.stage,
            level=p.level,
            start=p.start,
            capacity=max(0, p.capacity - used[p.pk]),
        )
        for p in places
    ]


def _history(run: AllocationRun, students) -> dict[int, list[tuple[int, str, str]]]:
    """Per student: (school, stage, level) of earlier placements, oldest first."""
    year = run.academic_year
    earlier = Q(academic_year__start_year__lt=year.start_year)
    if run.start == "february":
        earlier |= Q(academic_year=year, start="september")
    rows = (
        Placement.objects.filter(earlier, student__in=students)
        .exclude(status=S.CANCELLED)
        .order_by("academic_year__start_year", "start", "pk")
        .values_list("student", "school", "stage", "level")
    )
    history = defaultdict(list)
    for student, school, stage, level in rows:
        history[student].append((school, stage, level))
    return history


def _wishes(run: AllocationRun, students) -> tuple[dict, dict]:
    forms = PreferenceForm.objects.filter(academic_year=run.academic_year, student__in=students)
    ranked = defaultdict(list)
    for student, school in forms.order_by("student", "preferences__rank").values_list(
        "student", "preferences__school"
    ):
        if school is not None:
            ranked[student].append(school)
    excluded = defaultdict(set)
    for student, school in forms.values_list("student", "excluded_schools"):
        if school is not None:
            excluded[student].add(school)
    return ranked, excluded


def _max_travel(run: AllocationRun, students) -> dict[int, int]:
    forms = PreferenceForm.objects.filter(
        academic_year=run.academic_year, student__in=students, max_travel_minutes__isnull=False
    )
    return dict(forms.values_list("student", "max_travel_minutes"))


def travel_summary(problem: Problem) -> dict:
    """Students with a maximum travel time, and their preferred or matching schools whose
    travel time is unknown (the rule cannot judge those pairs; they count as near enough)."""
    limited = [s for s in problem.students if s.max_travel_minutes is not None]
    unknown = 0
    for student in limited:
        known = dict(student.travel_minutes)
        schools = set(student.preferences)
        schools |= {place.school_id for place in matching_places(problem, student)}
        unknown += sum(1 for school in schools if school not in known)
    return {"limited": len(limited), "unknown_pairs": unknown}


def _locks(run: AllocationRun, students, place_ids: set[int]) -> dict[int, int]:
    locks = dict(
        redecided(run, students)
        .filter(locked=True, place__isnull=False)
        .values_list("student", "place")
    )
    locks |= dict(
        AllocationResult.objects.filter(run=run, locked=True, place__isnull=False).values_list(
            "student", "place"
        )
    )
    return {student: place for student, place in locks.items() if place in place_ids}


def problem_build(*, run: AllocationRun, workers: int = 1) -> Built:
    students_qs = run_students(run)
    students = list(students_qs.select_related("institute").order_by("pk"))
    taken = _live(run).exclude(pk__in=redecided(run, students_qs).values("pk"))
    schools = _schools(run, taken)
    school_ids = {s.id for s in schools}
    types = {s.id: s for s in schools}
    places = _places(run, taken)
    history = _history(run, students_qs)
    ranked, excluded = _wishes(run, students_qs)
    locks = _locks(run, students_qs, {p.id for p in places})
    max_travel = _max_travel(run, students_qs)
    travel = TravelLookup(travel_rows(partnership=run.partnership))
    engine_students = []
    for student in students:
        past = history.get(student.pk, [])
        visited = {school for school, _stage, _level in past}
        if student.school_id:
            visited.add(student.school_id)
        visited &= school_ids
        kind = track(student)
        engine_students.append(
            EngineStudent(
                id=student.pk,
                subject_id=student.subject_id,
                level=student.institute.institute_level,
                track=kind,
                start=run.start,
                remaining_years=remaining_years(student, past),
                preferences=tuple(s for s in ranked.get(student.pk, []) if s in school_ids)[:3],
                excluded_schools=frozenset(excluded.get(student.pk, set())),
                previous_school_ids=frozenset(visited),
                previous_stage=past[-1][1] if kind == "wo_master" and past else None,
                seen_vmbo=any(types[s].is_vmbo for s in visited),
                seen_havo_vwo=any(types[s].is_havo_vwo for s in visited),
                stay_at_school_id=student.school_id if kind == "minor" else None,
                locked_place_id=locks.get(student.pk),
                max_travel_minutes=max_travel.get(student.pk),
                travel_minutes=tuple(
                    sorted(
                        travel.for_student(student_id=student.pk, postcode=student.postcode).items()
                    )
                ),
            )
        )
    problem = Problem(
        places=places,
        schools=schools,
        students=engine_students,
        weights=weights_from_json(run.weights),
        time_limit_s=float(run.time_limit_s or 1),
        workers=workers,
    )
    return Built(problem=problem, students=students, travel=travel_summary(problem))
