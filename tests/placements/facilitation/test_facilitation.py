"""Facilitation hours through the pages: norms as data (defaults created once), hours per school,
person and institute, what each role sees, editing the norms, and the XLSX export."""

import io
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.exports import write_xlsx
from partnerships.glossary import Role
from partnerships.models import Organisation, Partnership, Person
from placements.models import FacilitationNorm, InstituteNorm, Placement, YearNorms
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    StudentFactory,
    academic_year,
)

pytestmark = pytest.mark.django_db
YEAR = 2026
LABEL = "2026-2027"


@dataclass
class Setup:
    p: Partnership
    school1: Organisation
    school2: Organisation
    hbo: Organisation
    wo: Organisation
    wpb: Person
    so: Person
    planner: Person
    coordinator: Person  # of school1
    stuurgroep: Person


def person_with(p, role, organisation=None, **names):
    person = PersonFactory(**names)
    RoleFactory(person=person, partnership=p, role=role, organisation=organisation)
    return person


def place(p, school, institute, *, status="confirmed", start="september", wpb=None, so=None, **st):
    year = academic_year(YEAR)
    student = StudentFactory(partnership=p, institute=institute, start_year=year, **st)
    return Placement.objects.create(
        student=student,
        academic_year=year,
        school=school,
        subject=student.subject,
        stage="onderbouw",
        level="hbo",
        start=start,
        status=status,
        werkplekbegeleider=wpb,
        schoolopleider=so,
    )


@pytest.fixture
def setup() -> Setup:
    p = PartnershipFactory(slug="fac-test")
    school1 = SchoolFactory(partnership=p, name="Alfa College")
    school2 = SchoolFactory(partnership=p, name="Beekdal School")
    SchoolFactory(partnership=p, name="Lege School")  # no placements: still the base hours
    hbo = InstituteFactory(partnership=p, name="Hogeschool", institute_level="hbo")
    wo = InstituteFactory(partnership=p, name="Universiteit", institute_level="wo")
    s = Setup(
        p=p,
        school1=school1,
        school2=school2,
        hbo=hbo,
        wo=wo,
        wpb=person_with(p, Role.WERKPLEKBEGELEIDER, school1, first_name="Wim", last_name="Mentor"),
        so=person_with(p, Role.SCHOOLOPLEIDER, school1, first_name="Sara", last_name="Opleider"),
        planner=person_with(p, Role.STAGECOORDINATOR),
        coordinator=person_with(p, Role.SCHOOLCOORDINATOR, school1),
        stuurgroep=person_with(p, Role.STUURGROEPLID),
    )
    # school1: category 1 (hbo year 2), a half-year minor (category 2), a zij-instromer (3)
    place(p, school1, hbo, wpb=s.wpb, so=s.so)
    place(
        p,
        school1,
        wo,
        wpb=s.wpb,
        so=s.so,
        programme_variant="educatieve_minor",
        hbo_year=None,
    )
    place(p, school1, hbo, programme_variant="zij_instromer", hbo_year=None, so=s.so)
    # not counted: proposed and cancelled placements
    place(p, school1, hbo, status="proposed", wpb=s.wpb)
    place(p, school1, hbo, status="cancelled", wpb=s.wpb)
    # school2: one hbo year-1 student (norm 0 by default) and one category 1 (active)
    place(p, school2, hbo, hbo_year=1)
    place(p, school2, hbo, status="active")
    return s


def url(s: Setup, name: str) -> str:
    return reverse(f"placements:{name}", args=[s.p.slug, LABEL])


def test_first_visit_creates_the_default_norms_once_and_says_so(client, setup):
    s = setup
    client.force_login(s.planner)
    response = client.get(url(s, "facilitation"))
    assert response.status_code == 200
    assert response.context["norms"].defaults_in_use
    assert YearNorms.objects.get(partnership=s.p).school_base_hours == 342
    norms = {n.category: (n.wpb_hours, n.so_hours) for n in FacilitationNorm.objects.all()}
    assert norms == {"1": (36, 24), "2": (36, 14), "3": (36, 4), "hbo1": (0, 0)}
    assert not InstituteNorm.objects.filter(institute__partnership=s.p).exists()
    assert YearNorms.objects.get(partnership=s.p).weeks_per_year == 40
    client.get(url(s, "facilitation"))
    assert FacilitationNorm.objects.count() == 4 and YearNorms.objects.count() == 1


