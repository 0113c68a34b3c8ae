"""School profiles (002 §3.1 voorlichting): the schoolcoördinator writes the school's profile,
students read it from the preference form; sections come from the year's capacity where the
school declared it, else from its sections that take students."""

import pytest
from django.urls import reverse

from partnerships.models import AuditEntry
from placements.models import CapacityLine, SchoolCapacity
from tests.factories import SectionFactory, SubjectFactory, academic_year
from tests.partnerships.conftest import dutch, shows

pytestmark = pytest.mark.django_db


def edit_url(world, school):
    return reverse("partnerships:school_profile_update", args=[world.a.slug, school.pk])


def profile_url(world, school):
    kwargs = {"partnership": world.a.slug, "year": academic_year().label, "school": school.pk}
    return reverse("placements:school_profile", kwargs=kwargs)


PROFILE = {
    "profile_text": "Elke student krijgt een vaste werkplekbegeleider.",
    "contact_name": "Anna de Vries",
    "contact_email": "anna@school.example",
    "address": "Schoolstraat 1",
    "postcode": "2511ab",
    "city": "Den Haag",
}


def test_the_schoolcoordinator_writes_the_profile_and_a_student_reads_it(client, world):
    client.force_login(world["schoolcoordinator"])
    response = client.post(edit_url(world, world.school1), PROFILE)
    assert response.status_code == 302
    world.school1.refresh_from_db()
    assert world.school1.postcode == "2511 AB"
    assert world.school1.contact_name == "Anna de Vries"
    assert AuditEntry.objects.filter(action="school_profile_save").exists()

    client.force_login(world["student"])
    page = client.get(profile_url(world, world.school1)).content.decode()
    for text in ("vaste werkplekbegeleider", "Anna de Vries", "2511 AB", "Den Haag"):
        assert text in page
    assert 'name="viewport"' in client.get(profile_url(world, world.school1)).content.decode()


def test_a_bad_postcode_is_shown_in_the_error_summary_in_dutch(client, world):
    client.force_login(world["schoolcoordinator"])
    response = client.post(edit_url(world, world.school1), PROFILE | {"postcode": "12 AB"})
    assert response.status_code == 200
    assert shows(response, "There is a problem")
    assert shows(response, "Enter a Dutch postcode such as 1234 AB.")
    assert dutch("There is a problem") != "There is a problem"


def test_sections_come_from_the_capacity_of_the_year_else_from_the_sections(client, world):
    client.force_login(world["student"])
    subject = SubjectFactory(partnership=world.a, name="Sterrenkunde", code="sterren")
    SectionFactory(school=world.school2, subject=subject, takes_students=True)
    assert "Sterrenkunde" in client.get(profile_url(world, world.school2)).content.decode()
    other = SubjectFactory(partnership=world.a, name="Oceanografie", code="oceaan")
    capacity = SchoolCapacity.objects.create(school=world.school2, academic_year=academic_year())
    CapacityLine.objects.create(
        capacity=capacity,
        subject=other,
        stage="onderbouw",
        level="hbo",
        start="september",
        places=2,
    )
    page = client.get(profile_url(world, world.school2))
    assert "Oceanografie" in page.content.decode()
    assert "Sterrenkunde" not in page.content.decode()


def test_the_preference_form_links_to_every_school_profile(client, world):
    client.force_login(world["student"])
    kwargs = {"partnership": world.a.slug, "year": academic_year().label}
    page = client.get(
        reverse("placements:preference_edit", kwargs=kwargs | {"student": world.student1.pk})
    ).content.decode()
    assert profile_url(world, world.school1) in page
    assert profile_url(world, world.school2) in page
