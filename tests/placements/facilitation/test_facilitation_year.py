"""Facilitation per whole school year (002 §6.5, issue 11): the customer's examples through the
facilitation page and its XLSX export, a student at two schools counted once, clusters that act
as one school, the institutes' norms in their own units, and a property over generated years."""

import io
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from partnerships.glossary import Role
from partnerships.models import Cluster
from placements.facilitation import rules
from placements.models import InstituteNorm, Placement
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    StudentFactory,
    academic_year,
)

YEAR = 2026
LABEL = "2026-2027"


def place(school, student, start="september", **fields):
    return Placement.objects.create(
        student=student,
        academic_year=academic_year(YEAR),
        school=school,
        subject=student.subject,
        stage="onderbouw",
        level="hbo",
        start=start,
        status="active",
        **fields,
    )


def student(p, institute=None, **fields):
    extra = {"institute": institute} if institute else {}
    return StudentFactory(partnership=p, start_year=academic_year(YEAR), **extra, **fields)


def manager(p):
    person = PersonFactory()
    RoleFactory(person=person, partnership=p, role=Role.STAGECOORDINATOR)
    return person


def page(client, p, name="facilitation"):
    return client.get(reverse(f"placements:{name}", args=[p.slug, LABEL]))


def export_sheets(client, p) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(page(client, p, "facilitation_export").content))
    return {ws.title: list(ws.iter_rows(min_row=2, values_only=True)) for ws in workbook}


@pytest.mark.django_db
def test_one_school_one_year_and_a_school_without_students(client):
    p = PartnershipFactory(slug="fac-ex1")
    school = SchoolFactory(partnership=p, name="Alfa College")
    SchoolFactory(partnership=p, name="Lege School")
    for hbo_year in (3, 3, 4):
        place(school, student(p, hbo_year=hbo_year))
    place(school, student(p, programme_variant="zij_instromer", hbo_year=None))
    client.force_login(manager(p))
    response = page(client, p)
    lines = {line.name: line.hours for line in response.context["table"].schools}
    alfa = lines["Alfa College"]
    assert (alfa.students, alfa.wpb, alfa.so, alfa.base, alfa.total) == (4, 144, 66, 342, 552)
    assert alfa.wpb + alfa.so == 210
    assert lines["Lege School"].total == 342
    html = response.content.decode()
    assert "552" in html and "Lege School" in html
    rows = {row[0]: row[1:] for row in export_sheets(client, p)["Scholen"]}
    assert rows["Alfa College"] == (4, 144, 66, 342, 552)
    assert rows["Lege School"] == (0, 0, 0, 342, 342)


@pytest.mark.django_db
def test_a_wo_master_at_two_schools_counts_once_split_by_time(client):
    p = PartnershipFactory(slug="fac-ex2")
    a = SchoolFactory(partnership=p, name="School A")
    b = SchoolFactory(partnership=p, name="School B")
    wpb_a, wpb_b, so_a, so_b = (PersonFactory(last_name=n) for n in ("Wa", "Wb", "Sa", "Sb"))
    master = student(p, programme_variant="wo_master_60", hbo_year=None)
    place(a, master, "september", werkplekbegeleider=wpb_a, schoolopleider=so_a)
    place(b, master, "february", werkplekbegeleider=wpb_b, schoolopleider=so_b)
    client.force_login(manager(p))
    table = page(client, p).context["table"]
    lines = {line.name: line.hours for line in table.schools}
    assert (lines["School A"].students, lines["School A"].wpb, lines["School A"].so) == (
        Decimal("0.5"),
        18,
        12,
    )
    assert (lines["School B"].wpb, lines["School B"].so) == (18, 12)
    assert sum(h.wpb + h.so for h in lines.values()) == 60  # the year's hours, once
    people = {line.name: (line.wpb, line.so) for line in table.people}
    assert people[str(wpb_a)] == (18, 0) and people[str(so_b)] == (0, 12)
    assert sum(line.students for line, _h in table.institutes) == 1  # one student
    rows = {row[0]: row[1:] for row in export_sheets(client, p)["Scholen"]}
    assert rows["School A"][:3] == (0.5, 18, 12) and rows["School B"][:3] == (0.5, 18, 12)

    # a schoolcoördinator of school A sees A's half only, not a whole year
    coordinator = PersonFactory()
    RoleFactory(person=coordinator, partnership=p, role=Role.SCHOOLCOORDINATOR, organisation=a)
    client.force_login(coordinator)
    [line] = page(client, p).context["table"].schools
    assert (line.name, line.hours.wpb, line.hours.so, line.hours.total) == ("School A", 18, 12, 372)


@pytest.mark.django_db
def test_a_minor_counts_half_a_year(client):
    p = PartnershipFactory(slug="fac-minor")
    school = SchoolFactory(partnership=p, name="Alfa College")
    place(school, student(p, programme_variant="educatieve_minor", hbo_year=None))
    client.force_login(manager(p))
    [line] = page(client, p).context["table"].schools
    assert (line.hours.students, line.hours.wpb, line.hours.so) == (Decimal("0.5"), 18, 7)


