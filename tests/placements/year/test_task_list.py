"""The placement year's page as a task list: the 15 steps in their order with status, owner, due
date and the page where each is done; the statuses follow the year's data and the owners' ticks;
this year and next year are one click apart; the page's queries do not grow with the year."""

import datetime
import itertools
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.glossary import Role
from partnerships.models import PupilCount
from placements import services
from placements.calendar.procedure import STEPS
from placements.models import (
    AllocationRun,
    CapacityRequest,
    PreferenceWindow,
    ProcedureStep,
    Quota,
    SubsidySnapshot,
)
from placements.year.progress import Progress
from tests.factories import PartnershipFactory, PersonFactory, RoleFactory, SchoolFactory
from tests.factories import academic_year as year_of
from tests.placements.factories import (
    DivisionFactory,
    PlaceFactory,
    PlacementFactory,
    SchoolCapacityFactory,
)

pytestmark = pytest.mark.django_db
PLANNING = 2027  # the year being planned in spring 2027
LABEL = "2027-2028"
_serial = itertools.count()


@pytest.fixture
def w():
    p = PartnershipFactory(slug="taken")
    schools = [SchoolFactory(partnership=p, name=f"School {n}") for n in (1, 2)]
    for school in schools:
        PupilCount.objects.create(organisation=school, academic_year=year_of(PLANNING), pupils=500)

    def person(role, org=None):
        someone = PersonFactory(email=f"{role}@taken.example.org")
        RoleFactory(person=someone, partnership=p, role=role, organisation=org)
        return someone

    return SimpleNamespace(
        p=p,
        year=year_of(PLANNING),
        schools=schools,
        stage=person(Role.STAGECOORDINATOR),
        pm=person(Role.PROGRAMMAMANAGER),
        steering=person(Role.STUURGROEPLID),
        sc=person(Role.SCHOOLCOORDINATOR, schools[0]),
    )


def url(w, name="year", label=LABEL, **query):
    address = reverse(f"placements:{name}", args=[w.p.slug, label])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def tasks_of(response) -> dict[str, object]:
    return {t.code: t for phase in response.context["tasks"].phases for t in phase.tasks}


@pytest.mark.today("2027-03-20")
def test_the_fifteen_steps_in_order_with_owner_due_date_and_page(client, w):
    client.force_login(w.stage)
    response = client.get(url(w))
    assert response.status_code == 200
    tasks = [t for phase in response.context["tasks"].phases for t in phase.tasks]
    assert [t.number for t in tasks] == list(range(1, 16))
    assert [t.code for t in tasks] == [step.code for step in STEPS]
    assert [len(phase.tasks) for phase in response.context["tasks"].phases] == [2, 8, 5]
    by_code = {t.code: t for t in tasks}
    quota = by_code["quota"]
    assert quota.owner == Role.STAGECOORDINATOR.label and quota.mine
    assert quota.due == datetime.date(2027, 4, 15)  # the calendar is not generated: the procedure
    assert [r.due for r in by_code["interviews"].rounds] == [
        datetime.date(2027, 6, 30),
        datetime.date(2028, 1, 20),
    ]
    assert not by_code["interviews"].mine  # the schoolcoördinator's
    assert all(t.status == Progress.NOT_STARTED for t in tasks)
    pages = {code: by_code[code].url for code in ("quota", "inventory", "division", "preferences")}
    assert pages == {
        "quota": url(w, "quota"),
        "inventory": url(w, "capacity"),
        "division": url(w, "division"),
        "preferences": url(w, "preferences"),
    }
    assert by_code["hbo_rotation"].url == url(w, "runs")
    assert by_code["interviews"].url == url(w, "placement_list", status="proposed")
    assert by_code["to_admin"].url == url(w, "subsidy")
    assert by_code["wo_divide"].url == url(w, "places")
    page = response.content.decode()
    for task in tasks:  # each task's title is the link to its page, with its status read out
        assert f'href="{task.url}" aria-describedby="task-{task.code}-status' in page


