"""Query counts: a list page costs the same number of queries at 1, 10 and 50 rows, for an actor
who sees the whole partnership (stagecoördinator) and for a scoped one (schoolcoördinator, who
sees the cluster of school1 and school3). Detail pages cost a bounded number of queries however
much hangs off the object."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.glossary import ProgrammeVariant, Role
from partnerships.models import PupilCount, SchoolType, Section, Subject
from tests.factories import (
    PersonFactory,
    QualificationFactory,
    RoleFactory,
    SchoolFactory,
    StudentFactory,
    academic_year,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_pages")]

SIZES = (1, 10, 50)
ACTORS = ("stagecoordinator", "schoolcoordinator")
MAX_QUERIES = 30  # a sanity bound, well above what any page needs today
# The dashboard gathers the cards of every app (placements, transfer forms, subsidy, quality,
# programme, professionalisation) — each a few fixed queries; flat in the rows all the same.
MAX_DASHBOARD_QUERIES = 45
_serial = itertools.count()


def _get(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return response, len(ctx.captured_queries), ctx


def assert_flat(client, url, add_rows, rows_shown, limit=MAX_QUERIES):
    """Add rows up to each size, and check the page's query count does not move."""
    counts, total = {}, 0
    client.get(url)  # warm up once: the current academic year, the session, caches
    for size in SIZES:
        add_rows(size - total)
        total = size
        response, count, ctx = _get(client, url)
        assert rows_shown(response) >= size, "the added rows should be visible to this actor"
        counts[size] = count
    queries = "\n".join(q["sql"][:200] for q in ctx.captured_queries)
    assert len(set(counts.values())) == 1, f"query count grows with rows: {counts}\n{queries}"
    assert counts[SIZES[-1]] <= limit, queries


def _listed(response) -> int:
    return response.context["paginator"].count


# --- row builders (everything visible to both the stagecoördinator and the schoolcoördinator) ---
def add_schools(world):
    types = list(SchoolType.objects.all()[:3])

    def add(n):
        for _ in range(n):
            i = next(_serial)
            school = SchoolFactory(partnership=world.a, name=f"Q School {i}", cluster=world.cluster)
            school.school_types.set(types)
            subject = Subject.objects.create(partnership=world.a, name=f"Q vak {i}", code=f"q{i}")
            Section.objects.create(school=school, subject=subject)
            StudentFactory(partnership=world.a, institute=world.institute, school=school)

    return add


def add_people(world):
    def add(n):
        for _ in range(n):
            person = PersonFactory()
            RoleFactory(
                person=person,
                partnership=world.a,
                role=Role.WERKPLEKBEGELEIDER,
                organisation=world.school1,
                subject=world.subject,
            )
            RoleFactory(
                person=person, partnership=world.a, role=Role.CO_DOCENT, organisation=world.school3
            )
            QualificationFactory(person=person)

    return add


def add_students(world):
    def add(n):
        for _ in range(n):
            StudentFactory(
                partnership=world.a,
                institute=world.institute2,
                subject=world.subject2,
                school=world.school3,
                werkplekbegeleider=world["werkplekbegeleider"],
                schoolopleider=world["schoolopleider"],
                instituutsopleider=world["instituutsopleider"],
                subsidy_category_override="b",
                override_reason="test",
                override_by=world["administratief_ondersteuner"],
            )

    return add


def add_dashboard_rows(world):
    """Rows for every dashboard card: schools without pupil counts or coordinator, students
    without school, facilitation category or wpb, overrides, roles ending soon, sections
    without a certified wpb."""
    ending = timezone.localdate() + datetime.timedelta(days=10)

    def add(n):
        for _ in range(n):
            i = next(_serial)
            school = SchoolFactory(partnership=world.a, name=f"D School {i}", cluster=world.cluster)
            subject = Subject.objects.create(partnership=world.a, name=f"D vak {i}", code=f"d{i}")
            Section.objects.create(school=school, subject=subject)
            StudentFactory(  # no wpb, no facilitation category (year unknown), overridden
                partnership=world.a,
                institute=world.institute,
                school=school,
                programme_variant=ProgrammeVariant.HBO_BACHELOR_DEELTIJD,
                hbo_year=None,
                subsidy_category_override="c",
                override_reason="test",
            )
            StudentFactory(partnership=world.a, institute=world.institute, school=None)
            RoleFactory(
                partnership=world.a,
                role=Role.CO_DOCENT,
                organisation=school,
                valid_until=ending,
            )
            RoleFactory(partnership=world.a, role=Role.WERKGROEPLID, valid_until=ending)

    return add


def _card_rows(response) -> int:
    cards = response.context["cards"]
    return max(len(card.items) if card.count is None else card.count for card in cards)


