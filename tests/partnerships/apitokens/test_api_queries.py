"""The API's lists make as many queries for a page of many rows as for a page of one: persons,
placements, places and organisations called with the institute's token before and after the
partnership gains 25 of the institute's students with placements, 10 published places and 5
schools (counts compared, not hard-coded)."""

import pytest

from tests.factories import SchoolFactory, StudentFactory, academic_year
from tests.placements.factories import DivisionFactory, PlaceFactory, PlacementFactory
from tests.queries import queries_of

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-12-07")]
LISTS = ("persons/", "placements/", "places/", "organisations/", "academic-sessions/")


def counted(api) -> dict[str, int]:
    def one(path):
        params = {"academicSession": academic_year().label} if path == "places/" else {}
        return queries_of(lambda: api("get", path, **params))

    return {path: one(path) for path in LISTS}


def test_api_lists_do_not_grow_with_their_rows(api, world):
    division = DivisionFactory(
        partnership=world.a, academic_year=academic_year(), status="published"
    )
    place = PlaceFactory(division=division, school=world.school1, subject=world.subject)
    PlacementFactory(place=place, student=world.student1)
    few = counted(api)

    places = [
        PlaceFactory(division=division, school=school, subject=world.subject, start=start)
        for school in [SchoolFactory(partnership=world.a, name=f"School {i}") for i in range(5)]
        for start in ("september", "february")
    ]
    for i in range(25):
        student = StudentFactory(partnership=world.a, institute=world.institute)
        PlacementFactory(place=places[i % 10], student=student)
    many = counted(api)
    assert len(api("get", "persons/").json()["items"]) > 20
    params = {"academicSession": academic_year().label}
    assert len(api("get", "places/", **params).json()["items"]) == 11
    assert many == few