@pytest.mark.today("2027-05-01")
def test_statuses_follow_the_years_data(client, w):
    year, today = w.year, datetime.date(2027, 5, 1)
    services.quota_propose(partnership=w.p, year=year, places=4, margin_percent=10, by=w.stage)
    CapacityRequest.objects.create(
        partnership=w.p, academic_year=year, deadline=today, sent_by=w.stage
    )
    SchoolCapacityFactory(school=w.schools[0], academic_year=year, answered_at=timezone.now())
    division = DivisionFactory(partnership=w.p, academic_year=year, status="approved")
    PlaceFactory(division=division, school=w.schools[0], reserved=1)
    PreferenceWindow.objects.create(
        partnership=w.p,
        academic_year=year,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=3),
    )
    services.procedure_generate(partnership=w.p, year=year)
    client.force_login(w.stage)
    tasks = tasks_of(client.get(url(w)))
    status = {code: task.status for code, task in tasks.items()}
    assert status["quota"] == Progress.OVERDUE  # a draft, due 15 April
    assert status["inventory"] == Progress.OVERDUE  # 1 of 2 schools, due 30 April
    assert tasks["inventory"].hint == gettext(
        "%(answered)s of %(schools)s schools have declared their places."
    ) % {"answered": 1, "schools": 2}
    assert status["division"] == Progress.DONE  # approved, and not yet due
    assert status["rotation_needs"] == Progress.IN_PROGRESS  # places reserved
    assert status["preferences"] == Progress.IN_PROGRESS  # the window is open
    assert status["hbo_rotation"] == Progress.NOT_STARTED
    assert status["to_admin"] == Progress.NOT_STARTED

    # The quota approved, the inventory ticked done (a school never answered): both done.
    quota = Quota.objects.get(partnership=w.p)
    services.quota_submit(quota=quota, by=w.stage)
    services.quota_approve(quota=quota, meeting="Stuurgroep 14 april", by=w.steering)
    inventory = ProcedureStep.objects.get(partnership=w.p, academic_year=year, number=2)
    services.procedure_step_set_status(step=inventory, status="done", note="", by=w.stage)
    tasks = tasks_of(client.get(url(w)))
    assert tasks["quota"].status == Progress.DONE
    assert "Stuurgroep 14 april" in tasks["quota"].hint
    assert tasks["inventory"].status == Progress.DONE
    assert w.stage.full_name in tasks["inventory"].hint


@pytest.mark.today("2027-07-01")
def test_placements_move_the_last_steps(client, w):
    year = w.year
    division = DivisionFactory(partnership=w.p, academic_year=year, status="published")
    place = PlaceFactory(division=division, school=w.schools[0], capacity=5)
    AllocationRun.objects.create(partnership=w.p, academic_year=year, start="september")
    AllocationRun.objects.create(
        partnership=w.p, academic_year=year, start="september", status="committed"
    )
    PlacementFactory(place=place, status="interview_held")
    PlacementFactory(place=place, status="confirmed")
    PlacementFactory(place=place, status="cancelled")
    client.force_login(w.stage)
    tasks = tasks_of(client.get(url(w)))
    assert tasks["wo_publish"].status == Progress.DONE
    assert tasks["hbo_rotation"].status == Progress.DONE
    assert tasks["interviews"].status == Progress.DONE  # every live placement past it
    assert tasks["definitive"].status == Progress.OVERDUE  # 1 of 2 confirmed, due 30 June
    assert tasks["definitive"].hint == gettext("%(done)s of %(n)s placements are confirmed.") % {
        "done": 1,
        "n": 2,
    }
    assert tasks["proposals"].status == Progress.OVERDUE  # nobody ticked it, due 15 June


@pytest.mark.today("2027-04-20")
def test_approvers_are_linked_to_the_approval_page(client, w):
    quota = services.quota_propose(
        partnership=w.p, year=w.year, places=4, margin_percent=10, by=w.stage
    )
    services.quota_submit(quota=quota, by=w.stage)
    DivisionFactory(partnership=w.p, academic_year=w.year, status="submitted")
    client.force_login(w.steering)
    tasks = tasks_of(client.get(url(w)))
    assert tasks["quota"].url == url(w, "quota_approve")
    assert tasks["division"].url == ""  # the steering group does not see the division
    client.force_login(w.pm)
    tasks = tasks_of(client.get(url(w)))
    assert tasks["quota"].url == url(w, "quota")
    assert tasks["division"].url == url(w, "division_approve")
    client.force_login(w.stage)
    assert tasks_of(client.get(url(w)))["quota"].url == url(w, "quota")