LISTS = {
    "organisation_list": (add_schools, _listed),
    "person_list": (add_people, _listed),
    "student_list": (add_students, _listed),
    "dashboard": (add_dashboard_rows, _card_rows),
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("page", list(LISTS))
def test_list_query_count_does_not_grow(client, world, page, actor):
    add_rows, rows_shown = LISTS[page]
    client.force_login(world[actor])
    url = reverse(f"partnerships:{page}", args=[world.a.slug])
    limit = MAX_DASHBOARD_QUERIES if page == "dashboard" else MAX_QUERIES
    assert_flat(client, url, add_rows(world), rows_shown, limit)


@pytest.mark.parametrize("actor", ACTORS)
def test_filtered_and_sorted_lists_stay_flat(client, world, actor):
    """Filters and sorting must not add per-row queries either."""
    client.force_login(world[actor])
    add = add_students(world)
    url = reverse("partnerships:student_list", args=[world.a.slug])
    counts = []
    for size in SIZES:
        add(size - (counts and SIZES[len(counts) - 1] or 0))
        _response, count, _ctx = _get(client, url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"school": world.school3.pk, "o": "-institute", "q": ""})
        assert response.context["paginator"].count == size
        counts.append(len(ctx.captured_queries))
    assert len(set(counts)) == 1, counts


# --- detail pages -------------------------------------------------------------------------------
def assert_bounded(client, url, add_items, items_shown):
    """One item of everything hanging off the object, then ten: the same number of queries."""
    add_items(1)
    client.get(url)
    _response, one, _ctx = _get(client, url)
    add_items(9)
    response, ten, ctx = _get(client, url)
    assert items_shown(response) >= 10
    assert ten == one, "\n".join(q["sql"][:200] for q in ctx.captured_queries)
    assert ten <= MAX_QUERIES


def test_organisation_detail_is_bounded(client, world):
    client.force_login(world["stagecoordinator"])
    url = reverse("partnerships:organisation_detail", args=[world.a.slug, world.school1.pk])
    types = iter(SchoolType.objects.all())
    pupils = []

    def add(n):
        for _ in range(n):
            i = next(_serial)
            world.school1.school_types.add(next(types))
            subject = Subject.objects.create(partnership=world.a, name=f"Extra {i}", code=f"x{i}")
            Section.objects.create(
                school=world.school1, subject=subject, contact=world["werkplekbegeleider"]
            )
            RoleFactory(
                partnership=world.a,
                role=Role.WERKPLEKBEGELEIDER,
                organisation=world.school1,
                subject=subject,
            )
            pupils.append(
                PupilCount.objects.create(
                    organisation=world.school1,
                    academic_year=academic_year(1900 + i),
                    pupils=5000 + i,
                )
            )

    def shown(response):
        body = response.content.decode()
        assert all(f"{p.academic_year}: {p.pupils}" in body for p in pupils)
        assert len(response.context["staff"]) >= 10
        return len(response.context["organisation"].sections.all())

    assert_bounded(client, url, add, shown)


def test_person_detail_is_bounded(client, world):
    client.force_login(world["stagecoordinator"])
    person = world["co_docent"]
    url = reverse("partnerships:person_detail", args=[world.a.slug, person.pk])

    def add(n):
        for _ in range(n):
            i = next(_serial)
            subject = Subject.objects.create(partnership=world.a, name=f"Bevoegd {i}", code=f"b{i}")
            QualificationFactory(person=person, kind="teaching", subject=subject, grade="1")
            RoleFactory(
                person=person,
                partnership=world.a,
                role=Role.CO_DOCENT,
                organisation=world.school1,
                subject=subject,
            )

    def shown(response):
        return min(
            len(response.context["person"].partnership_roles),
            len(response.context["person"].qualifications.all()),
        )

    assert_bounded(client, url, add, shown)


@pytest.mark.parametrize("actor", ["stagecoordinator", "werkplekbegeleider", "student"])
def test_student_detail_is_bounded(client, world, actor):
    """Everything on the page hangs off the student by a foreign key: one fixed count, with or
    without an override, guides and learning goals."""
    client.force_login(world[actor])
    url = reverse("partnerships:student_detail", args=[world.a.slug, world.student1.pk])
    student = world.student1
    student.schoolopleider = student.instituutsopleider = None  # the wpb keeps access
    student.save()
    client.get(url)
    _response, bare, _ctx = _get(client, url)
    student.schoolopleider = world["schoolopleider"]
    student.instituutsopleider = world["instituutsopleider"]
    student.subsidy_category_override = "c"
    student.override_reason = "test"
    student.override_by = world["administratief_ondersteuner"]
    student.override_at = timezone.now()
    student.learning_goals = "Klassenmanagement"
    student.save()
    response, full, ctx = _get(client, url)
    assert "Klassenmanagement" in response.content.decode()
    assert full == bare, "\n".join(q["sql"][:200] for q in ctx.captured_queries)
    assert full <= MAX_QUERIES


def test_dashboard_cards_show_ten_rows_and_count_them_all(client, world):
    """The manager cards read their first ten rows and the total in one query (a window count):
    the count is every matching row, not the ten shown."""
    add_dashboard_rows(world)(12)
    client.force_login(world["stagecoordinator"])
    response = client.get(reverse("partnerships:dashboard", args=[world.a.slug]))
    with translation.override("en"):
        cards = {str(card.title): card for card in response.context["cards"]}
    no_school = cards["Active students without a school"]
    expected = world.a.students.filter(is_active=True, school__isnull=True).count()
    assert expected >= 12
    assert no_school.count == expected
    assert len(no_school.items) == 10
    ending = cards["Roles ending within 30 days"]
    assert ending.count >= 24 and len(ending.items) == 10
    assert cards["Schools without a schoolcoördinator"].count is None  # no count, as before
