import io

import pytest
from django.core.management import call_command

from partnerships import selectors
from partnerships.access import Access
from partnerships.demo import HOS_SCHOOLS, PASSWORD, login_rows
from partnerships.glossary import ProgrammeVariant, Role, SubsidyCategory
from partnerships.models import (
    AcademicYear,
    Cluster,
    Organisation,
    Partnership,
    Person,
    PupilCount,
    Qualification,
    RoleAssignment,
    Section,
    Student,
    Subject,
)

pytestmark = pytest.mark.django_db

MODELS = (
    Partnership,
    Organisation,
    Cluster,
    PupilCount,
    Subject,
    Section,
    Person,
    RoleAssignment,
    Qualification,
    Student,
)


def seed(*args):
    call_command("seed_demo", *args, stdout=io.StringIO())


def snapshot():
    counts = {model.__name__: model.objects.count() for model in MODELS}
    students = list(
        Student.objects.order_by("person__email").values_list(
            "person__email", "school__name", "werkplekbegeleider__email", "subsidy_category"
        )
    )
    return counts, students


@pytest.fixture
def hos():
    seed()
    return Partnership.objects.get(slug="hos")


def test_running_twice_changes_nothing(hos):
    first = snapshot()
    seed()
    assert snapshot() == first
    assert first[0]["Student"] >= 120


def test_every_role_has_an_active_assignment_in_hos(hos):
    active = set(
        RoleAssignment.objects.active().filter(partnership=hos).values_list("role", flat=True)
    )
    assert active == set(Role.values)


def test_students_cover_every_category_year_and_programme(hos):
    students = hos.students.all()
    assert set(students.values_list("subsidy_category", flat=True)) == set(SubsidyCategory.values)
    bachelors = students.filter(programme_variant=ProgrammeVariant.HBO_BACHELOR_VOLTIJD)
    assert set(bachelors.values_list("hbo_year", flat=True)) == {1, 2, 3, 4}
    variants = set(students.values_list("programme_variant", flat=True))
    assert {ProgrammeVariant.WO_MASTER_60, ProgrammeVariant.WO_MASTER_120} <= variants


def test_most_students_are_placed_and_guided_but_not_all(hos):
    students = hos.students.filter(is_active=True)
    total = students.count()
    without_school = students.filter(school__isnull=True).count()
    without_wpb = students.filter(werkplekbegeleider__isnull=True).count()
    assert 0 < without_school < total / 10
    assert without_school < without_wpb < total / 5
    assert students.filter(instituutsopleider__isnull=True).count() == 0
    schools = hos.organisations.filter(kind="school")
    assert selectors.sections_without_certified_wpb(schools=schools)


def test_every_demo_login_can_log_in(client, hos):
    for _role, email, password in login_rows():
        assert password == PASSWORD
        assert client.login(username=email, password=password), email
        client.logout()
    assert Person.objects.get(email="superuser@hos.example").is_superuser
    assert not Person.objects.get(email="admin@hos.example").is_superuser


def test_demo_logins_see_their_dashboard(client, hos):
    for email in ("stagecoordinator@hos.example", "wpb@hos.example", "student@hos.example"):
        client.login(username=email, password=PASSWORD)
        assert client.get("/p/hos/").status_code == 200, email
        client.logout()


def test_wpb_login_guides_several_students(hos):
    wpb = Person.objects.get(email="wpb@hos.example")
    assert hos.students.filter(werkplekbegeleider=wpb).count() >= 4
    student = Student.objects.get(person__email="student@hos.example")
    assert student.werkplekbegeleider == wpb


def test_logins_option_prints_the_table_and_loads_nothing():
    out = io.StringIO()
    call_command("seed_demo", "--logins", stdout=out)
    assert "stagecoordinator@hos.example" in out.getvalue()
    assert "demo1234" in out.getvalue()
    assert not Partnership.objects.exists()


def test_the_lucas_cluster_acts_as_one_school(hos):
    cluster = Cluster.objects.get(partnership=hos)
    names = set(cluster.schools.values_list("name", flat=True))
    assert names == {"Corbulo College", "Diamant College", "Heldring College"}
    coordinators = RoleAssignment.objects.active().filter(
        role=Role.SCHOOLCOORDINATOR, organisation__cluster=cluster
    )
    assert coordinators.count() == 1
    assert not selectors.schools_without_coordinator(partnership=hos).exists()
    schoolopleiders = RoleAssignment.objects.filter(role=Role.SCHOOLOPLEIDER)
    for school in hos.organisations.filter(kind="school"):
        assert schoolopleiders.filter(organisation=school).count() >= 2, school
        assert schoolopleiders.filter(
            organisation=school, person__qualifications__kind="brlo"
        ).exists(), school


def test_pupil_numbers_follow_the_opleidingsplan(hos):
    year = AcademicYear.current()
    counts = dict(
        PupilCount.objects.filter(organisation__partnership=hos, academic_year=year).values_list(
            "organisation__name", "pupils"
        )
    )
    assert counts["Corbulo College"] == 225
    assert counts["Diamant College"] == 455
    assert counts["Heldring College"] == 460
    assert counts["Segbroek College"] == 2210
    gravendreef = [n for name, n in counts.items() if name.startswith("'s-Gravendreef")]
    assert len(gravendreef) == 2 and sum(gravendreef) == 1110
    assert counts["Roemer Visscher College"] == 415
    assert counts["Christelijk Gymnasium Sorghvliet"] == 800
    assert counts["Pieter Groen"] == 1414
    assert sum(counts.values()) - counts["Pieter Groen"] == 5675  # the seed's total
    previous = PupilCount.objects.filter(
        organisation__partnership=hos, academic_year__start_year=year.start_year - 1
    )
    assert previous.count() == len(HOS_SCHOOLS)


def test_one_person_works_in_two_partnerships(hos):
    trainer = Person.objects.get(email="instituutsopleider@hos.example")
    slugs = set(Access(trainer).partnerships().values_list("slug", flat=True))
    assert slugs == {"hos", "osd"}
    osd = Partnership.objects.get(slug="osd")
    assert osd.organisations.filter(kind="school").count() == 2
    assert osd.students.count() == 10


def test_scale_loads_a_large_bench_partnership_once():
    seed("--scale", "2")
    bench = Partnership.objects.get(slug="bench")
    assert bench.organisations.filter(kind="school").count() == 8
    assert bench.students.count() == 400
    assert not bench.students.filter(subsidy_category="").exists()
    years = PupilCount.objects.filter(organisation__partnership=bench).values("academic_year")
    assert years.distinct().count() == 5
    # The benchmark's logins (tests/benchmarks/drive.py) and the other apps' rows.
    for local in ("stagecoordinator", "programmamanager", "admin", "stuurgroep", "student"):
        assert Person.objects.filter(email=f"{local}@bench.example").exists(), local
    from placements.models import AllocationRun, Placement, TransferForm

    assert Placement.objects.filter(student__partnership=bench).count() > 300
    assert TransferForm.objects.filter(student__partnership=bench).exists()
    assert AllocationRun.objects.filter(partnership=bench, status="done").exists()
    first = snapshot()
    seed("--scale", "2")
    assert snapshot() == first


def test_organisation_list_counts_each_student_once(hos):
    stagecoordinator = Person.objects.get(email="stagecoordinator@hos.example")
    rows = selectors.organisation_list(access=Access(stagecoordinator), partnership=hos)
    for org in rows.filter(kind="school"):
        assert org.student_count == org.school_students.filter(is_active=True).count(), org
        assert org.section_count == org.sections.count(), org
