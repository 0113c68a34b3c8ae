"""Dashboard: a student sees their pair and their intervision group; staff get no such cards."""

import pytest
from django.urls import reverse

from partnerships.models import AcademicYear
from programme.models import IntervisionGroup, StudentPair
from tests.programme.groups_world import add_students

pytestmark = pytest.mark.django_db


def test_a_student_sees_their_pair_and_group(client, world):
    year = AcademicYear.current()
    (partner,) = add_students(world, 1, schools=[world.school2])
    StudentPair.objects.create(
        partnership=world.a, academic_year=year, first=partner, second=world.student1
    )
    group = IntervisionGroup.objects.create(
        partnership=world.a, academic_year=year, name="hbo 3", level="hbo"
    )
    group.members.set([world.student1, world.student3])
    dashboard = reverse("partnerships:dashboard", kwargs={"partnership": world.a.slug})
    client.force_login(world["student"])
    cards = client.get(dashboard).context["cards"]
    items = {label for card in cards for label, _url in card.items}
    assert f"{partner.person.full_name} ({world.school2.name})" in items
    assert f"{world.student3.person.full_name} ({world.school1.name})" in items
    assert any("hbo 3" in str(card.title) for card in cards)
    client.force_login(world["stagecoordinator"])
    cards = client.get(dashboard).context["cards"]
    assert not any("hbo 3" in str(card.title) for card in cards)
