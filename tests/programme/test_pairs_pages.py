"""Student pairs: generating, the list per reader, changing by hand (never the same school)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import AcademicYear
from programme.models import StudentPair
from programme.selectors.groups import pair_members
from programme.services import groups as services
from tests.programme.groups_world import add_students

pytestmark = pytest.mark.django_db


def url(w, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership": w.a.slug, **kwargs})


def test_generate_pairs_everyone_across_schools(client, world):
    add_students(world, 8)  # with the world's three: 5 at school1, 4 at school2, 2 at school3
    client.force_login(world["programmamanager"])
    assert client.post(url(world, "pairs_generate")).status_code == 302
    pairs = list(
        StudentPair.objects.filter(partnership=world.a).select_related("first", "second", "third")
    )
    members = [m.pk for p in pairs for m in pair_members(p)]
    assert len(members) == len(set(members)) == 11  # 8 + the world's three
    assert sum(1 for p in pairs if p.third_id) == 1
    for p in pairs:
        schools = [m.school_id for m in pair_members(p)]
        assert len(set(schools)) == len(schools)


def test_last_years_partner_is_avoided(world):
    students = add_students(world, 4, schools=[world.school1, world.school2])
    this = AcademicYear.current()
    last = AcademicYear.objects.get_or_create(start_year=this.start_year - 1)[0]
    by = world["programmamanager"]
    services.student_pairs_generate(partnership=world.a, year=this, by=by)
    before = {
        frozenset(m.pk for m in pair_members(p))
        for p in StudentPair.objects.filter(academic_year=this)
    }
    StudentPair.objects.filter(academic_year=this).update(academic_year=last)
    services.student_pairs_generate(partnership=world.a, year=this, by=by)
    after = {
        frozenset(m.pk for m in pair_members(p))
        for p in StudentPair.objects.filter(academic_year=this)
    }
    assert len(students) == 4 and not before & after


def test_a_student_sees_only_their_own_pair(client, world):
    year = AcademicYear.current()
    extra = add_students(world, 2, schools=[world.school2, world.school1])
    StudentPair.objects.create(
        partnership=world.a, academic_year=year, first=world.student1, second=extra[0]
    )
    StudentPair.objects.create(
        partnership=world.a, academic_year=year, first=world.student3, second=world.student2
    )
    client.force_login(world["student"])
    pairs = client.get(url(world, "pair_list")).context["pairs"]
    assert [p.first for p in pairs] == [world.student1]


def test_changing_a_member_trades_places_and_refuses_the_same_school(client, world):
    year = AcademicYear.current()
    a1, b1 = add_students(world, 2, schools=[world.school1, world.school2])
    p1 = StudentPair.objects.create(
        partnership=world.a, academic_year=year, first=world.student1, second=world.student2
    )
    p2 = StudentPair.objects.create(partnership=world.a, academic_year=year, first=a1, second=b1)
    client.force_login(world["programmamanager"])
    # student2 (school2) for b1 (school2): the pairs trade them, both still mixed
    response = client.post(
        url(world, "pair_update", pk=p1.pk), {"member": world.student2.pk, "replacement": b1.pk}
    )
    assert response.status_code == 302
    p1.refresh_from_db()
    p2.refresh_from_db()
    assert (p1.first, p1.second) == (world.student1, b1)
    assert (p2.first, p2.second) == (a1, world.student2)
    # a1 (school1) next to student1 (school1): refused, nothing changes
    response = client.post(
        url(world, "pair_update", pk=p1.pk), {"member": b1.pk, "replacement": a1.pk}
    )
    assert response.status_code == 200
    assert "replacement" in response.context["form"].errors
    p1.refresh_from_db()
    assert (p1.first, p1.second) == (world.student1, b1)


def test_an_unpaired_student_joins_as_a_third_member(client, world):
    year = AcademicYear.current()
    (late,) = add_students(world, 1, schools=[world.school3])
    p1 = StudentPair.objects.create(
        partnership=world.a, academic_year=year, first=world.student1, second=world.student2
    )
    client.force_login(world["programmamanager"])
    page = client.get(url(world, "pair_list"))
    assert late in page.context["unpaired"]
    client.post(url(world, "pair_update", pk=p1.pk), {"member": "third", "replacement": late.pk})
    p1.refresh_from_db()
    assert p1.third == late


def test_pair_list_queries_do_not_grow(client, world):
    client.force_login(world["programmamanager"])
    year = AcademicYear.current()
    counts, made = [], 0
    for n in (1, 10, 50):
        for _i in range(made, n):
            a, b = add_students(world, 2, schools=[world.school1, world.school2])
            StudentPair.objects.create(partnership=world.a, academic_year=year, first=a, second=b)
        made = n
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "pair_list"))
        assert len(response.context["pairs"]) == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
