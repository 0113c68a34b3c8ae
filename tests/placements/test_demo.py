"""The demo placement years (placements.demo, loaded by seed_demo for partnership hos): what they
contain, that loading them again changes nothing, and that every page of both placement years
renders with them for the demo logins."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import override_settings
from django.urls import reverse

from partnerships.models import AcademicYear, Partnership, Person, SentNotification, Student
from placements import demo, selectors, services
from placements import urls as placement_urls
from placements.calendar.procedure import STEPS
from placements.choices import HOLDING_STATUSES
from placements.models import (
    AllocationResult,
    AllocationRun,
    CapacityLine,
    CapacityRequest,
    Division,
    GuidanceEntry,
    IntroductoryInterview,
    ObservationFrame,
    Place,
    Placement,
    PlacementEvent,
    Preference,
    PreferenceForm,
    PreferenceWindow,
    ProcedureStep,
    Quota,
    QuotaShare,
    SchoolCapacity,
    SmallAppointment,
    TransferForm,
)
from tests.partnerships.conftest import FAST_HASHERS, dutch

pytestmark = pytest.mark.django_db
MODELS = (
    Quota,
    QuotaShare,
    CapacityRequest,
    SchoolCapacity,
    CapacityLine,
    Division,
    Place,
    PreferenceWindow,
    PreferenceForm,
    Preference,
    AllocationRun,
    AllocationResult,
    Placement,
    IntroductoryInterview,
    PlacementEvent,
    SmallAppointment,
    ProcedureStep,
    SentNotification,
)
S = "active"


def seed():
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """seed_demo once for the module; every test's writes roll back."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def hos(seeded, db):
    return Partnership.objects.get(slug="hos")


@pytest.fixture
def years(hos):
    today = datetime.date.today()
    current = AcademicYear.current(today)
    upcoming = AcademicYear.objects.get(start_year=current.start_year + 1)
    if selectors.planning_year(today) != current:
        assert selectors.planning_year(today) == upcoming
    return current, upcoming


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_running_seed_demo_again_changes_nothing(hos):
    first = counts()
    statuses = sorted(Placement.objects.values_list("pk", "status", "place", "school"))
    seed()
    assert counts() == first
    assert sorted(Placement.objects.values_list("pk", "status", "place", "school")) == statuses
    assert first["Placement"] > 200 and first["SentNotification"] == 0  # nobody was e-mailed


def test_the_current_year_runs(hos, years):
    current, _next = years
    quota = Quota.objects.get(partnership=hos, academic_year=current)
    assert (quota.places, quota.margin_percent, quota.status) == (88, 10, "approved")
    assert services.quota_total(quota) == 88
    division = Division.objects.get(partnership=hos, academic_year=current)
    assert division.status == "published" and division.approved_by is not None
    schools = hos.organisations.filter(kind="school")
    assert SchoolCapacity.objects.filter(academic_year=current).count() == schools.count()
    placements = Placement.objects.filter(student__partnership=hos, academic_year=current)
    by_status = dict(placements.values_list("status").annotate(n=Count("pk")))
    assert by_status["active"] > 100
    for status in ("proposed", "interview_planned", "interview_held", "confirmed", "cancelled"):
        assert by_status.get(status), status
    assert not placements.filter(status="cancelled", cancel_reason="").exists()
    active = placements.filter(status=S)
    assert not active.filter(place__isnull=True).exists()
    for placement in active.select_related("student"):
        assert placement.school_id == placement.student.school_id
        assert placement.werkplekbegeleider_id == placement.student.werkplekbegeleider_id


def test_total_caps_are_below_the_lines_and_hold_the_placements(hos, years):
    for year in years:
        capped = SchoolCapacity.objects.filter(academic_year=year, total_cap__isnull=False)
        assert capped.count() >= 2, year
        for capacity in capped:
            assert capacity.total_cap < sum(line.places for line in capacity.lines.all())
    capped = SchoolCapacity.objects.filter(academic_year=years[0], total_cap__isnull=False)
    for capacity in capped:
        holding = Placement.objects.filter(
            school=capacity.school, academic_year=years[0], status__in=("active", "confirmed")
        )
        assert holding.count() <= capacity.total_cap


def test_no_place_holds_more_placements_than_it_has(hos, years):
    places = Place.objects.filter(division__academic_year=years[0]).annotate(
        held=Count("placements", filter=Q(placements__status__in=HOLDING_STATUSES))
    )
    assert places.filter(held__gt=0).count() > 40
    assert not places.filter(held__gt=F("capacity")).exists()


