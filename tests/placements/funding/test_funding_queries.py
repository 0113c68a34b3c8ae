"""The money pages make as many queries for a partnership with many schools and students as for
a small one: the overview, the statement list and a school's statement, each read by the
administrator, compared between the small test partnership and one with 12 more schools and 30
more placed students (counts compared, not hard-coded, so a change of the layout does not
hide in a number)."""

import pytest
from django.urls import reverse

from tests.factories import SchoolFactory
from tests.placements.funding.funding_world import decided
from tests.placements.funding.funding_world import world as build_world
from tests.placements.subsidy.subsidy_world import LABEL, add_student, place
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def pages(w) -> dict[str, str]:
    year = {"partnership": w.p.slug, "year": LABEL}
    return {
        "overview": reverse("placements:funding", kwargs=year),
        "statements": reverse("placements:funding_statements", kwargs=year),
        "statement": reverse(
            "placements:funding_statement", kwargs=year | {"organisation": w.beekdal.pk}
        ),
    }


def counted(client, w) -> dict[str, int]:
    client.force_login(w.admin)
    return page_queries(client, pages(w))


def test_money_pages_make_as_many_queries_for_forty_schools_as_for_two(client):
    small = decided(build_world("funding-small"))
    large = build_world("funding-large")
    for i in range(12):
        school = SchoolFactory(partnership=large.p, name=f"School {i:02}")
        for j in range(3):
            place(large, add_student(large, f"S{i:02}{j}"), school)
    for j in range(6):
        place(large, add_student(large, f"B{j}"), large.beekdal)
    decided(large)
    assert counted(client, large) == counted(client, small)
    client.force_login(large.admin)
    statements = client.get(pages(large)["statements"]).content.decode()
    assert statements.count("/funding/statements/") >= 12 + 4  # every school and institute
