"""Intervision groups: generating (confirm before replacing), the list per reader, editing by
hand, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import AcademicYear, AuditEntry
from programme.models import IntervisionGroup
from programme.services import groups as services
from tests.partnerships.conftest import shows
from tests.programme.groups_world import add_students

pytestmark = pytest.mark.django_db


def url(w, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership": w.a.slug, **kwargs})


def test_generate_makes_groups_of_about_five_hbo_and_wo_apart(client, world):
    add_students(world, 11)
    add_students(world, 6, wo=True)
    client.force_login(world["programmamanager"])
    response = client.post(url(world, "groups_generate"))
    assert response.status_code == 302
    groups = IntervisionGroup.objects.filter(partnership=world.a).prefetch_related("members")
    levels = sorted(g.level for g in groups)
    # hbo: 11 new + student1 = 12 → 2 groups of 6; wo: 6 new + student2, student3 = 8 → 2 of 4
    assert levels == ["hbo", "hbo", "wo", "wo"]
    for g in groups:
        assert 4 <= g.members.count() <= 6
        assert {m.institute.institute_level for m in g.members.all()} == {g.level}
    assert AuditEntry.objects.filter(action="generate_groups").count() == 1


def test_regenerating_needs_a_confirmation_and_replaces(client, world):
    add_students(world, 8)
    client.force_login(world["programmamanager"])
    client.post(url(world, "groups_generate"))
    first = set(IntervisionGroup.objects.values_list("pk", flat=True))
    page = client.get(url(world, "groups_generate"))
    assert "replace" in page.content.decode()
    refused = client.post(url(world, "groups_generate"), follow=True)
    assert set(IntervisionGroup.objects.values_list("pk", flat=True)) == first
    assert shows(refused, "Confirm that the existing ones may be replaced.")
    client.post(url(world, "groups_generate"), {"confirm": "replace"})
    second = set(IntervisionGroup.objects.values_list("pk", flat=True))
    assert second and not second & first


def test_generating_twice_gives_the_same_groups(world):
    add_students(world, 14)
    year = AcademicYear.current()
    by = world["programmamanager"]

    def memberships():
        return sorted(
            sorted(g.members.values_list("pk", flat=True))
            for g in IntervisionGroup.objects.filter(partnership=world.a)
        )

    services.intervision_groups_generate(partnership=world.a, year=year, by=by)
    once = memberships()
    services.intervision_groups_generate(partnership=world.a, year=year, by=by)
    assert memberships() == once


def test_students_without_a_school_or_inactive_are_left_out(world):
    extra = add_students(world, 5)
    extra[0].school = None
    extra[0].save()
    extra[1].is_active = False
    extra[1].save()
    services.intervision_groups_generate(
        partnership=world.a, year=AcademicYear.current(), by=world["programmamanager"]
    )
    grouped = set(IntervisionGroup.members.through.objects.values_list("student_id", flat=True))
    assert extra[0].pk not in grouped and extra[1].pk not in grouped
    assert extra[2].pk in grouped


def test_a_student_sees_their_own_group_and_a_wpb_the_groups_of_their_students(client, world):
    year = AcademicYear.current()
    own = IntervisionGroup.objects.create(
        partnership=world.a, academic_year=year, name="hbo 1", level="hbo"
    )
    own.members.set([world.student1, *add_students(world, 3)])
    other = IntervisionGroup.objects.create(
        partnership=world.a, academic_year=year, name="wo 1", level="wo"
    )
    other.members.set([world.student2, world.student3])
    client.force_login(world["student"])
    page = client.get(url(world, "group_list"))
    assert [g.name for g in page.context["groups"]] == ["hbo 1"]
    assert world.student1.person.full_name in page.content.decode()
    client.force_login(world["wpb_other_school"])  # guides student2
    assert [g.name for g in client.get(url(world, "group_list")).context["groups"]] == ["wo 1"]
    client.force_login(world["stagecoordinator"])
    names = [g.name for g in client.get(url(world, "group_list")).context["groups"]]
    assert names == ["hbo 1", "wo 1"]


def test_editing_moves_a_student_out_of_their_old_group(client, world):
    year = AcademicYear.current()
    g1 = IntervisionGroup.objects.create(
        partnership=world.a, academic_year=year, name="hbo 1", level="hbo"
    )
    g2 = IntervisionGroup.objects.create(
        partnership=world.a, academic_year=year, name="hbo 2", level="hbo"
    )
    g1.members.set([world.student1, world.student3])
    client.force_login(world["programmamanager"])
    response = client.post(
        url(world, "group_update", pk=g2.pk),
        {
            "name": "hbo twee",
            "supervisor": world["schoolopleider"].pk,
            "members": [world.student1.pk],
        },
    )
    assert response.status_code == 302
    g2.refresh_from_db()
    assert g2.name == "hbo twee" and g2.supervisor == world["schoolopleider"]
    assert list(g2.members.all()) == [world.student1]
    assert list(g1.members.all()) == [world.student3]


def test_editing_refuses_an_empty_name_and_saves_nothing(client, world):
    g = IntervisionGroup.objects.create(
        partnership=world.a, academic_year=AcademicYear.current(), name="hbo 1", level="hbo"
    )
    client.force_login(world["programmamanager"])
    response = client.post(
        url(world, "group_update", pk=g.pk), {"name": "", "members": [world.student1.pk]}
    )
    assert response.status_code == 200 and "name" in response.context["form"].errors
    assert not g.members.exists()


def test_group_list_queries_do_not_grow_with_the_groups(client, world):
    client.force_login(world["programmamanager"])
    year = AcademicYear.current()
    counts, made = [], 0
    for n in (1, 10, 50):
        for i in range(made, n):
            g = IntervisionGroup.objects.create(
                partnership=world.a, academic_year=year, name=f"hbo {i}", level="hbo"
            )
            g.members.set(add_students(world, 2))
        made = n
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "group_list"))
        assert len(response.context["groups"]) == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