def test_hours_per_school_person_and_institute(client, setup):
    s = setup
    client.force_login(s.planner)
    table = client.get(url(s, "facilitation")).context["table"]
    schools = {line.name: line.hours for line in table.schools}
    assert set(schools) == {"Alfa College", "Beekdal School", "Lege School"}
    assert schools["Lege School"].total == 342  # no students: still the base hours
    alfa = schools["Alfa College"]
    # cat 1: 36 + 24; half a cat 2: 18 + 7; cat 3: 36 + 4; base 342
    assert (alfa.students, alfa.wpb, alfa.so, alfa.base) == (Decimal("2.5"), 90, 35, 342)
    assert alfa.total == 467
    beek = schools["Beekdal School"]
    assert (beek.students, beek.wpb, beek.so, beek.total) == (2, 36, 24, 402)
    assert table.total == 869 + 342
    people = {line.name: line for line in table.people}
    assert (people["Wim Mentor"].wpb, people["Wim Mentor"].so) == (54, 0)
    assert (people["Sara Opleider"].wpb, people["Sara Opleider"].so) == (0, 35)
    assert people["Sara Opleider"].schools == ["Alfa College"]
    assert table.without_wpb == 3 and table.without_category == 0
    institutes = {line.name: line.students for line, hours in table.institutes}
    assert institutes == {"Hogeschool": Decimal(4), "Universiteit": Decimal("0.5")}


def test_institute_hours_follow_the_institute_norm(client, setup):
    s = setup
    client.force_login(s.planner)
    client.get(url(s, "facilitation"))
    year = academic_year(YEAR)
    InstituteNorm.objects.create(institute=s.hbo, academic_year=year, hours=10)
    InstituteNorm.objects.create(
        institute=s.hbo, academic_year=year, hours=20, per="group", group_min=2, group_max=3
    )
    response = client.get(url(s, "facilitation"))
    hours = {line.name: h for line, h in response.context["table"].institutes}
    assert hours["Hogeschool"] == 4 * 10 + 2 * 20  # 4 students, two started groups of 3
    assert hours["Universiteit"] == 0
    assert [i.name for i in response.context["norms"].institutes_without_norm] == ["Universiteit"]


def test_a_schoolcoordinator_sees_only_their_school_and_no_institutes(client, setup):
    s = setup
    client.force_login(s.coordinator)
    response = client.get(url(s, "facilitation"))
    table = response.context["table"]
    assert [line.name for line in table.schools] == ["Alfa College"]
    assert table.institutes == [] and {line.name for line in table.people} == {
        "Wim Mentor",
        "Sara Opleider",
    }
    assert "Beekdal School" not in response.content.decode()
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url(s, "facilitation_export")).content))
    schools_sheet = workbook.worksheets[0]
    names = [row[0] for row in schools_sheet.iter_rows(min_row=2, values_only=True)]
    assert "Beekdal School" not in names and "Alfa College" in names
    assert len(workbook.worksheets) == 3  # schools, people, norms


def test_the_steering_group_sees_all_schools_but_no_people(client, setup):
    s = setup
    client.force_login(s.stuurgroep)
    response = client.get(url(s, "facilitation"))
    assert len(response.context["table"].schools) == 3
    assert response.context["table"].people == []
    assert "Wim Mentor" not in response.content.decode()


def test_a_manager_edits_the_norms_and_the_hours_follow(client, setup):
    s = setup
    client.force_login(s.planner)
    page = client.get(url(s, "facilitation_norms"))
    assert page.status_code == 200
    forms = page.context["forms"]
    data = {
        "year-school_base_hours": "300",
        "cat-TOTAL_FORMS": "4",
        "cat-INITIAL_FORMS": "4",
        "year-weeks_per_year": "40",
        "inst-TOTAL_FORMS": "2",
        "inst-INITIAL_FORMS": "0",
    }
    for i, form in enumerate(forms["categories"]):
        data |= {
            f"cat-{i}-id": form.instance.pk,
            f"cat-{i}-wpb_hours": 40 if form.instance.category == "1" else form.instance.wpb_hours,
            f"cat-{i}-so_hours": form.instance.so_hours,
        }
    data |= {  # a new norm in the first empty row: 12.5 h per student per year
        "inst-0-institute": s.hbo.pk,
        "inst-0-hours": "12.5",
        "inst-0-per": "student",
        "inst-0-period": "year",
        "inst-1-per": "student",  # the empty row as a browser sends it
        "inst-1-period": "year",
    }
    bad = data | {"cat-0-wpb_hours": "-1", "year-school_base_hours": "250"}
    response = client.post(url(s, "facilitation_norms"), bad)
    assert response.status_code == 200
    assert response.context["forms"]["categories"].errors[0]
    assert YearNorms.objects.get(partnership=s.p).school_base_hours == 342  # nothing saved

    response = client.post(url(s, "facilitation_norms"), data)
    assert response.status_code == 302 and response["Location"] == url(s, "facilitation")
    page = client.get(url(s, "facilitation"))
    assert not page.context["norms"].defaults_in_use
    alfa = {line.name: line.hours for line in page.context["table"].schools}["Alfa College"]
    assert (alfa.wpb, alfa.base) == (94, 300)
    hours = {line.name: h for line, h in page.context["table"].institutes}
    assert hours["Hogeschool"] == Decimal("50.0")  # 4 students × 12.5

    # remove it again
    norm = InstituteNorm.objects.get(institute=s.hbo)
    data |= {
        "inst-TOTAL_FORMS": "3",
        "inst-INITIAL_FORMS": "1",
        "inst-0-id": norm.pk,
        "inst-0-DELETE": "on",
        "inst-2-per": "student",
        "inst-2-period": "year",
    }
    assert client.post(url(s, "facilitation_norms"), data).status_code == 302
    assert not InstituteNorm.objects.filter(institute=s.hbo).exists()


