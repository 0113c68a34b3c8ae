"""Co-docent hours pages: the table per co-docent and school, who sees whom, norms, packages,
the XLSX export, query counts."""

import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from partnerships.glossary import Role
from partnerships.models import AcademicYear
from programme.models import CoDocentNorms, CoDocentPackage
from tests.factories import RoleFactory
from tests.programme.groups_world import event, session

pytestmark = pytest.mark.django_db


def url(w, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership": w.a.slug, **kwargs})


def codocent_at(w, school):
    return RoleFactory(partnership=w.a, role=Role.CO_DOCENT, organisation=school).person


def test_hours_per_codocent_and_school(client, world):
    cd1 = world["co_docent"]  # school1
    cd2 = codocent_at(world, world.school2)
    day = event(world.a)
    session(day, kind="workshop", facilitators=[cd1])
    session(day, kind="intervision", facilitators=[cd1, cd2], start=(13, 0), end=(14, 30))
    session(event(world.a, published=False), kind="work_meeting", facilitators=[cd2])
    session(event(world.a), facilitators=[world["instituutsopleider"]])
    CoDocentPackage.objects.create(
        partnership=world.a, academic_year=AcademicYear.current(), person=cd2, kind="hbo_year_1"
    )
    client.force_login(world["stuurgroeplid"])
    table = client.get(url(world, "codocent_hours")).context["table"]
    hours = {person: h for person, _school, h in table.people}
    # cd1: 1.5 + 1.5×1.4 = 3.6, travel per meeting (the default): 2 × 1 = 5.6
    assert hours[cd1].total == D("5.6") and hours[cd1].events == 1
    # cd2: 2.1 + 1 travel + 48 package; the unpublished event does not count
    assert hours[cd2].total == D("51.1")
    schools = {school: row.spread.total for school, row, _bar in table.schools}
    assert schools[world.school2] == D("51.1") and schools[world.school1] == D("5.6")
    assert table.uncounted_sessions == 1  # the institute trainer's session
    assert table.overall.high == D("51.1")


def test_a_codocent_sees_their_own_row_and_every_school_total(client, world):
    cd2 = codocent_at(world, world.school2)
    session(event(world.a), facilitators=[world["co_docent"], cd2])
    client.force_login(world["co_docent"])
    table = client.get(url(world, "codocent_hours")).context["table"]
    assert [p for p, _s, _h in table.people] == [world["co_docent"]]
    assert len(table.schools) == 2
    client.force_login(world["schoolcoordinator_other_school"])
    table = client.get(url(world, "codocent_hours")).context["table"]
    assert [p for p, _s, _h in table.people] == [cd2]


def test_norms_are_data_and_change_the_hours(client, world):
    session(event(world.a), kind="work_meeting", facilitators=[world["co_docent"]])
    client.force_login(world["programmamanager"])
    fields = {
        "meeting_hours": "2",
        "workshop_factor": "1",
        "intervision_factor": "1.4",
        "work_meeting_factor": "2",
        "travel_hours": "0.5",
        "travel_rule": "per_meeting",
        "hbo_year_1_package": "48",
        "wpb_training_package": "35",
    }
    assert client.post(url(world, "codocent_norms"), fields).status_code == 302
    assert CoDocentNorms.objects.get(partnership=world.a).work_meeting_factor == D("2")
    table = client.get(url(world, "codocent_hours")).context["table"]
    assert table.people[0][2].total == D("4.5")
    bad = client.post(url(world, "codocent_norms"), fields | {"travel_hours": "-1"})
    assert "travel_hours" in bad.context["form"].errors
    assert CoDocentNorms.objects.get(partnership=world.a).travel_hours == D("0.5")


def test_packages_are_added_once_and_removed(client, world):
    client.force_login(world["programmamanager"])
    data = {"person": world["co_docent"].pk, "kind": "wpb_training"}
    assert client.post(url(world, "codocent_packages"), data).status_code == 302
    again = client.post(url(world, "codocent_packages"), data)
    assert again.status_code == 200 and again.context["form"].errors
    package = CoDocentPackage.objects.get()
    not_a_codocent = client.post(
        url(world, "codocent_packages"),
        {"person": world["werkplekbegeleider"].pk, "kind": "hbo_year_1"},
    )
    assert "person" in not_a_codocent.context["form"].errors
    client.post(url(world, "codocent_package_delete", pk=package.pk))
    assert not CoDocentPackage.objects.exists()


def test_the_export_reads_back(client, world):
    session(event(world.a), facilitators=[world["co_docent"]])
    client.force_login(world["stagecoordinator"])
    response = client.get(url(world, "codocent_hours_xlsx"))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    people = list(book.worksheets[0].iter_rows(values_only=True))
    assert people[1][0] == world["co_docent"].full_name
    assert D(str(people[1][-1])) == D("2.5")
    schools = list(book.worksheets[1].iter_rows(values_only=True))
    assert schools[1][0] == world.school1.name


def test_the_page_queries_do_not_grow_with_the_codocenten(client, world):
    client.force_login(world["stagecoordinator"])
    counts, made = [], 1  # the world's co-docent
    CoDocentNorms.objects.create(partnership=world.a)  # the first visit would make them
    day = event(world.a)
    for n in (1, 10, 50):
        for _i in range(made, n):
            session(day, facilitators=[codocent_at(world, world.school2)])
        made = n
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "codocent_hours"))
        assert len(response.context["table"].people) == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
