"""The placement year as a task list, in chromium with axe-core on every page visited.

On 1 April the stagecoördinator opens *Plaatsingen*: the year being planned, with this year one
tab away. She walks the task list — every step's link leads to the page where that step is done
— proposes the quota and submits it to the steering group, generates the calendar and ticks off
a step from the list. A steering group member finds the quota on the dashboard card, approves it
from there, and the stagecoördinator's task list shows the step done (the screenshot of the task
list is taken then: ``E2E_SCREENSHOT_DIR=docs/screenshots``)."""

import re
import urllib.request

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from placements.calendar.procedure import STEPS
from placements.models import Quota
from tests.e2e.axe import assert_accessible
from tests.e2e.year_world import PlacementYear, build_year
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.today("2027-04-01")]
PLANNING, RUNNING = "2027-2028", "2026-2027"

# Where each step's link leads the stagecoördinator (the page's URL name and query).
PAGES = {
    "quota": ("quota", ""),
    "inventory": ("capacity", ""),
    "division": ("division", ""),
    "rotation_needs": ("division", ""),
    "preferences": ("preferences", ""),
    "wo_publish": ("division", ""),
    "wo_divide": ("places", ""),
    "hbo_rotation": ("runs", ""),
    "hbo_workgroup": ("runs", ""),
    "hbo_publish": ("placement_list", ""),
    "proposals": ("placement_list", ""),
    "speed_dates": ("placement_list", ""),
    "interviews": ("placement_list", "?status=proposed"),
    "definitive": ("placement_list", "?status=interview_held"),
    "to_admin": ("subsidy", ""),
}


def nl(message: str, **params) -> str:
    with translation.override("nl"):
        text = gettext(message)
    return text % params if params else text


@pytest.fixture
def world(transactional_db, settings, live_server) -> PlacementYear:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The live server's first answer imports every view; on a busy machine that alone can take
    # longer than a browser step may wait.
    urllib.request.urlopen(f"{live_server.url}/accounts/login/", timeout=120).close()
    return build_year()


class Walk:
    def __init__(self, page, world: PlacementYear):
        self.page, self.w, self.slug = page, world, world.partnership.slug

    def url(self, name: str, label: str = PLANNING) -> str:
        return reverse(f"placements:{name}", args=[self.slug, label])

    def landed(self, url: str) -> None:
        expect(self.page).to_have_url(re.compile(re.escape(url) + "$"))
        self.page.wait_for_load_state("load")
        assert_accessible(self.page)

    def log_in(self, person) -> None:
        self.page.goto("/accounts/login/")
        self.page.locator("input[name=username]").fill(person.email)
        self.page.locator("input[name=password]").fill(PASSWORD)
        self.page.locator("main form button[type=submit]").click()
        self.landed(f"/p/{self.slug}/")

    def log_out(self) -> None:
        self.page.locator("header form[action='/accounts/logout/'] button").click()
        expect(self.page).to_have_url(re.compile(r"/accounts/login/$"))

    def placements(self) -> None:
        self.page.locator(f"#mainnav a[href='/p/{self.slug}/placements/']").click()
        self.landed(self.url("year"))

    def task(self, code: str):
        return self.page.locator(f"#task-{code}")

    def status(self, code: str):
        return self.page.locator(f"#task-{code}-status")