def test_forged_norm_ids_change_nothing(client, setup):
    s = setup
    client.force_login(s.planner)
    client.get(url(s, "facilitation_norms"))
    other_year = FacilitationNorm.objects.create(
        partnership=s.p,
        academic_year=academic_year(YEAR + 1),
        category="1",
        wpb_hours=1,
        so_hours=1,
    )
    data = {
        "year-school_base_hours": "342",
        "year-weeks_per_year": "40",
        "cat-TOTAL_FORMS": "1",
        "cat-INITIAL_FORMS": "1",
        "cat-0-id": other_year.pk,
        "cat-0-wpb_hours": "99",
        "cat-0-so_hours": "99",
        "inst-TOTAL_FORMS": "0",
        "inst-INITIAL_FORMS": "0",
    }
    before = FacilitationNorm.objects.count()
    response = client.post(url(s, "facilitation_norms"), data)
    assert response.status_code in (200, 302)
    other_year.refresh_from_db()
    assert other_year.wpb_hours == 1  # another year's norm is never touched
    assert FacilitationNorm.objects.count() == before  # and nothing new is created


def test_the_export_reads_back_with_every_sheet_and_neutralised_formulas(client, setup):
    s = setup
    s.school2.name = '=HYPERLINK("http://evil")'
    s.school2.save()
    client.force_login(s.planner)
    response = client.get(url(s, "facilitation_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "facilitation-fac-test-2026-2027.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 4
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    by_school = {row[0]: row for row in rows[1:]}
    assert by_school["Alfa College"][1:] == (2.5, 90, 35, 342, 467)
    assert '=HYPERLINK("http://evil")' in by_school  # as entered, in a text cell
    assert not [c for r in workbook.worksheets[0].iter_rows() for c in r if c.data_type == "f"]
    assert rows[-1][-1] == 869 + 342


def test_write_xlsx_keeps_types_and_neutralises_every_formula_start():
    content = write_xlsx(
        [
            (
                "A sheet: with / bad [chars] and a very long title indeed",
                ["h1", "=h2"],
                [
                    ["=1+1", "+x", "-y", "@z", "plain", 3, Decimal("1.5"), None, -4],
                ],
            ),
            ("Second", ["x"], []),
        ]
    )
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    first = workbook.worksheets[0]
    assert len(first.title) <= 31 and "/" not in first.title
    rows = list(first.iter_rows(values_only=True))
    assert rows[0][:2] == ("h1", "=h2")
    assert rows[1] == ("=1+1", "+x", "-y", "@z", "plain", 3, 1.5, None, -4)
    cells = list(first.iter_rows(min_row=2))[0]
    assert [c.data_type for c in cells[:5]] == ["s"] * 5  # text cells, never formulas
    assert [c.quotePrefix for c in cells[:5]] == [True] * 4 + [False]  # Excel keeps them text
    assert workbook.worksheets[1].title == "Second"


@pytest.mark.parametrize("page", ["facilitation", "facilitation_export", "facilitation_norms"])
def test_facilitation_pages_use_the_same_number_of_queries_at_1_10_and_50_rows(client, setup, page):
    s = setup
    client.force_login(s.planner)
    client.get(url(s, "facilitation"))  # the norms exist from here on
    counts, made = [], 0
    for n in (1, 10, 50):
        for i in range(made, n):
            school = SchoolFactory(partnership=s.p, name=f"School {i:02}")
            wpb = person_with(s.p, Role.WERKPLEKBEGELEIDER, school)
            place(s.p, school, InstituteFactory(partnership=s.p), wpb=wpb, so=s.so)
        made = n
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(s, page)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
