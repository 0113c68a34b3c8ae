"""Who is invited: each audience, its groups and breakdown attributes, and who is left out."""

import datetime

import pytest

from partnerships.glossary import Role
from partnerships.models import Person, RoleAssignment, Student
from quality.audiences import Member, audience_members, dedupe
from quality.choices import Audience, RespondentGroup
from tests.factories import RoleFactory, academic_year
from tests.placements.transfer.transfer_world import placement

pytestmark = pytest.mark.django_db

G = RespondentGroup
TODAY = datetime.date.today()


def members(world, audience, year=None):
    found = audience_members(
        partnership=world.a, audience=audience, year=year or academic_year(), today=TODAY
    )
    return {m.person_id: m for m in found}


def test_mentors_are_the_active_wpbs_of_this_partnership(world):
    found = members(world, Audience.MENTORS)
    assert set(found) == {world["werkplekbegeleider"].pk, world["wpb_other_school"].pk}
    mentor = found[world["werkplekbegeleider"].pk]
    assert (mentor.group, mentor.school_id, mentor.institute_id) == (
        G.MENTOR,
        world.school1.pk,
        None,
    )


def test_inactive_people_and_ended_roles_are_left_out(world):
    Person.objects.filter(pk=world["wpb_other_school"].pk).update(is_active=False)
    RoleAssignment.objects.filter(pk=world.roles["werkplekbegeleider"].pk).update(
        valid_until=TODAY - datetime.timedelta(days=1)
    )
    assert members(world, Audience.MENTORS) == {}


def test_students_with_a_placement_this_year(world):
    placement(world.student1, world.school1)
    placement(world.student2, world.school2, status="cancelled")
    placement(world.student3, world.school1, year=academic_year(academic_year().start_year - 1))
    Student.objects.filter(pk=world.student1.pk).update(subsidy_category_override="g")
    found = members(world, Audience.STUDENTS)
    assert set(found) == {world.student1.person_id}
    member = found[world.student1.person_id]
    assert member == Member(
        world.student1.person_id, G.STUDENT, world.school1.pk, world.institute.pk, "g", "hbo"
    )


def test_an_inactive_student_is_not_invited(world):
    placement(world.student1, world.school1)
    Student.objects.filter(pk=world.student1.pk).update(is_active=False)
    assert members(world, Audience.STUDENTS) == {}


def test_a_student_with_two_placements_is_invited_once(world):
    placement(world.student1, world.school1)
    placement(world.student1, world.school2, start="february")
    found = audience_members(
        partnership=world.a, audience=Audience.STUDENTS, year=academic_year(), today=TODAY
    )
    assert [m.person_id for m in found] == [world.student1.person_id]


def test_trainers_coordinators_steering_group_and_co_docenten(world):
    trainers = members(world, Audience.TRAINERS)
    assert set(trainers) == {
        world["schoolopleider"].pk,
        world["schoolopleider_other_school"].pk,
        world["instituutsopleider"].pk,
    }
    io = trainers[world["instituutsopleider"].pk]
    assert (io.group, io.institute_id, io.school_id) == (
        G.INSTITUTE_TRAINER,
        world.institute.pk,
        None,
    )
    coordinators = members(world, Audience.COORDINATORS)
    assert set(coordinators) == {
        world["schoolcoordinator"].pk,
        world["schoolcoordinator_other_school"].pk,
        world["instituutscoordinator"].pk,
    }
    assert coordinators[world["instituutscoordinator"].pk].institute_id == world.institute.pk
    assert set(members(world, Audience.STEERING_GROUP)) == {world["stuurgroeplid"].pk}
    assert set(members(world, Audience.CO_DOCENTEN)) == {world["co_docent"].pk}


def test_two_roles_in_one_audience_give_one_invitation_by_priority(world):
    so = world["schoolopleider"]
    RoleFactory(
        person=so, partnership=world.a, role=Role.WERKPLEKBEGELEIDER, organisation=world.school2
    )
    placement(world.student1, world.school1)
    community = audience_members(
        partnership=world.a, audience=Audience.SCHOOL_COMMUNITY, year=academic_year(), today=TODAY
    )
    ids = [m.person_id for m in community]
    assert len(ids) == len(set(ids))
    by_person = {m.person_id: m for m in community}
    assert by_person[so.pk].group == G.SCHOOL_TRAINER
    assert by_person[world.student1.person_id].group == G.STUDENT
    assert world["stagecoordinator"].pk not in by_person
    assert world["schoolcoordinator"].pk not in by_person  # not part of the KOOS community
    assert members(world, Audience.MENTORS)[so.pk].group == G.MENTOR


def test_dedupe_keeps_the_first_by_priority_then_order():
    found = dedupe(
        [
            Member(1, G.MENTOR, school_id=10),
            Member(1, G.MENTOR, school_id=11),
            Member(2, G.STUDENT),
            Member(1, G.LEADER, school_id=12),
        ]
    )
    assert found == [Member(1, G.LEADER, school_id=12), Member(2, G.STUDENT)]