def test_hbo_students_have_completed_placements_at_other_schools(hos, years):
    current = years[0]
    for student in hos.students.filter(is_active=True, hbo_year__gte=2, school__isnull=False):
        earlier = Placement.objects.filter(
            student=student, academic_year__start_year__lt=current.start_year
        )
        assert earlier.count() == student.hbo_year - 1, student
        assert set(earlier.values_list("status", flat=True)) == {"completed"}
        schools = [student.school_id, *earlier.values_list("school", flat=True)]
        assert len(set(schools)) == len(schools), student
    types = Placement.objects.filter(academic_year__start_year__lt=current.start_year).values(
        "school__school_types__is_vmbo"
    )
    assert {row["school__school_types__is_vmbo"] for row in types} == {True, False}


def test_the_next_year_is_being_planned(hos, years):
    _current, upcoming = years
    assert Quota.objects.get(partnership=hos, academic_year=upcoming).status == "draft"
    division = Division.objects.get(partnership=hos, academic_year=upcoming)
    assert division.status == "draft" and division.places.filter(reserved__gt=0).exists()
    answered = SchoolCapacity.objects.filter(academic_year=upcoming)
    silent = hos.organisations.filter(kind="school").exclude(capacities__in=answered)
    assert silent.count() == 2
    lines = CapacityLine.objects.filter(capacity__academic_year=upcoming)
    for field, values in (
        ("stage", {"onderbouw", "bovenbouw"}),
        ("level", {"hbo", "wo", "either"}),
        ("start", {"september", "february"}),
        ("availability", {"yes", "maybe"}),
    ):
        assert set(lines.values_list(field, flat=True)) == values, field
    assert CapacityRequest.objects.filter(partnership=hos, academic_year=upcoming).exists()
    window = PreferenceWindow.objects.get(partnership=hos, academic_year=upcoming)
    assert window.is_open(datetime.date.today())


def test_about_half_the_continuing_students_stated_preferences(hos, years):
    forms = PreferenceForm.objects.filter(academic_year=years[1]).annotate(n=Count("preferences"))
    assert 15 <= forms.count() <= 40
    assert set(forms.values_list("n", flat=True)) == {1, 2, 3}
    assert forms.filter(excluded_schools__isnull=False).exists()
    lotte = Student.objects.get(person__email="student@hos.example")
    form = forms.get(student=lotte)
    assert form.n == 2 and form.entered_by == lotte.person
    for form in forms.select_related("student"):
        ranked = set(form.preferences.values_list("school", flat=True))
        assert form.student.school_id not in ranked


def test_the_student_login_finds_her_preferences_open(client, hos, years):
    lotte = Student.objects.get(person__email="student@hos.example")
    client.force_login(lotte.person)
    url = reverse("placements:preferences", args=[hos.slug, years[1].label])
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/preferences/{lotte.pk}/")
    assert response.context["editable"]
    first = PreferenceForm.objects.get(student=lotte).preferences.get(rank=1).school
    assert first.name in response.content.decode()


def test_calendars_have_the_steps_before_today_done(hos, years):
    today = datetime.date.today()
    for year in years:
        steps = ProcedureStep.objects.filter(partnership=hos, academic_year=year)
        assert steps.count() == sum(len(step.due) for step in STEPS)
        assert not steps.filter(due_date__lt=today, status="open").exists()
        assert not steps.filter(due_date__gte=today).exclude(status="open").exists()
        assert not steps.filter(status="done", done_by__isnull=True).exists()


def test_two_small_appointments_one_with_warnings(hos, years):
    appointments = SmallAppointment.objects.filter(placement__academic_year=years[0])
    warnings = sorted(len(services.appointment_warnings(a)) for a in appointments)
    assert len(warnings) == 2 and warnings[0] == 0 and warnings[1] > 0


def test_only_the_demo_partnership_gets_placements(hos):
    for slug in ("osd", "bench"):
        assert demo.load(Partnership(slug=slug, name=slug)) is None
    osd = Partnership.objects.get(slug="osd")
    assert not Quota.objects.filter(partnership=osd).exists()
    assert not Placement.objects.filter(student__partnership=osd).exists()


# --- every page of both years, for the demo login that may open it ----------------------------

OTHER_LOGIN = {
    "quota_approve": "stuurgroep@hos.example",
    "division_approve": "programmamanager@hos.example",
    "subsidy_export": "admin@hos.example",
    "subsidy_snapshot_export": "admin@hos.example",
    # money: the administrative support enters and pays, the stuurgroep decides the key
    "funding": "admin@hos.example",
    "funding_amounts": "admin@hos.example",
    "funding_payment": "admin@hos.example",
    "funding_statements": "admin@hos.example",
    "funding_statement": "admin@hos.example",
    "funding_statement_export": "admin@hos.example",
    "funding_key": "stuurgroep@hos.example",
}
PLACEMENT_FOR_STEP = {  # the status a placement needs for each step's page
    "placement_plan_interview": "proposed",
    "placement_interview_held": "interview_planned",
    "placement_confirm": "interview_held",
    "placement_activate": "confirmed",
}


def is_page(pattern) -> bool:
    view = pattern.callback.view_class
    return "get" in view.http_method_names and hasattr(view, "get")


