"""Unit tests of the access layer (partnerships/access.py): partnerships, roles, actions and the
scoped querysets, against the rules in its docstring."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from partnerships.access import STUDENT, Access, Action, get_access
from partnerships.glossary import Role
from partnerships.models import Partnership
from tests.factories import PersonFactory, RoleFactory, SchoolFactory, StudentFactory

pytestmark = pytest.mark.django_db

R = Role
MANAGERS = {R.STAGECOORDINATOR, R.PROGRAMMAMANAGER, R.ADMINISTRATIEF_ONDERSTEUNER}
GOVERNANCE = {R.STUURGROEPLID, R.BESTUURSRAADLID, R.WERKGROEPLID}
SCHOOL_STAFF = {
    R.SCHOOLCOORDINATOR,
    R.SCHOOLOPLEIDER,
    R.LEIDINGGEVENDE,
    R.WERKPLEKBEGELEIDER,
    R.CO_DOCENT,
    R.ASSESSOR,
}
INSTITUTE_STAFF = {R.INSTITUUTSOPLEIDER, R.INSTITUUTSCOORDINATOR, R.INSTITUUTSASSESSOR}
ALL_STAFF = MANAGERS | GOVERNANCE | SCHOOL_STAFF | INSTITUTE_STAFF

# Who may do what, written out from the rules (not imported from access.py).
MAY: dict[Action, set[str]] = {
    Action.VIEW_DASHBOARD: ALL_STAFF | {STUDENT},
    Action.VIEW_ORGANISATIONS: ALL_STAFF,
    Action.MANAGE_ORGANISATIONS: MANAGERS,
    Action.MANAGE_SECTIONS: MANAGERS | {R.SCHOOLCOORDINATOR},
    Action.VIEW_PEOPLE: MANAGERS | {R.SCHOOLCOORDINATOR, R.INSTITUUTSCOORDINATOR},
    Action.MANAGE_PEOPLE: MANAGERS,
    Action.VIEW_STUDENTS: MANAGERS
    | SCHOOL_STAFF
    | {R.INSTITUUTSOPLEIDER, R.INSTITUUTSCOORDINATOR, STUDENT},
    Action.MANAGE_STUDENTS: MANAGERS | {R.INSTITUUTSCOORDINATOR},
    Action.OVERRIDE_CATEGORY: {R.ADMINISTRATIEF_ONDERSTEUNER, R.PROGRAMMAMANAGER},
    Action.IMPORT_DATA: MANAGERS,
    Action.VIEW_REPORTS: MANAGERS | GOVERNANCE,
    # an institute's API tokens: its own coordinator, or the partnership's stagecoördinator
    Action.MANAGE_API_TOKENS: {R.STAGECOORDINATOR, R.INSTITUUTSCOORDINATOR},
}
ACTORS = [*Role.values, STUDENT]


def access(world, actor: str, **kwargs) -> Access:
    return Access(world.people[actor], **kwargs)


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_every_action_is_specified():
    assert set(MAY) == set(Action)


@pytest.mark.parametrize("action", list(Action), ids=str)
@pytest.mark.parametrize("actor", ACTORS)
def test_can(shared_world, actor, action):
    acc = access(shared_world, actor)
    assert acc.can(shared_world.a, action) is (actor in MAY[action])
    assert acc.can(shared_world.b, action) is False


# --- partnerships and roles -----------------------------------------------------------------
def test_partnerships_of_a_member(shared_world):
    w = shared_world
    assert list(access(w, "werkplekbegeleider").partnerships()) == [w.a]
    assert list(access(w, "student").partnerships()) == [w.a]
    assert list(access(w, "other_partnership").partnerships()) == [w.b]
    assert list(access(w, "nobody").partnerships()) == []


def test_roles(shared_world):
    w = shared_world
    assert access(w, "schoolcoordinator").roles(w.a) == {R.SCHOOLCOORDINATOR}
    assert access(w, "schoolcoordinator").roles(w.b) == frozenset()
    assert access(w, "student").roles(w.a) == {STUDENT}
    assert access(w, "nobody").roles(w.a) == frozenset()
    assert access(w, "superuser").roles(w.b) == MANAGERS | GOVERNANCE


def test_roles_in_two_partnerships_see_both(world):
    person = world["instituutsopleider"]
    RoleFactory(
        person=person,
        partnership=world.b,
        role=R.INSTITUUTSOPLEIDER,
        organisation=world.institute_b,
    )
    acc = Access(person)
    assert set(acc.partnerships()) == {world.a, world.b}
    assert acc.roles(world.b) == {R.INSTITUUTSOPLEIDER}
    # the institute trainer sees their own institute's students, per partnership
    assert pks(acc.students(world.a)) == {world.student1.pk}
    assert pks(acc.students(world.b)) == {world.student_b.pk}
    assert pks(acc.organisations(world.a)) == {world.institute.pk}
    assert pks(acc.organisations(world.b)) == {world.institute_b.pk}


def test_staff_and_student_in_two_partnerships(world):
    """A wpb in A who studies in B: staff scope in A, only their own record in B."""
    person = world["werkplekbegeleider"]
    own = StudentFactory(partnership=world.b, person=person, institute=world.institute_b)
    acc = Access(person)
    assert set(acc.partnerships()) == {world.a, world.b}
    assert acc.roles(world.b) == {STUDENT}
    assert pks(acc.students(world.b)) == {own.pk}
    assert not acc.can(world.b, Action.VIEW_ORGANISATIONS)


# --- validity of role assignments -----------------------------------------------------------
TODAY = datetime.date(2025, 3, 10)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "grants"),
    [
        (None, None, True),
        (TODAY, None, True),
        (None, TODAY, True),
        (TODAY - 30 * DAY, TODAY + 30 * DAY, True),
        (None, TODAY - DAY, False),  # expired
        (TODAY - 30 * DAY, TODAY - DAY, False),
        (TODAY + DAY, None, False),  # not yet valid
        (TODAY + DAY, TODAY + 30 * DAY, False),
    ],
    ids=[
        "open",
        "from_today",
        "until_today",
        "running",
        "expired",
        "expired_range",
        "future",
        "future_range",
    ],
)
def test_role_validity(db, valid_from, valid_until, grants):
    role = RoleFactory(role=R.STAGECOORDINATOR, valid_from=valid_from, valid_until=valid_until)
    acc = Access(role.person, today=TODAY)
    assert (role.partnership in acc.partnerships()) is grants
    assert acc.can(role.partnership, Action.VIEW_STUDENTS) is grants
    assert acc.roles(role.partnership) == ({R.STAGECOORDINATOR} if grants else frozenset())


def test_expired_school_role_sees_no_school(world):
    assignment = world.roles["schoolcoordinator"]
    assignment.valid_until = timezone.localdate() - DAY
    assignment.save()
    acc = access(world, "schoolcoordinator")
    assert not acc.partnerships().exists()
    assert not acc.organisations(world.a).exists()
    assert not acc.students(world.a).exists()


def test_inactive_person_grants_nothing(world):
    for actor in ("stagecoordinator", "student"):
        person = world[actor]
        person.is_active = False
        person.save()
        acc = Access(person)
        assert not acc.partnerships().exists(), actor
        assert acc.roles(world.a) == frozenset(), actor
        assert not acc.students(world.a).exists(), actor


def test_inactive_superuser_sees_nothing(world):
    person = world["superuser"]
    person.is_active = False
    person.save()
    acc = Access(person)
    assert not acc.partnerships().exists()
    assert not acc.can(world.a, Action.VIEW_DASHBOARD)


def test_inactive_student_record_grants_nothing(world):
    world.student1.is_active = False
    world.student1.save()
    acc = access(world, "student")
    assert not acc.partnerships().exists()
    assert not acc.can(world.a, Action.VIEW_STUDENTS)


# --- scoped querysets -----------------------------------------------------------------------
def test_managers_and_governance_see_all_organisations(shared_world):
    w = shared_world
    everything = pks(w.a.organisations.all())
    assert len(everything) == 5
    for actor in (*MANAGERS, *GOVERNANCE):
        assert pks(access(w, actor).organisations(w.a)) == everything, actor
    assert w.school_b.pk not in everything


def test_schoolcoordinator_sees_cluster_schools(shared_world):
    w = shared_world
    acc = access(w, "schoolcoordinator")
    assert pks(acc.organisations(w.a)) == {w.school1.pk, w.school3.pk}
    assert pks(acc.manageable_section_schools(w.a)) == {w.school1.pk, w.school3.pk}
    # the rest of the school's staff see their own school only
    for actor in ("schoolopleider", "leidinggevende", "werkplekbegeleider", "co_docent"):
        assert pks(access(w, actor).organisations(w.a)) == {w.school1.pk}, actor
        assert not access(w, actor).manageable_section_schools(w.a).exists(), actor
    # a school outside a cluster: its coordinator sees only that school
    assert pks(access(w, "schoolcoordinator_other_school").organisations(w.a)) == {w.school2.pk}


def test_schoolcoordinator_sees_students_of_cluster_schools(world):
    at_school3 = StudentFactory(
        partnership=world.a, institute=world.institute, school=world.school3
    )
    acc = access(world, "schoolcoordinator")
    assert pks(acc.students(world.a)) == {world.student1.pk, world.student3.pk, at_school3.pk}
    assert pks(access(world, "schoolopleider").students(world.a)) == {
        world.student1.pk,
        world.student3.pk,
    }


def test_werkplekbegeleider_sees_only_guided_students(shared_world):
    w = shared_world
    assert pks(access(w, "werkplekbegeleider").students(w.a)) == {w.student1.pk}
    assert pks(access(w, "wpb_other_school").students(w.a)) == {w.student2.pk}
    assert pks(access(w, "wpb_b").students(w.b)) == {w.student_b.pk}
    assert not access(w, "wpb_b").students(w.a).exists()


def test_school_staff_see_their_schools_students(shared_world):
    w = shared_world
    for actor in ("schoolopleider", "leidinggevende", "co_docent", "assessor"):
        assert pks(access(w, actor).students(w.a)) == {w.student1.pk, w.student3.pk}, actor
    assert pks(access(w, "schoolopleider_other_school").students(w.a)) == {w.student2.pk}


def test_institute_staff_see_their_institutes_students(shared_world):
    w = shared_world
    for actor in ("instituutsopleider", "instituutscoordinator"):
        assert pks(access(w, actor).students(w.a)) == {w.student1.pk}, actor
        assert pks(access(w, actor).organisations(w.a)) == {w.institute.pk}, actor
    # an institute assessor is institute staff but reads no student records
    assert not access(w, "instituutsassessor").students(w.a).exists()
    assert pks(access(w, "instituutscoordinator").manageable_students(w.a)) == {w.student1.pk}
    assert pks(access(w, "instituutscoordinator").manageable_institutes(w.a)) == {w.institute.pk}
    assert not access(w, "instituutsopleider").manageable_students(w.a).exists()


def test_student_sees_only_own_record(shared_world):
    w = shared_world
    acc = access(w, "student")
    assert pks(acc.students(w.a)) == {w.student1.pk}
    assert not acc.organisations(w.a).exists()
    assert pks(acc.people(w.a)) == {w.student1.person_id}


def test_governance_sees_no_students_or_people(shared_world):
    w = shared_world
    for actor in GOVERNANCE:
        acc = access(w, actor)
        assert not acc.students(w.a).exists(), actor
        assert not acc.can(w.a, Action.VIEW_PEOPLE), actor


def test_managers_see_every_student_and_person_of_their_partnership(shared_world):
    w = shared_world
    for actor in MANAGERS:
        acc = access(w, actor)
        assert pks(acc.students(w.a)) == {w.student1.pk, w.student2.pk, w.student3.pk}, actor
        people = pks(acc.people(w.a))
        assert w.student2.person_id in people
        assert w["wpb_other_school"].pk in people
        assert w["other_partnership"].pk not in people
        assert w["nobody"].pk not in people
        assert pks(acc.role_assignments(w.a)) == pks(w.a.role_assignments.all())


def test_schoolcoordinator_people(shared_world):
    w = shared_world
    people = pks(access(w, "schoolcoordinator").people(w.a))
    school1_staff = {w[r].pk for r in SCHOOL_STAFF}
    assert school1_staff <= people
    assert {w.student1.person_id, w.student3.person_id} <= people
    assert w["wpb_other_school"].pk not in people
    assert w.student2.person_id not in people
    assert w["stagecoordinator"].pk not in people
    assert w["instituutsopleider"].pk not in people


def test_instituutscoordinator_people(shared_world):
    w = shared_world
    people = pks(access(w, "instituutscoordinator").people(w.a))
    assert people == {w[r].pk for r in INSTITUTE_STAFF} | {w.student1.person_id}


def test_superuser_sees_everything(shared_world):
    w = shared_world
    acc = access(w, "superuser")
    assert set(acc.partnerships()) == set(Partnership.objects.all())
    for partnership in (w.a, w.b):
        assert pks(acc.organisations(partnership)) == pks(partnership.organisations.all())
        assert pks(acc.students(partnership)) == pks(partnership.students.all())
        for action in Action:
            assert acc.can(partnership, action), action


def test_objects_of_another_partnership_are_never_in_scope(shared_world):
    w = shared_world
    for actor in [*Role.values, STUDENT]:
        acc = access(w, actor)
        assert w.school_b.pk not in pks(acc.organisations(w.a)), actor
        assert w.student_b.pk not in pks(acc.students(w.a)), actor
        assert not acc.organisations(w.b).exists(), actor
        assert not acc.students(w.b).exists(), actor
        assert not acc.people(w.b).exists(), actor


def test_anonymous_access_is_empty(shared_world):
    from django.contrib.auth.models import AnonymousUser

    acc = Access(AnonymousUser())
    assert not acc.partnerships().exists()
    assert acc.roles(shared_world.a) == frozenset()
    assert not acc.students(shared_world.a).exists()


def test_get_access_is_built_once_per_request(shared_world):
    request = RequestFactory().get("/")
    request.user = shared_world["stagecoordinator"]
    assert get_access(request) is get_access(request)
    request.user = shared_world["student"]
    assert get_access(request).user == shared_world["student"]


def test_own_school_ids_ignore_other_partnerships_clusters(world):
    """A school of B with the same cluster name stays out of A's coordinator's scope."""
    other_cluster = world.b.clusters.create(name=world.cluster.name)
    SchoolFactory(partnership=world.b, cluster=other_cluster)
    ids = access(world, "schoolcoordinator").own_school_ids(world.a)
    assert ids == {world.school1.pk, world.school3.pk}


def test_new_role_grants_access_from_its_start(db):
    starts = TODAY + 7 * DAY
    role = RoleFactory(person=PersonFactory(), role=R.PROGRAMMAMANAGER, valid_from=starts)
    assert not Access(role.person, today=TODAY).partnerships().exists()
    assert Access(role.person, today=starts).can(role.partnership, Action.OVERRIDE_CATEGORY)