def test_the_stagecoordinator_walks_the_year_from_the_task_list(
    page, world, mailoutbox, screenshot
):
    page.emulate_media(reduced_motion="reduce")
    walk, w = Walk(page, world), world

    # 1. From March, Plaatsingen opens the year being planned; this year is one tab away.
    walk.log_in(w.coordinator)
    walk.placements()
    tabs = page.locator("main nav .year-tabs")
    current = tabs.locator("a[aria-current=page]")
    expect(current).to_have_text(
        re.compile(rf"{nl('Next year')} {PLANNING}\s*\({nl('in preparation')}\)")
    )
    tabs.locator(f"a[href='{walk.url('year', RUNNING)}']").click()
    walk.landed(walk.url("year", RUNNING))
    expect(tabs.locator("a[aria-current=page]")).to_have_text(f"{nl('This year')} {RUNNING}")
    tabs.locator(f"a[href='{walk.url('year')}']").click()
    walk.landed(walk.url("year"))

    # 2. The fifteen steps in their order; each link leads to the page where the step is done.
    items = page.locator("main ol.task-list > li")
    expect(items).to_have_count(15)
    assert [items.nth(i).get_attribute("id") for i in range(15)] == [
        f"task-{s.code}" for s in STEPS
    ]
    expect(walk.status("quota")).to_have_text(nl("Not started"))
    expect(walk.status("inventory")).to_have_text(nl("In progress"))  # 2 of 3 schools answered
    for step in STEPS:
        name, query = PAGES[step.code]
        target = walk.url(name) + query
        link = walk.task(step.code).locator("a").first
        expect(link).to_have_attribute("href", target)
        link.click()
        walk.landed(target)
        page.go_back()
        walk.landed(walk.url("year"))

    # 3. The quota: proposed and submitted to the steering group from the step's page.
    walk.task("quota").locator("a").first.click()
    walk.landed(walk.url("quota"))
    page.locator(f"main a[href='{walk.url('quota_propose')}']").click()
    walk.landed(walk.url("quota_propose"))
    page.locator("input[name=places]").fill("20")
    page.locator("input[name=margin_percent]").fill("10")
    page.locator("main form button[type=submit]").click()
    walk.landed(walk.url("quota"))
    page.locator(f"main form[action='{walk.url('quota_submit')}'] button").click()
    walk.landed(walk.url("quota"))
    told = nl(
        "The quota has been submitted to the steering group; its %(n)s member has an e-mail "
        "and sees it on the dashboard."
    )
    expect(page.locator(".alert-success")).to_contain_text(told % {"n": 1})
    assert [m.to for m in mailoutbox] == [[w.steering.email]]
    assert walk.url("quota_approve") in mailoutbox[0].body
    page.locator(f"main .breadcrumb a[href='{walk.url('year')}']").click()
    walk.landed(walk.url("year"))
    expect(walk.status("quota")).to_have_text(nl("In progress"))

    # 4. The calendar generated from the year's other pages; a step ticked off from the list.
    page.locator(f"section[aria-labelledby=more-h] a[href='{walk.url('calendar')}']").click()
    walk.landed(walk.url("calendar"))
    page.locator(f"main form[action='{walk.url('calendar_generate')}'] button").click()
    walk.landed(walk.url("calendar"))
    page.locator(f"main .breadcrumb a[href='{walk.url('year')}']").click()
    walk.landed(walk.url("year"))
    expect(walk.status("hbo_workgroup")).to_have_text(nl("Not started"))
    walk.task("hbo_workgroup").locator("a[href*='/calendar/#step-']").click()
    expect(page).to_have_url(re.compile(re.escape(walk.url("calendar")) + r"#step-\d+$"))
    assert_accessible(page)
    row = page.locator(page.url[page.url.index("#") :])
    row.locator("button[name=status][value=done]").click()
    expect(row.locator("button[name=status][value=open]")).to_be_visible()  # htmx swapped it
    walk.placements()
    expect(walk.status("hbo_workgroup")).to_have_text(nl("Done"))
    expect(walk.task("hbo_workgroup")).to_contain_text(w.coordinator.full_name)
    walk.log_out()

    # 5. The steering group approves the quota straight from its dashboard card.
    walk.log_in(w.steering)
    card = page.locator("main section.card").filter(has_text=nl("Waiting for your approval"))
    link = card.locator(f"a[href='{walk.url('quota_approve')}']")
    expect(link).to_contain_text(w.coordinator.full_name)
    link.click()
    walk.landed(walk.url("quota_approve"))
    page.locator("input[name=meeting]").fill("Stuurgroep 14 april")
    page.locator("main form button[name=approve]").click()
    walk.landed(walk.url("quota"))
    assert Quota.objects.get(partnership=w.partnership).status == "approved"
    assert mailoutbox[-1].to == [w.coordinator.email]
    assert "Stuurgroep 14 april" in mailoutbox[-1].body
    page.goto(f"/p/{walk.slug}/")
    card = page.locator("main section.card").filter(has_text=nl("Waiting for your approval"))
    expect(card).to_contain_text(nl("Nothing is waiting for your approval."))
    walk.log_out()

    # 6. The stagecoördinator's task list: the quota is done.
    walk.log_in(w.coordinator)
    walk.placements()
    expect(walk.status("quota")).to_have_text(nl("Done"))
    expect(walk.task("quota")).to_contain_text("Stuurgroep 14 april")
    expect(page.locator("#tasks-summary")).to_contain_text(
        nl("%(done)s of %(total)s steps done", done=2, total=15)
    )
    screenshot("task-list")