@pytest.mark.today("2027-06-01")
def test_owners_tick_off_from_the_task_list_and_others_see_no_tick_link(client, w):
    services.procedure_generate(partnership=w.p, year=w.year)
    interviews = ProcedureStep.objects.get(
        partnership=w.p, academic_year=w.year, number=13, occurrence=1
    )
    client.force_login(w.sc)
    tasks = tasks_of(client.get(url(w)))
    assert tasks["interviews"].mine
    assert tasks["interviews"].calendar_url == url(w, "calendar") + f"#step-{interviews.pk}"
    assert tasks["quota"].calendar_url == ""  # the stagecoördinator's step
    assert tasks["quota"].url == url(w, "quota")  # a school lead reads the quota
    assert tasks["hbo_rotation"].url == url(w, "calendar")  # no run page: the calendar


@pytest.mark.today("2026-12-07")
def test_in_december_this_year_opens_and_next_year_is_one_click_away(client, w):
    client.force_login(w.stage)
    response = client.get(reverse("placements:year_current", args=[w.p.slug]), follow=True)
    assert response.redirect_chain[-1][0] == url(w, label="2026-2027")
    tabs = response.context["tabs"]
    assert [(t["label"], t["active"], t["preparing"]) for t in tabs] == [
        ("2025-2026", False, False),
        ("2026-2027", True, False),
        ("2027-2028", False, True),
    ]
    page = response.content.decode()
    this_year = re.search(r'aria-current="page" href="[^"]+2026-2027/">([^<]+)<', page)
    assert this_year and this_year.group(1).strip() == "Dit jaar 2026-2027"
    assert re.search(
        r'href="[^"]+/2027-2028/">Volgend jaar 2027-2028 <span class="small">\(in voorbereiding\)',
        page,
    )


@pytest.mark.today("2027-03-01")
def test_from_march_the_year_being_planned_opens(client, w):
    client.force_login(w.stage)
    response = client.get(reverse("placements:year_current", args=[w.p.slug]), follow=True)
    assert response.redirect_chain[-1][0] == url(w, label=LABEL)
    active = [t for t in response.context["tabs"] if t["active"]]
    assert [(t["label"], t["preparing"]) for t in active] == [(LABEL, True)]


@pytest.mark.today("2027-03-01")
def test_an_older_year_gets_its_own_tab(client, w):
    client.force_login(w.stage)
    response = client.get(url(w, label="2023-2024"))
    labels = [t["label"] for t in response.context["tabs"]]
    assert labels == ["2023-2024", "2025-2026", "2026-2027", "2027-2028"]
    assert response.context["earlier_label"] == "2022-2023"


def _grow(w, n):
    """``n`` more of everything the task list counts: schools with their capacity, placements,
    allocation runs, subsidy snapshots, reserved places."""
    year = w.year
    division = DivisionFactory(partnership=w.p, academic_year=year)
    for _ in range(n):
        k = next(_serial)
        school = SchoolFactory(partnership=w.p, name=f"Groei {k}")
        SchoolCapacityFactory(school=school, academic_year=year, answered_at=timezone.now())
        place = PlaceFactory(division=division, school=school, capacity=2, reserved=1)
        PlacementFactory(place=place, status="confirmed" if k % 2 else "proposed")
        AllocationRun.objects.create(partnership=w.p, academic_year=year, start="september")
        SubsidySnapshot.objects.create(
            partnership=w.p, academic_year=year, reference_date=datetime.date(2028, 10, 1)
        )


@pytest.mark.today("2027-05-01")
@pytest.mark.parametrize("actor", ["stage", "sc", "steering"])
def test_the_page_costs_the_same_queries_at_1_10_and_50_rows(client, w, actor):
    services.procedure_generate(partnership=w.p, year=w.year)
    services.quota_propose(partnership=w.p, year=w.year, places=4, margin_percent=10, by=w.stage)
    PreferenceWindow.objects.create(
        partnership=w.p,
        academic_year=w.year,
        opens_on=datetime.date(2027, 4, 1),
        closes_on=datetime.date(2027, 5, 10),
    )
    client.force_login(getattr(w, actor))
    client.get(url(w))  # warm up: the session, the current academic year
    counts, total = {}, 0
    for size in (1, 10, 50):
        _grow(w, size - total)
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(w))
        assert response.status_code == 200
        assert response.context["tasks"].total == 15
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts
    assert counts[50] <= 25, "\n".join(q["sql"][:150] for q in ctx.captured_queries)
