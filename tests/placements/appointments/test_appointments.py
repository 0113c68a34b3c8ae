"""Small appointments through the pages: recording on a placement, warnings as sentences, the
activity log, the year's list for coordinators, and scoping."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from partnerships.glossary import Role
from partnerships.models import Organisation, Partnership, Person
from placements import services
from placements.appointments import rules as appointment_rules
from placements.appointments.services import _warning_text
from placements.models import Placement, PlacementEvent, SmallAppointment
from tests.factories import (
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
    placement: Placement  # hbo year 3 at school1
    other: Placement  # at school2
    planner: Person
    coordinator: Person  # schoolcoördinator of school1


def person_with(p, role, organisation=None):
    person = PersonFactory()
    RoleFactory(person=person, partnership=p, role=role, organisation=organisation)
    return person


def place(p, school, *, year=YEAR, status="confirmed", **student):
    student = StudentFactory(partnership=p, start_year=academic_year(YEAR), **student)
    return Placement.objects.create(
        student=student,
        academic_year=academic_year(year),
        school=school,
        subject=student.subject,
        stage="onderbouw",
        level="hbo",
        start="september",
        status=status,
    )


@pytest.fixture
def setup() -> Setup:
    p = PartnershipFactory(slug="sa-test")
    school1 = SchoolFactory(partnership=p, name="Alfa College")
    school2 = SchoolFactory(partnership=p, name="Beekdal School")
    return Setup(
        p=p,
        school1=school1,
        school2=school2,
        placement=place(p, school1, hbo_year=3, person__last_name="Derdejaars"),
        other=place(p, school2, hbo_year=4, person__last_name="Vierdejaars"),
        planner=person_with(p, Role.STAGECOORDINATOR),
        coordinator=person_with(p, Role.SCHOOLCOORDINATOR, school1),
    )


def url(s: Setup, placement=None, name="appointment") -> str:
    if placement is None:
        return reverse(f"placements:{name}", args=[s.p.slug, LABEL])
    return reverse(f"placements:{name}", args=[s.p.slug, LABEL, placement.pk])


GOOD = {
    "hours_per_week": "5",
    "study_year": "3",
    "open_courses": "0",
    "free_days": "2",
    "institute_advice_positive": "on",
    "school_advice_positive": "on",
}


def test_a_coordinator_records_an_appointment_that_meets_the_rules(client, setup):
    s = setup
    client.force_login(s.coordinator)
    page = client.get(url(s, s.placement))
    assert page.status_code == 200
    assert page.context["form"].initial["study_year"] == 3  # from the student's hbo year
    response = client.post(url(s, s.placement), GOOD)
    assert response.status_code == 302 and response["Location"] == url(s, s.placement)
    appointment = SmallAppointment.objects.get(placement=s.placement)
    assert appointment.hours_per_week == Decimal(5) and appointment.study_year == 3
    event = PlacementEvent.objects.get(placement=s.placement)
    assert (event.action, event.by, event.details["warnings"]) == (
        "small_appointment",
        s.coordinator,
        [],
    )
    assert client.get(url(s, s.placement)).context["appointment_warnings"] == []


def test_rule_violations_are_saved_and_shown_as_sentences(client, setup):
    s = setup
    client.force_login(s.planner)
    data = GOOD | {"hours_per_week": "6.5", "has_paid_job": "on", "free_days": "1"}
    del data["school_advice_positive"]
    response = client.post(url(s, s.placement), data, follow=True)
    warnings = response.context["appointment_warnings"]
    assert len(warnings) == 4  # too many hours, not on schedule, free days, school advice
    page = response.content.decode()
    for warning in warnings:
        assert warning in page or warning.replace("'", "&#x27;") in page
    assert any("6,5" in w or "6.5" in w for w in warnings)  # hours in the user's notation
    assert not any("_" in w for w in warnings)  # never a bare code
    event = PlacementEvent.objects.get(placement=s.placement)
    assert set(event.details["warnings"]) == {
        "too_many_hours",
        "not_on_schedule",
        "too_few_free_days",
        "no_school_advice",
    }


def test_changing_and_removing_are_logged(client, setup):
    s = setup
    client.force_login(s.planner)
    client.post(url(s, s.placement), GOOD)
    client.post(url(s, s.placement), GOOD | {"hours_per_week": "4"})
    assert SmallAppointment.objects.get(placement=s.placement).hours_per_week == 4
    response = client.post(url(s, s.placement, "appointment_delete"))
    assert response.status_code == 302
    assert not SmallAppointment.objects.filter(placement=s.placement).exists()
    actions = list(
        PlacementEvent.objects.filter(placement=s.placement).values_list("action", flat=True)
    )
    assert actions == [
        "small_appointment_removed",
        "small_appointment_changed",
        "small_appointment",
    ]
    assert client.post(url(s, s.placement, "appointment_delete")).status_code == 404


def test_bad_input_shows_field_errors_and_saves_nothing(client, setup):
    s = setup
    client.force_login(s.planner)
    response = client.post(url(s, s.placement), GOOD | {"hours_per_week": "-1", "study_year": "5"})
    assert response.status_code == 200
    assert {"hours_per_week", "study_year"} <= set(response.context["form"].errors)
    assert not SmallAppointment.objects.exists() and not PlacementEvent.objects.exists()


def test_a_cancelled_placement_gets_no_appointment(client, setup):
    s = setup
    cancelled = place(s.p, s.school1, status="cancelled", hbo_year=3)
    client.force_login(s.planner)
    response = client.post(url(s, cancelled), GOOD)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not SmallAppointment.objects.exists()


def test_another_schools_placement_and_another_year_are_not_found(client, setup):
    s = setup
    client.force_login(s.coordinator)
    assert client.get(url(s, s.other)).status_code == 404
    assert client.post(url(s, s.other), GOOD).status_code == 404
    next_year = place(s.p, s.school1, year=YEAR + 1, hbo_year=3)
    client.force_login(s.planner)
    assert client.get(url(s, next_year)).status_code == 404  # the URL's year must match
    assert not SmallAppointment.objects.exists()


def test_the_list_shows_the_years_appointments_with_their_warnings(client, setup):
    s = setup
    services.small_appointment_save(placement=s.placement, by=s.planner, **_fields(hours=5))
    services.small_appointment_save(placement=s.other, by=s.planner, **_fields(hours=9, year=4))
    client.force_login(s.planner)
    response = client.get(url(s, name="appointment_list"))
    rows = response.context["rows"]
    assert [a.placement for a, _w in rows] == [s.placement, s.other]
    assert rows[0][1] == [] and len(rows[1][1]) == 1
    assert response.context["with_warnings"] == 1
    only = client.get(url(s, name="appointment_list"), {"warnings": "1"}).context["rows"]
    assert [a.placement for a, _w in only] == [s.other]

    client.force_login(s.coordinator)  # their school only
    rows = client.get(url(s, name="appointment_list")).context["rows"]
    assert [a.placement for a, _w in rows] == [s.placement]


def test_the_list_leads_to_the_form_of_a_chosen_placement(client, setup):
    s = setup
    client.force_login(s.coordinator)
    response = client.get(url(s, name="appointment_list"))
    assert list(response.context["without"]) == [s.placement]
    response = client.get(url(s, name="appointment_list"), {"placement": s.placement.pk})
    assert response.status_code == 302 and response["Location"] == url(s, s.placement)
    assert client.get(url(s, name="appointment_list"), {"placement": s.other.pk}).status_code == 404
    assert client.get(url(s, name="appointment_list"), {"placement": "x"}).status_code == 404


def test_every_rule_code_has_a_sentence():
    cases = [
        appointment_rules.Appointment(2, Decimal(3), False, False, False, 0, True, True, 2),
        appointment_rules.Appointment(3, Decimal(9), True, False, False, 3, False, False, 0),
        appointment_rules.Appointment(4, Decimal(6), True, True, False, 0, True, True, 2),
        appointment_rules.Appointment(4, Decimal(6), True, True, True, 3, True, True, 2),
    ]
    codes = {code for case in cases for code, _p in appointment_rules.check(case)}
    assert codes == {
        "year_not_allowed",
        "too_many_hours",
        "contradicts_on_schedule",
        "not_on_schedule",
        "too_few_free_days",
        "no_institute_advice",
        "no_school_advice",
    }
    for case in cases:
        for code, params in appointment_rules.check(case):
            text = _warning_text(code, params, case.study_year)
            assert text != code and "%(" not in text


def _fields(*, hours, year=3):
    return {
        "hours_per_week": Decimal(hours),
        "study_year": year,
        "has_paid_job": False,
        "on_schedule_1_may": True,
        "has_propaedeutic": True,
        "open_courses": 0,
        "institute_advice_positive": True,
        "school_advice_positive": True,
        "free_days": 2,
    }


def test_the_list_uses_the_same_number_of_queries_at_1_10_and_50_rows(client, setup):
    s = setup
    client.force_login(s.planner)
    counts, made = [], 0
    services.small_appointment_save(placement=s.placement, by=s.planner, **_fields(hours=5))
    made = 1
    for n in (1, 10, 50):
        for _i in range(made, n):
            placement = place(s.p, s.school1, hbo_year=3)
            services.small_appointment_save(placement=placement, by=s.planner, **_fields(hours=7))
            place(s.p, s.school2, hbo_year=4)  # without an appointment: in the chooser
        made = n
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(s, name="appointment_list"))
        assert len(response.context["rows"]) == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_placement_page_shows_the_appointment_warnings_and_log_sentence(client):
    from decimal import Decimal

    from partnerships.glossary import Role
    from placements import services
    from tests.factories import PersonFactory, RoleFactory
    from tests.placements.factories import PlacementFactory

    placement = PlacementFactory(active=True)
    coordinator = RoleFactory(
        partnership=placement.student.partnership, role=Role.STAGECOORDINATOR
    ).person
    services.small_appointment_save(
        placement=placement,
        by=PersonFactory(),
        hours_per_week=Decimal(9),
        study_year=3,
        has_paid_job=False,
        on_schedule_1_may=True,
        has_propaedeutic=True,
        open_courses=0,
        institute_advice_positive=True,
        school_advice_positive=True,
        free_days=2,
    )
    client.force_login(coordinator)
    page = client.get(placement.get_absolute_url()).content.decode()
    assert "kleine aanstelling" in page.lower()
    assert "alert-warning" in page
    assert "9" in page


# EXAMPLES.md, small appointments (002 §3.4), recorded on the check date 1 May through the form
# and read back on the year's list of small appointments, where coordinators read warnings.
SMALL_APPOINTMENT_EXAMPLES = [
    # (year, paid job, propaedeutic, open courses, hours, expected warning codes)
    (3, True, True, 1, "7", []),
    (3, False, True, 0, "5", []),
    (3, False, True, 0, "6", ["too_many_hours"]),
    (4, True, True, 2, "8", []),
    (4, True, True, 2, "9", ["too_many_hours"]),
    (4, True, False, 0, "6", ["contradicts_on_schedule", "not_on_schedule"]),
]


@pytest.mark.today("2027-05-01")
@pytest.mark.parametrize(
    ("year", "paid_job", "propaedeutic", "open_courses", "hours", "codes"),
    SMALL_APPOINTMENT_EXAMPLES,
)
def test_the_customers_small_appointment_examples_on_the_pages(
    client, setup, year, paid_job, propaedeutic, open_courses, hours, codes
):
    s = setup
    placement = s.placement if year == 3 else s.other
    client.force_login(s.planner)
    data = GOOD | {
        "study_year": str(year),
        "hours_per_week": hours,
        "open_courses": str(open_courses),
        "on_schedule_1_may": "on",  # the coordinator ticked it; the facts decide
    }
    if paid_job:
        data["has_paid_job"] = "on"
    if propaedeutic:
        data["has_propaedeutic"] = "on"
    assert client.post(url(s, placement), data).status_code == 302
    event = PlacementEvent.objects.get(placement=placement)
    assert event.details["warnings"] == codes
    response = client.get(url(s, name="appointment_list"))
    [(_appointment, warnings)] = response.context["rows"]
    assert len(warnings) == len(codes)
    page = response.content.decode()
    for warning in warnings:
        assert escape(warning) in page
    assert response.context["with_warnings"] == (1 if codes else 0)
