import pytest

from partnerships.glossary import Role
from tests.factories import PASSWORD, RoleFactory, SchoolFactory, StudentFactory

pytestmark = pytest.mark.django_db


def test_coordinator_walks_the_main_pages(client):
    role = RoleFactory(role=Role.STAGECOORDINATOR)
    p = role.partnership
    school = SchoolFactory(partnership=p)
    student = StudentFactory(partnership=p, school=school)
    assert client.login(username=role.person.email, password=PASSWORD)
    for url in [
        "/",
        f"/p/{p.slug}/",
        f"/p/{p.slug}/organisations/",
        f"/p/{p.slug}/organisations/{school.pk}/",
        f"/p/{p.slug}/people/",
        f"/p/{p.slug}/people/{role.person.pk}/",
        f"/p/{p.slug}/students/",
        f"/p/{p.slug}/students/{student.pk}/",
        f"/p/{p.slug}/students/new/",
        f"/p/{p.slug}/organisations/new/",
        f"/p/{p.slug}/placements/",
        f"/p/{p.slug}/placements/2026-2027/",
        f"/p/{p.slug}/people/{role.person.pk}/roles/new/",
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
