"""The needs inventory: one row per relevant role, own organisation only, bad input saves
nothing."""

import pytest
from django.urls import reverse

from partnerships.glossary import Role
from partnerships.models import AuditEntry
from professionalisation.models import Need
from professionalisation.services.needs import needs_save
from tests.factories import academic_year

pytestmark = pytest.mark.django_db


def edit_url(world, org, year=None):
    year = year or academic_year()
    return reverse("professionalisation:need_edit", args=[world.a.slug, org.pk, year.label])


def test_a_schoolcoordinator_saves_the_needs_of_their_school(client, world):
    client.force_login(world["schoolcoordinator"])
    page = client.get(edit_url(world, world.school1))
    assert page.context["form"].roles == (
        Role.WERKPLEKBEGELEIDER,
        Role.SCHOOLOPLEIDER,
        Role.ASSESSOR,
        Role.CO_DOCENT,
    )
    assert len(page.context["form"].role_rows()) == 4
    response = client.post(
        edit_url(world, world.school1),
        {
            "count_werkplekbegeleider": "3",
            "content_werkplekbegeleider": "Feedback on lessons",
            "count_assessor": "1",
        },
    )
    assert response.status_code == 302
    needs = {n.role: (n.count, n.content) for n in Need.objects.filter(organisation=world.school1)}
    assert needs == {
        Role.WERKPLEKBEGELEIDER: (3, "Feedback on lessons"),
        Role.ASSESSOR: (1, ""),
    }
    assert Need.objects.get(role=Role.ASSESSOR).submitted_by == world["schoolcoordinator"]
    assert AuditEntry.objects.filter(action="needs").exists()
    # setting a role back to 0 removes its row
    client.post(edit_url(world, world.school1), {"count_werkplekbegeleider": "3"})
    assert set(Need.objects.values_list("role", flat=True)) == {Role.WERKPLEKBEGELEIDER}


def test_content_without_a_number_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world["leidinggevende"])
    response = client.post(
        edit_url(world, world.school1),
        {"count_werkplekbegeleider": "2", "content_assessor": "Calibration"},
    )
    assert response.status_code == 200
    assert "count_assessor" in response.context["form"].errors
    assert not Need.objects.exists()


def test_an_institute_inventories_its_own_roles(client, world):
    client.force_login(world["instituutscoordinator"])
    page = client.get(edit_url(world, world.institute))
    assert page.context["form"].roles == (Role.INSTITUUTSOPLEIDER, Role.INSTITUUTSASSESSOR)
    assert client.get(edit_url(world, world.institute2)).status_code == 404
    assert client.get(edit_url(world, world.school1)).status_code == 404


def test_the_list_shows_only_own_organisations_and_the_year(client, world):
    year = academic_year()
    needs_save(
        organisation=world.school2,
        year=year,
        rows={Role.WERKPLEKBEGELEIDER: (4, "")},
        by=world["programmamanager"],
    )
    url = reverse("professionalisation:need_list", args=[world.a.slug])
    client.force_login(world["schoolcoordinator"])
    orgs = [r["organisation"] for r in client.get(url).context["rows"]]
    assert orgs == [world.school1, world.school3]
    client.force_login(world["programmamanager"])
    rows = {r["organisation"]: r for r in client.get(url).context["rows"]}
    assert rows[world.school2]["total"] == 4
    assert world.institute in rows and world.school_b not in rows
    other = client.get(url, {"year": f"{year.start_year + 1}-{year.start_year + 2}"})
    assert {r["organisation"]: r for r in other.context["rows"]}[world.school2]["total"] == 0


def test_the_service_refuses_roles_outside_the_organisation_kind(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        needs_save(
            organisation=world.institute,
            year=academic_year(),
            rows={Role.WERKPLEKBEGELEIDER: (2, "")},
            by=world["programmamanager"],
        )
    assert not Need.objects.exists()