@pytest.mark.django_db
def test_a_cluster_acting_as_one_school_gets_the_base_hours_once(client):
    p = PartnershipFactory(slug="fac-cluster")
    lucas = Cluster.objects.create(partnership=p, name="Lucas-cluster")
    corbulo = SchoolFactory(partnership=p, name="Corbulo", cluster=lucas)
    SchoolFactory(partnership=p, name="Diamant", cluster=lucas)
    SchoolFactory(partnership=p, name="Alfa College")
    place(corbulo, student(p, hbo_year=3))
    client.force_login(manager(p))
    lines = {line.name: line.hours for line in page(client, p).context["table"].schools}
    assert set(lines) == {"Lucas-cluster", "Alfa College"}
    assert lines["Lucas-cluster"].total == 342 + 60
    assert page(client, p).context["table"].total == 342 + 60 + 342

    lucas.acts_as_one_school = False
    lucas.save()
    lines = {line.name: line.hours for line in page(client, p).context["table"].schools}
    assert set(lines) == {"Corbulo", "Diamant", "Alfa College"}
    assert (lines["Corbulo"].total, lines["Diamant"].total) == (402, 342)
    names = [row[0] for row in export_sheets(client, p)["Scholen"]]
    assert {"Corbulo", "Diamant"} <= set(names)


def _institute_case(p, name, count, norms):
    institute = InstituteFactory(partnership=p, name=name)
    school = SchoolFactory(partnership=p, name=f"School {name}")
    for _i in range(count):
        place(school, student(p, institute))
    for hours, per, period, low, high in norms:
        InstituteNorm.objects.create(
            institute=institute,
            academic_year=academic_year(YEAR),
            hours=hours,
            per=per,
            period=period,
            group_min=low,
            group_max=high,
        )


@pytest.mark.django_db
def test_institute_norms_in_their_own_units_with_40_weeks(client):
    p = PartnershipFactory(slug="fac-inst")
    _institute_case(p, "HR", 23, [(8, "group", "week", 20, 25)])
    _institute_case(
        p, "ICLON", 20, [(16, "student", "year", None, None), (80, "group", "year", 15, 15)]
    )
    _institute_case(p, "TU Delft", 3, [(2, "student", "week", None, None)])
    client.force_login(manager(p))
    response = page(client, p)
    hours = {line.name: h for line, h in response.context["table"].institutes}
    assert hours == {"HR": 320, "ICLON": 480, "TU Delft": 240}
    assert response.context["norms"].year.weeks_per_year == 40
    html = response.content.decode()
    assert "480" in html and "320" in html
    rows = {row[0]: row[1:] for row in export_sheets(client, p)["Instituten"]}
    assert rows["HR"][1:] == (23, 320)
    assert rows["ICLON"][1:] == (20, 480)
    assert rows["TU Delft"][1:] == (3, 240)
    assert "15" in rows["ICLON"][0] and "20–25" in rows["HR"][0]


def test_groups_follow_the_range():
    assert rules.groups(Decimal(23), 25) == 1
    assert rules.groups(Decimal(26), 25) == 2
    assert rules.groups(Decimal(20), 15) == 2
    assert rules.groups(Decimal(0), 15) == 0


START = st.sampled_from(["september", "february"])
ROW = st.tuples(st.integers(0, 3), st.integers(0, 4), START, st.booleans())


@given(st.lists(ROW, max_size=12), st.sampled_from(["1", "2", "3"]))
def test_a_students_hours_never_exceed_one_years_norm(rows, category):
    """However a student's placements of a year are split (students 0–3, schools 0–4,
    September/February starts, minors or not), each student's hours are at most one norm."""
    february = {s for s, _school, start, _minor in rows if start == "february"}
    placement_rows = [
        rules.PlacementRow(
            student_id=s,
            unit=school,
            category=category,
            halves=rules.placement_halves(
                start, minor=minor, february_follows=start == "september" and s in february
            ),
            wpb_id=None,
            schoolopleider_id=None,
            institute_id=1,
        )
        for s, school, start, minor in rows
    ]
    norm = rules.DEFAULT_NORMS[category]
    per_student: dict[int, Fraction] = {}
    for row, (share, wpb, so) in zip(
        placement_rows, rules.student_hours(placement_rows, rules.DEFAULT_NORMS), strict=True
    ):
        assert 0 <= share <= 1
        per_student[row.student_id] = per_student.get(row.student_id, Fraction(0)) + wpb + so
    for total in per_student.values():
        assert total <= norm.wpb_hours + norm.so_hours
    schools = rules.hours_per_school(placement_rows, rules.DEFAULT_NORMS, 0)
    students = {r.student_id for r in placement_rows}
    # the per-school figures are rounded to 0.01 h for display: at most 0.01 h per figure more
    slack = Decimal("0.01") * 2 * len(schools)
    assert (
        sum(h.wpb + h.so for h in schools.values())
        <= len(students) * (norm.wpb_hours + norm.so_hours) + slack
    )
