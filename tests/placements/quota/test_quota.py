"""The quota through the pages: proposal and distribution, adjustments with reasons, the
refusal to submit or approve a distribution that does not add up, the steering group's approval,
recomputing, and the monitor."""

from dataclasses import dataclass
from fractions import Fraction

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from partnerships.glossary import Role
from partnerships.models import Cluster, Organisation, Partnership, Person, PupilCount
from placements import services
from placements.models import Placement, Quota, QuotaShare
from tests.factories import (
    InstituteFactory,
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
    cluster: Cluster
    noord1: Organisation
    noord2: Organisation
    lyceum: Organisation
    mavo: Organisation
    nieuw: Organisation
    planner: Person
    stuurgroep: Person
    coordinator: Person  # schoolcoördinator of noord1


def pupils(school, start_year, n):
    PupilCount.objects.update_or_create(
        organisation=school, academic_year=academic_year(start_year), defaults={"pupils": n}
    )


def person_with(p, role, organisation=None):
    person = PersonFactory()
    RoleFactory(person=person, partnership=p, role=role, organisation=organisation)
    return person


@pytest.fixture
def setup() -> Setup:
    p = PartnershipFactory(slug="quota-test")
    cluster = Cluster.objects.create(partnership=p, name="Cluster Noord")
    noord1 = SchoolFactory(partnership=p, name="Noord College", cluster=cluster)
    noord2 = SchoolFactory(partnership=p, name="Noord Lyceum", cluster=cluster)
    lyceum = SchoolFactory(partnership=p, name="Stedelijk Lyceum")
    mavo = SchoolFactory(partnership=p, name="Mavo Zuid")
    nieuw = SchoolFactory(partnership=p, name="Nieuwe School")
    SchoolFactory(partnership=p, name="Gesloten School", is_active=False)
    pupils(noord1, YEAR, 300)
    pupils(noord2, YEAR, 200)
    pupils(lyceum, YEAR, 500)
    pupils(mavo, YEAR - 2, 250)  # only an older count
    return Setup(
        p=p,
        cluster=cluster,
        noord1=noord1,
        noord2=noord2,
        lyceum=lyceum,
        mavo=mavo,
        nieuw=nieuw,
        planner=person_with(p, Role.STAGECOORDINATOR),
        stuurgroep=person_with(p, Role.STUURGROEPLID),
        coordinator=person_with(p, Role.SCHOOLCOORDINATOR, noord1),
    )


def shown(page: str, message: str, **params) -> bool:
    """Whether the page shows ``message`` in the user's language (the tests pin Dutch)."""
    return escape(gettext(message) % params if params else gettext(message)) in page


def url(s: Setup, name: str) -> str:
    return reverse(f"placements:{name}", args=[s.p.slug, LABEL])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def propose(client, s: Setup, places=10, margin=10, **extra):
    client.force_login(s.planner)
    data = {"places": places, "margin_percent": margin, **extra}
    return client.post(url(s, "quota_propose"), data)


def shares(s: Setup) -> dict[str, QuotaShare]:
    quota = Quota.objects.get(partnership=s.p)
    return {share.unit_name: share for share in quota.shares.select_related("school", "cluster")}


def test_a_proposal_is_distributed_by_largest_remainder_over_clusters_and_schools(client, setup):
    s = setup
    response = propose(client, s, places=10)
    assert response.status_code == 302 and response["Location"] == url(s, "quota")
    quota = Quota.objects.get(partnership=s.p)
    assert (quota.places, quota.margin_percent, quota.status) == (10, 10, "draft")
    assert quota.created_by == s.planner
    got = {name: (share.pupils, share.computed) for name, share in shares(s).items()}
    # 1250 pupils: cluster 500 → 4, lyceum 500 → 4, mavo 250 → 2, nieuw (no count) → 0
    assert got == {
        "Cluster Noord": (500, 4),
        "Stedelijk Lyceum": (500, 4),
        "Mavo Zuid": (250, 2),
        "Nieuwe School": (0, 0),
    }
    page = client.get(url(s, "quota")).content.decode()
    assert "Noord College, Noord Lyceum" in page  # the cluster's schools
    # a fallback to an earlier year's count is said so; a school without any count is a warning
    assert shown(page, "%(school)s (count of %(y)s)", school="Mavo Zuid", y="2024-2025")
    assert shown(
        page, "These schools have no pupil count at all and get no share until one is entered:"
    )
    assert "Nieuwe School" in page and "Gesloten School" not in page
    assert shown(page, "hbo year-1 students are outside the quota:")
    rounding = (
        "Rounding: largest remainder. Every school first gets the whole number of places of its "
        "exact share; the places that are left go one by one to the schools with the largest "
        "fractions, ties to the school with more pupils. So the shares always add up exactly to "
        "the quota."
    )
    assert shown(page, rounding)


def test_remainders_go_to_the_largest_fractions_and_the_total_is_exact(client, setup):
    s = setup
    propose(client, s, places=7)
    got = {name: share.computed for name, share in shares(s).items()}
    # exact: 2.8, 2.8, 1.4 → 2, 2, 1 and two remainders to the .8 units
    assert got["Cluster Noord"] == 3 and got["Stedelijk Lyceum"] == 3 and got["Mavo Zuid"] == 1
    assert sum(got.values()) == 7


def test_an_adjustment_needs_a_reason_and_nothing_is_saved_without_one(client, setup):
    s = setup
    propose(client, s, places=10)
    by_name = shares(s)
    lyceum, mavo = by_name["Stedelijk Lyceum"], by_name["Mavo Zuid"]
    data = {f"adjusted_{lyceum.pk}": "3", f"adjusted_{mavo.pk}": "3", f"reason_{mavo.pk}": "new"}
    response = client.post(url(s, "quota_distribution"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {f"reason_{lyceum.pk}"}
    assert not QuotaShare.objects.filter(adjusted__isnull=False).exists()

    data[f"reason_{lyceum.pk}"] = "Fewer mentors this year"
    response = client.post(url(s, "quota_distribution"), data)
    assert response.status_code == 302
    lyceum.refresh_from_db()
    assert (lyceum.computed, lyceum.adjusted, lyceum.share) == (4, 3, 3)
    assert lyceum.adjustment_reason == "Fewer mentors this year"
    page = client.get(url(s, "quota"))
    assert page.context["total"] == 10 and page.context["difference"] == 0
    assert "Fewer mentors this year" in page.content.decode()


def test_submission_and_approval_are_refused_while_the_shares_do_not_add_up(client, setup):
    s = setup
    propose(client, s, places=10)
    lyceum = shares(s)["Stedelijk Lyceum"]
    client.post(
        url(s, "quota_distribution"),
        {f"adjusted_{lyceum.pk}": "6", f"reason_{lyceum.pk}": "Large school"},
    )
    page = client.get(url(s, "quota"))
    assert page.context["total"] == 12 and page.context["difference"] == -2
    assert 'id="mismatch"' in page.content.decode()

    response = client.post(url(s, "quota_submit"))
    assert response.status_code == 302
    assert any("12" in m and "10" in m for m in messages_of(response))
    assert Quota.objects.get(partnership=s.p).status == "draft"

    mavo = shares(s)["Mavo Zuid"]
    client.post(
        url(s, "quota_distribution"),
        {
            f"adjusted_{lyceum.pk}": "6",
            f"reason_{lyceum.pk}": "Large school",
            f"adjusted_{mavo.pk}": "0",
            f"reason_{mavo.pk}": "Pupil count is outdated",
        },
    )
    client.post(url(s, "quota_submit"))
    assert Quota.objects.get(partnership=s.p).status == "submitted"


def test_the_steering_group_approves_with_the_meeting_and_the_quota_is_then_read_only(
    client, setup
):
    s = setup
    propose(client, s, places=10)
    client.post(url(s, "quota_submit"))
    client.force_login(s.stuurgroep)
    response = client.post(url(s, "quota_approve"), {"meeting": " "})
    assert response.status_code == 200 and "meeting" in response.context["form"].errors
    response = client.post(url(s, "quota_approve"), {"meeting": "Stuurgroep 14 april"})
    assert response.status_code == 302
    quota = Quota.objects.get(partnership=s.p)
    assert quota.status == "approved" and quota.approved_by == s.stuurgroep
    assert quota.approved_at is not None and quota.approval_meeting == "Stuurgroep 14 april"
    page = client.get(url(s, "quota")).content.decode()
    assert "Stuurgroep 14 april" in page and str(s.stuurgroep) in page

    client.force_login(s.planner)
    lyceum = shares(s)["Stedelijk Lyceum"]
    response = client.post(
        url(s, "quota_distribution"), {f"adjusted_{lyceum.pk}": "5", f"reason_{lyceum.pk}": "x"}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    client.post(url(s, "quota_recompute"))
    response = propose(client, s, places=12)
    assert response.status_code == 200 and "reopen" in response.context["form"].errors
    quota.refresh_from_db()
    assert (quota.status, quota.places, shares(s)["Stedelijk Lyceum"].adjusted) == (
        "approved",
        10,
        None,
    )

    response = propose(client, s, places=12, reopen="on")
    assert response.status_code == 302
    quota.refresh_from_db()
    assert (quota.status, quota.places, quota.approved_by, quota.approval_meeting) == (
        "draft",
        12,
        None,
        "",
    )


def test_approving_needs_a_submitted_quota(client, setup):
    s = setup
    propose(client, s)
    client.force_login(s.stuurgroep)
    response = client.post(url(s, "quota_approve"), {"meeting": "Stuurgroep"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Quota.objects.get(partnership=s.p).status == "draft"


def test_changing_a_submitted_quota_returns_it_to_draft(client, setup):
    s = setup
    propose(client, s)
    client.post(url(s, "quota_submit"))
    lyceum = shares(s)["Stedelijk Lyceum"]
    mavo = shares(s)["Mavo Zuid"]
    client.post(
        url(s, "quota_distribution"),
        {
            f"adjusted_{lyceum.pk}": "5",
            f"reason_{lyceum.pk}": "a",
            f"adjusted_{mavo.pk}": "1",
            f"reason_{mavo.pk}": "b",
        },
    )
    assert Quota.objects.get(partnership=s.p).status == "draft"


def test_recompute_after_new_pupil_numbers_keeps_reasoned_adjustments_unless_discarded(
    client, setup
):
    s = setup
    propose(client, s, places=10)
    lyceum = shares(s)["Stedelijk Lyceum"]
    client.post(
        url(s, "quota_distribution"), {f"adjusted_{lyceum.pk}": "3", f"reason_{lyceum.pk}": "r"}
    )
    pupils(s.mavo, YEAR, 750)  # the current year's count arrives
    assert client.get(url(s, "quota")).context["stale"] is True
    client.post(url(s, "quota_recompute"))
    got = shares(s)
    assert got["Mavo Zuid"].pupils == 750 and got["Mavo Zuid"].computed == 4
    assert (got["Stedelijk Lyceum"].computed, got["Stedelijk Lyceum"].adjusted) == (3, 3)
    assert got["Stedelijk Lyceum"].adjustment_reason == "r"
    assert client.get(url(s, "quota")).context["stale"] is False

    client.post(url(s, "quota_recompute"), {"discard_adjustments": "on"})
    assert shares(s)["Stedelijk Lyceum"].adjusted is None


def test_a_share_without_its_reason_is_not_kept_on_recompute(setup):
    s = setup
    quota = services.quota_propose(
        partnership=s.p, year=academic_year(YEAR), places=10, margin_percent=10, by=s.planner
    )
    QuotaShare.objects.filter(quota=quota, school=s.lyceum).update(adjusted=1)  # e.g. via admin
    services.quota_recompute(quota=quota, by=s.planner)
    assert QuotaShare.objects.get(quota=quota, school=s.lyceum).adjusted is None


def test_new_and_closed_schools_follow_the_recompute(client, setup):
    s = setup
    propose(client, s)
    s.nieuw.is_active = False
    s.nieuw.save()
    late = SchoolFactory(partnership=s.p, name="Late School")
    pupils(late, YEAR, 250)
    client.post(url(s, "quota_recompute"))
    got = shares(s)
    assert "Nieuwe School" not in got and got["Late School"].computed == 2
    assert sum(share.computed for share in got.values()) == 10


# --- the monitor --------------------------------------------------------------------------


def place(p, school, status="confirmed", level="hbo", **student):
    year = academic_year(YEAR)
    student = StudentFactory(partnership=p, start_year=year, **student)
    return Placement.objects.create(
        student=student,
        academic_year=year,
        school=school,
        subject=student.subject,
        stage="onderbouw",
        level=level,
        start="september",
        status=status,
    )


def test_the_monitor_counts_holding_placements_per_unit_category_and_level(client, setup):
    s = setup
    propose(client, s, places=10, margin=10)
    institute = InstituteFactory(partnership=s.p)
    for _ in range(3):
        place(s.p, s.noord1, institute=institute)
    place(
        s.p,
        s.noord2,
        "active",
        "wo",
        institute=institute,
        programme_variant="wo_master_60",
        hbo_year=None,
    )
    place(s.p, s.noord2, "completed", institute=institute)
    place(s.p, s.lyceum, "proposed", institute=institute)  # not holding a place yet
    place(s.p, s.lyceum, "cancelled", institute=institute)
    place(s.p, s.lyceum, institute=institute, hbo_year=1)  # hbo year 1: outside the quota
    override = place(s.p, s.mavo, institute=institute, person__last_name="Verborgen")
    override.student.subsidy_category_override = "g"
    override.student.override_reason = "test"
    override.student.save()

    client.force_login(s.coordinator)  # a school lead: all rows, their own marked
    response = client.get(url(s, "quota_monitor"))
    monitor = response.context["monitor"]
    rows = {row.name: row for row in monitor.rows}
    assert (rows["Cluster Noord"].share, rows["Cluster Noord"].realised) == (4, 5)
    assert rows["Cluster Noord"].over and rows["Cluster Noord"].own
    assert rows["Stedelijk Lyceum"].realised == 0 and not rows["Stedelijk Lyceum"].own
    assert (rows["Mavo Zuid"].realised, rows["Mavo Zuid"].over) == (1, False)
    assert monitor.total_realised == 6 and monitor.hbo_year_1 == 1
    categories = dict(monitor.categories)
    assert sum(categories.values()) == 6
    assert [n for label, n in monitor.categories if label.startswith("a")] == [4]
    assert [n for label, n in monitor.categories if label.startswith("g")] == [1]
    assert dict(monitor.levels) == {"hbo": 5, "wo": 1}
    page = response.content.decode()
    assert "Stedelijk Lyceum" in page
    assert override.student.person.last_name not in page  # totals only, no names


def test_a_wo_master_who_changes_school_in_february_is_one_student(client, setup):
    """EXAMPLES.md: at school A September–January, at school B February–June: the monitor
    counts one student, half at each school (the same halves as the facilitation hours)."""
    s = setup
    propose(client, s, places=10)
    first = place(s.p, s.lyceum, "completed", "wo", programme_variant="wo_master_60", hbo_year=None)
    second = Placement.objects.create(
        student=first.student,
        academic_year=first.academic_year,
        school=s.mavo,
        subject=first.subject,
        stage="bovenbouw",
        level="wo",
        start="february",
        status="active",
    )
    client.force_login(s.planner)
    response = client.get(url(s, "quota_monitor"))
    monitor = response.context["monitor"]
    rows = {row.name: row for row in monitor.rows}
    assert rows["Stedelijk Lyceum"].realised == Fraction(1, 2)
    assert rows[second.school.name].realised == Fraction(1, 2)
    assert monitor.total_realised == 1
    assert sum(row.realised for row in monitor.rows) == 1
    assert dict(monitor.levels)["wo"] == 1
    assert '<td class="text-end">0,5</td>' in response.content.decode()


def test_a_school_outside_the_distribution_shows_without_a_share(client, setup):
    s = setup
    propose(client, s, places=10)
    late = SchoolFactory(partnership=s.p, name="Late School")
    place(s.p, late)
    client.force_login(s.planner)
    rows = {r.name: r for r in client.get(url(s, "quota_monitor")).context["monitor"].rows}
    assert rows["Late School"].share is None and rows["Late School"].over


def test_monitor_without_a_quota_says_so(client, setup):
    client.force_login(setup.coordinator)
    response = client.get(url(setup, "quota_monitor"))
    assert response.status_code == 200 and response.context["quota"] is None


# --- query counts ------------------------------------------------------------------------


def _grow(s: Setup, n: int):
    for i in range(n):
        school = SchoolFactory(partnership=s.p, name=f"Extra {n}-{i}")
        pupils(school, YEAR, 100 + i)
        place(s.p, school)


@pytest.mark.parametrize("page", ["quota", "quota_monitor", "quota_approve", "quota_distribution"])
def test_quota_pages_use_the_same_number_of_queries_at_1_10_and_50_rows(
    client, setup, django_assert_num_queries, page
):
    s = setup
    viewer = s.stuurgroep if page == "quota_approve" else s.planner
    counts = []
    grown = 0
    for n in (1, 10, 50):
        _grow(s, n - grown)
        grown = n
        services.quota_propose(
            partnership=s.p, year=academic_year(YEAR), places=100, margin_percent=10, by=s.planner
        )
        client.force_login(viewer)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(s, page)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
    with django_assert_num_queries(counts[0]):
        client.get(url(s, page))
