"""The travel limit as a hard rule of the pure allocation engine (issue 11, rule 7): where the
travel time to a school is known, a student is never placed further than their stated maximum;
an unknown travel time is allowed."""

from placements.allocation.engine import Place, Problem, School, Student, solve, violations
from placements.allocation.texts import explanation_text


def place(id, school, cap=1):
    return Place(
        id=id,
        school_id=school,
        subject_id=1,
        stage="onderbouw",
        level="hbo",
        start="september",
        capacity=cap,
    )


def school(id):
    return School(id=id, name=f"S{id}", is_vmbo=True, is_havo_vwo=True)


def student(id, **kw):
    attrs = {"subject_id": 1, "level": "hbo", "track": "hbo_bachelor", "start": "september"}
    return Student(id=id, remaining_years=3, **attrs | kw)


def test_a_30_minute_limit_never_gives_the_45_minute_first_preference():
    places, schools = [place(1, 1), place(2, 2)], [school(1), school(2)]
    st = student(1, preferences=(1, 2), max_travel_minutes=30, travel_minutes=((1, 45), (2, 20)))
    problem = Problem(places=places, schools=schools, students=[st])
    result = solve(problem)
    assert result.assignments[1] == 2
    assert result.explanations[1].params["better_infeasible"] == [[1, "travel"]]
    assert violations(problem, {1: 1}) == [("rule", 1, "travel")]


def test_an_unknown_travel_time_is_allowed():
    st = student(1, preferences=(1,), max_travel_minutes=30, travel_minutes=((2, 90),))
    result = solve(Problem(places=[place(1, 1)], schools=[school(1), school(2)], students=[st]))
    assert result.assignments[1] == 1


def test_without_a_limit_the_travel_time_does_not_matter():
    st = student(1, preferences=(1,), travel_minutes=((1, 90),))
    result = solve(Problem(places=[place(1, 1)], schools=[school(1)], students=[st]))
    assert result.assignments[1] == 1


def test_unplaced_with_reason_travel_when_every_matching_place_is_too_far():
    st = student(1, preferences=(1,), max_travel_minutes=30, travel_minutes=((1, 45), (2, 60)))
    places, schools = [place(1, 1, cap=3), place(2, 2, cap=3)], [school(1), school(2)]
    result = solve(Problem(places=places, schools=schools, students=[st]))
    assert result.assignments[1] is None
    explanation = result.explanations[1]
    assert explanation.code == "travel"
    assert explanation.params == {"school_ids": [1, 2], "max_minutes": 30}
    text = explanation_text({"code": "travel", "params": explanation.params}, {1: "A", 2: "B"})
    assert "30" in text and "A, B" in text


def test_other_students_still_take_the_far_school():
    far = ((1, 45),)
    students = [
        student(1, preferences=(1,), max_travel_minutes=30, travel_minutes=far),
        student(2, preferences=(1,)),
    ]
    problem = Problem(
        places=[place(1, 1), place(2, 2)], schools=[school(1), school(2)], students=students
    )
    result = solve(problem)
    assert result.assignments == {1: 2, 2: 1}
    assert violations(problem, result.assignments) == []