def pk_for(name: str, hos, current) -> int | None:
    placements = Placement.objects.filter(student__partnership=hos, academic_year=current)
    if name.startswith("run"):
        run = AllocationRun.objects.filter(partnership=hos).first()
        return run.pk if run else None
    if name == "calendar_step":
        return ProcedureStep.objects.filter(partnership=hos, owner_role="stagecoordinator")[0].pk
    if name.startswith("subsidy_"):  # a snapshot handed over by the stagecoördinator
        stagecoordinator = Person.objects.get(email="stagecoordinator@hos.example")
        return services.subsidy_snapshot_take(
            partnership=hos, year=current, reference_date=datetime.date.today(), by=stagecoordinator
        ).pk
    if name.startswith("transfer_"):  # a demo transfer form (placements.demo.transfer)
        return TransferForm.objects.filter(student__partnership=hos).order_by("pk")[0].pk
    if name in ("guidance_entry", "guidance_attachment"):  # a demo entry (with its attachment)
        entries = GuidanceEntry.objects.filter(placement__in=placements)
        if name == "guidance_attachment":
            entries = entries.filter(attachment__isnull=False)
        entry = entries.order_by("pk").first()
        return entry.pk if entry else None
    if name == "capacity_request_sent":
        request = CapacityRequest.objects.filter(partnership=hos, academic_year=current).first()
        return request.pk if request else None
    if name == "guidance_frame":
        return ObservationFrame.objects.filter(partnership=hos).order_by("pk")[0].pk
    if name.startswith("appointment"):
        return SmallAppointment.objects.filter(placement__in=placements)[0].placement_id
    status = PLACEMENT_FOR_STEP.get(name, "active")
    return placements.filter(status=status).order_by("pk")[0].pk


def kwargs_for(pattern, hos, years) -> list[dict]:
    """The kwargs of every page the pattern has in the demo: one per year for year pages."""
    params = set(pattern.pattern.converters)
    base = {"partnership": hos.slug}
    if "fmt" in params:
        base["fmt"] = "xlsx"
    if "kind" in params:
        base["kind"] = "talk"
    if "organisation" in params:  # a school's statement of the year's money
        base["organisation"] = Place.objects.filter(division__academic_year=years[0])[0].school_id
    if "pk" in params:
        pk = pk_for(pattern.name, hos, years[0])
        if pk is None:
            return []
        base["pk"] = pk
    if "result" in params:
        return []  # a result of an allocation run: the demo has none (runs are started live)
    if "school" in params:
        base["school"] = Place.objects.filter(division__academic_year=years[0])[0].school_id
    if "student" in params:
        base["student"] = Student.objects.get(person__email="student@hos.example").pk
    if "year" not in params:
        return [base]
    if "pk" in params or "organisation" in params:  # a placement's page, a statement (decided)
        return [base | {"year": years[0].label}]
    return [base | {"year": year.label} for year in years]


def test_every_page_of_the_placement_years_renders(client, hos, years):
    """The pages inside a placement year (the role crawl covers the rest: transfer forms, guidance
    and the like, with the roles that open them). A check or confirmation page reached without
    its signed data sends the user back to where it starts: that ends on a page too."""
    pages = [p for p in placement_urls.urlpatterns if is_page(p) and "year" in p.pattern.converters]
    assert len(pages) > 25
    people, checked, failed = {}, 0, []
    for pattern in pages:
        email = OTHER_LOGIN.get(pattern.name, "stagecoordinator@hos.example")
        people.setdefault(email, Person.objects.get(email=email))
        client.force_login(people[email])
        for kwargs in kwargs_for(pattern, hos, years):
            url = reverse(f"placements:{pattern.name}", kwargs=kwargs)
            response = client.get(url, follow=True)
            if response.status_code != 200 or "/login/" in response.request["PATH_INFO"]:
                failed.append((url, email, response.status_code))
            checked += 1
    assert not failed, "\n".join(map(str, failed))
    assert checked > 40


def test_the_stagecoordinator_lands_on_the_planning_year(client, hos, years):
    client.force_login(Person.objects.get(email="stagecoordinator@hos.example"))
    response = client.get(reverse("placements:year_current", args=[hos.slug]), follow=True)
    assert response.status_code == 200
    assert selectors.planning_year().label in response.content.decode()


def test_dashboards_show_the_placement_cards(client, hos):
    for email, card in (
        ("stagecoordinator@hos.example", "Placement procedure: your steps due within two weeks"),
        (
            "schoolcoordinator@hos.example",
            "Placements at your school waiting for an interview or confirmation",
        ),
        ("wpb@hos.example", "Placements you guide"),
        ("student@hos.example", "Your placements"),
    ):
        client.force_login(Person.objects.get(email=email))
        page = client.get(reverse("partnerships:dashboard", args=[hos.slug])).content.decode()
        assert dutch(card) in page, email
    lotte = Student.objects.get(person__email="student@hos.example")
    assert lotte.school.name in page
