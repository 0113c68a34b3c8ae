"""A whole placement year in chromium, with axe-core on every page visited.

The stagecoördinator proposes the quota (the steering group approves it), asks the schools for
their places (a schoolcoördinator fills the grid), divides the places (the programme manager
approves, the coordinator publishes), opens the preference window (a student gives two schools),
runs the allocation (the Celery task runs eagerly inside the request), commits it, takes one
proposed placement through the interview to confirmation and ticks off a procedure step.

Elements are found by URL, ``name`` and id; texts that are checked are data (names, numbers) or
computed with Django's own gettext for Dutch, so the test holds whether or not the placements
strings have been translated yet."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from config.celery import app as celery_app
from partnerships.glossary import Role
from placements.allocation.texts import rule_text
from placements.calendar.services import procedure_missing
from placements.choices import ApprovalStatus, PlacementStatus, RunStatus, StepStatus
from placements.models import Place, Placement, QuotaShare
from tests.e2e.axe import assert_accessible
from tests.e2e.year_world import PlacementYear, build_year
from tests.factories import PASSWORD, PersonFactory, RoleFactory

pytestmark = pytest.mark.e2e
RUN_TIMEOUT_MS = 60_000


def nl(message, **params) -> str:
    """The Dutch text of a source string (lazy label or msgid), formatted with ``params``."""
    with translation.override("nl"):
        text = gettext(message) if isinstance(message, str) else str(message)
        return text % params if params else text


@pytest.fixture
def year(transactional_db, settings, monkeypatch) -> PlacementYear:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The run executes inside the request that queues it (Celery's configuration is read once,
    # so the setting alone is not seen once another test has loaded it).
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    return build_year()


class Journey:
    """The browser, the world and the addresses of the year's pages."""

    def __init__(self, page, world: PlacementYear):
        self.page, self.w = page, world
        self.slug, self.label = world.partnership.slug, world.year.label

    def url(self, name: str, *args) -> str:
        if name.startswith("placements:") and not args:
            args = (self.label,)
        return reverse(name, args=[self.slug, *args])

    def check(self) -> None:
        assert_accessible(self.page)

    def click(self, selector: str, *, lands_on: str | None = None) -> None:
        """Click, wait for the page that answers (at ``lands_on``) and run axe on it."""
        self.page.locator(selector).first.click()
        if lands_on:
            expect(self.page).to_have_url(re.compile(re.escape(lands_on) + r"(\?.*)?$"))
        self.page.wait_for_load_state("load")
        self.check()

    def follow(self, name: str, *args) -> None:
        """Click the link to a page (in the main content, breadcrumbs included)."""
        url = self.url(name, *args)
        self.click(f"main a[href='{url}']", lands_on=url)

    def log_in(self, person) -> None:
        page = self.page
        page.goto("/accounts/login/")
        self.check()
        page.locator("input[name=username]").fill(person.email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(re.escape(f"/p/{self.slug}/") + "$"))
        self.check()

    def log_out(self) -> None:
        self.page.locator("header form[action='/accounts/logout/'] button").click()
        expect(self.page).to_have_url(re.compile(r"/accounts/login/$"))

    def year_overview(self) -> None:
        """Plaatsingen in the navigation: the planning year's overview."""
        nav = self.page.locator(f"#mainnav a[href='/p/{self.slug}/placements/']")
        nav.click()
        expect(self.page).to_have_url(re.compile(re.escape(self.url("placements:year")) + "$"))
        expect(nav).to_have_attribute("aria-current", "page")
        self.check()

    def status_badge(self, scope: str = "main dl"):
        return self.page.locator(f"{scope} .badge").first

    def submit(self, action: str) -> None:
        self.click(f"main form[action='{self.url(action)}'] button[type=submit]")


def test_a_placement_year(page, year, live_server, mailoutbox, screenshot):
    page.emulate_media(reduced_motion="reduce")  # no transitions: contrast is measured at rest
    j = Journey(page, year)
    w = year
    coordinator_name = w.coordinator.full_name

    # 1. The coordinator reaches the planning year through the navigation.
    j.log_in(w.coordinator)
    j.year_overview()
    expect(page.locator("main h1")).to_contain_text(str(w.year.start_year))

    # 2. Quota: propose 20 places with 10% margin; the shares follow the pupil numbers.
    j.follow("placements:quota")
    j.follow("placements:quota_propose")
    page.locator("input[name=places]").fill("20")
    page.locator("input[name=margin_percent]").fill("10")
    j.click("main form button[type=submit]", lands_on=j.url("placements:quota"))
    shares = page.locator("main table tbody tr")
    expect(shares).to_have_count(3)
    for school, computed in zip(w.schools, (10, 6, 4), strict=True):
        expect(shares.filter(has_text=school.name).locator("td").nth(1)).to_have_text(str(computed))
    expect(page.locator("main table tfoot td").last).to_have_text("20")
    expect(page.locator("#mismatch")).to_have_count(0)

    # Adjust: a changed share without a reason is refused and nothing is saved.
    j.follow("placements:quota_distribution")
    first, last = (QuotaShare.objects.get(school=s) for s in (w.schools[0], w.schools[2]))
    page.locator(f"input[name=adjusted_{first.pk}]").fill("11")
    j.click("main form button[type=submit]")
    expect(page.locator(f"input[name=reason_{first.pk}]")).to_have_class(re.compile("is-invalid"))
    first.refresh_from_db()
    assert first.adjusted is None
    page.locator(f"input[name=reason_{first.pk}]").fill("Grote sectie wiskunde")
    page.locator(f"input[name=adjusted_{last.pk}]").fill("3")
    page.locator(f"input[name=reason_{last.pk}]").fill("Verbouwing")
    j.click("main form button[type=submit]")
    row = shares.filter(has_text=w.schools[0].name).locator("td")
    expect(row.nth(2)).to_have_text("11")
    expect(row.nth(3)).to_have_text("Grote sectie wiskunde")
    expect(page.locator("main table tfoot td").last).to_have_text("20")  # still adds up
    expect(page.locator("#mismatch")).to_have_count(0)
    j.submit("placements:quota_submit")
    expect(j.status_badge()).to_have_text(nl(ApprovalStatus.SUBMITTED.label))

    # The steering group approves it with the meeting's name.
    j.log_out()
    j.log_in(w.steering)
    j.year_overview()
    j.follow("placements:quota")
    j.follow("placements:quota_approve")
    page.locator("input[name=meeting]").fill("Stuurgroep 14 april")
    j.click("main form button[type=submit]")
    expect(j.status_badge()).to_have_text(nl(ApprovalStatus.APPROVED.label))
    expect(page.locator("main dl")).to_contain_text("Stuurgroep 14 april")
    j.log_out()
    j.log_in(w.coordinator)
    j.year_overview()
    expect(page.locator("section[aria-labelledby=quota-h] p").first).to_contain_text(
        nl(ApprovalStatus.APPROVED.label)
    )

    # 3. Capacity: ask all schools; the schoolcoördinator fills the grid of their school.
    j.follow("placements:capacity")
    j.follow("placements:capacity_request")
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    page.locator("input[name=deadline]").fill(deadline.isoformat())
    page.locator("textarea[name=message]").fill("Graag voor de deadline invullen.")
    j.click("main form button[type=submit]", lands_on=j.url("placements:capacity_request_check"))
    j.click("main form button[type=submit]")  # the check page: send
    expect(page).to_have_url(re.compile(r"/capacity/request/\d+/sent/(\?.*)?$"))
    j.click(f"main .btn-primary[href='{j.url('placements:capacity')}']")
    own = page.locator("main table tbody tr").filter(has_text=w.school.name).locator("td")
    expect(own.first.locator(".badge")).to_be_visible()  # not answered yet
    assert any(w.school_coordinator.email in m.to for m in mailoutbox)
    j.log_out()

    j.log_in(w.school_coordinator)
    j.year_overview()
    j.follow("placements:capacity")
    expect(page.locator("main table tbody tr")).to_have_count(1)  # only their own school
    j.follow("placements:capacity_grid", j.label, w.school.pk)
    grid = page.locator("#capacity-grid")
    cells = {
        (w.maths, "onderbouw", "hbo"): "2",
        (w.maths, "bovenbouw", "either"): "4",
        (w.german, "onderbouw", "wo"): "1",
    }
    for (subject, stage, level), places in cells.items():
        grid.locator(f"input[name=c-{subject.pk}-{stage}-{level}-september-places]").fill(places)
    grid.locator(f"input[name=c-{w.german.pk}-onderbouw-wo-september-maybe]").check()
    grid.locator("input[name=total_cap]").fill("6")
    grid.locator("button[type=submit]:not([name])").click()  # htmx swaps the form
    expect(page.locator("#capacity-grid .alert-success")).to_be_visible()
    expect(
        page.locator(f"input[name=c-{w.maths.pk}-bovenbouw-either-september-places]")
    ).to_have_value("4")
    expect(
        page.locator(f"input[name=c-{w.german.pk}-onderbouw-wo-september-maybe]")
    ).to_be_checked()
    j.check()
    screenshot("capacity-grid")
    j.log_out()

    j.log_in(w.coordinator)
    j.year_overview()
    j.follow("placements:capacity")
    own = page.locator("main table tbody tr").filter(has_text=w.school.name).locator("td")
    expect(own.first.locator(".badge")).to_have_count(0)  # answered
    expect(own.nth(2)).to_have_text("6")  # total cap
    expect(own.nth(3)).to_have_text("6")  # available: 2 + 4
    expect(own.nth(4)).to_contain_text("1")  # maybe

    # 4. Division: build, check the even split of the "either" line, submit.
    j.follow("placements:year")
    j.follow("placements:division")
    j.click(f"main form[action='{j.url('placements:division_step', j.label, 'build')}'] button")
    expect(j.status_badge()).to_have_text(nl(ApprovalStatus.DRAFT.label))
    j.follow("placements:division_school", j.label, w.school.pk)
    either = Place.objects.filter(school=w.school, subject=w.maths, stage="bovenbouw")
    split = {p.level: p for p in either}
    assert set(split) == {"hbo", "wo"}
    for place in split.values():
        expect(page.locator(f"input[name=capacity-{place.pk}]")).to_have_value("2")
    j.follow("placements:division")
    j.click(f"main form[action='{j.url('placements:division_step', j.label, 'submit')}'] button")
    expect(j.status_badge()).to_have_text(nl(ApprovalStatus.SUBMITTED.label))
    j.log_out()

    j.log_in(w.programme_manager)
    j.year_overview()
    j.follow("placements:division_approve")
    j.click("main form button[name=approve]")
    expect(j.status_badge()).to_have_text(nl(ApprovalStatus.APPROVED.label))
    j.log_out()

    j.log_in(w.coordinator)
    j.year_overview()
    j.follow("placements:division")
    j.follow("placements:division_publish")  # the check page: who will see what, who is mailed
    j.click("main form button[type=submit]", lands_on=j.url("placements:division_published"))
    j.follow("placements:division")
    expect(j.status_badge()).to_have_text(nl(ApprovalStatus.PUBLISHED.label))

    # 5. Preferences: the window opens today; a student gives two schools from the dashboard.
    j.follow("placements:year")
    j.follow("placements:preferences")
    j.follow("placements:preference_window")
    today = timezone.localdate()
    page.locator("input[name=opens_on]").fill(today.isoformat())
    page.locator("input[name=closes_on]").fill((today + datetime.timedelta(days=14)).isoformat())
    j.click("main form button[type=submit]")
    expect(page.locator("main p .badge")).to_have_text(nl("open"))  # the window is open
    j.log_out()

    student = w.sanne
    j.log_in(student.person)
    own_form = j.url("placements:preference_edit", j.label, student.pk)  # a redirect
    j.click(f"main .card a[href='{j.url('placements:preferences')}']", lands_on=own_form)
    page.locator("select[name=rank1]").select_option(str(w.previous_school.pk))
    page.locator("select[name=rank2]").select_option(str(w.free_school.pk))
    j.click("main form button[type=submit]")
    expect(page.locator("select[name=rank1]")).to_have_value(str(w.previous_school.pk))
    expect(page.locator("select[name=rank2]")).to_have_value(str(w.free_school.pk))
    j.log_out()

    # 6. Allocation: a run (executed at once), the explanation in Dutch, commit.
    j.log_in(w.coordinator)
    j.year_overview()
    j.follow("placements:preferences")
    wishes = page.locator("main table tbody tr").filter(has_text=student.person.full_name)
    expect(wishes.locator("ol li")).to_have_count(2)
    j.follow("placements:year")
    j.follow("placements:runs")
    j.follow("placements:run_create")
    page.locator("select[name=start]").select_option("september")
    page.locator("input[name=label]").fill("Eerste ronde")
    page.locator("input[name=time_limit_s]").fill("3")
    page.locator("main form button[type=submit]").click()
    status = page.locator("#run-status strong")
    expect(status).to_have_text(nl(RunStatus.DONE.label), timeout=RUN_TIMEOUT_MS)
    j.check()
    screenshot("run")
    result = page.locator("main table tbody tr").filter(has_text=student.person.full_name)
    expect(result.locator("td").nth(1)).to_have_text(w.free_school.name)
    with translation.override("nl"):  # rank 1 is the school she was at before: rotation
        sentence = "; ".join(
            [
                gettext("preference %(rank)s") % {"rank": 2},
                gettext("preference %(rank)s not allowed (%(rule)s)")
                % {"rank": 1, "rule": rule_text("previous_school")},
            ]
        )
    expect(result.locator("td").nth(4)).to_have_text(sentence)
    # the summary: 6 of 7 placed, Emma not placed
    expect(page.locator("#run-summary strong").first).to_have_text("6")
    # check your answers: the preference window is still open, so only "commit anyway"; the
    # students see their proposals now (the journey's student takes part in the interview)
    j.click("main a[href$='/commit/']")
    page.locator("input[name=anyway]").check()
    page.locator("input[name=show_to_students]").check()
    j.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/committed/$"))
    expect(page.locator("main .alert-success")).to_have_count(1)

    # 7. Placements: the proposal through the interview to confirmation. The school has a
    # schoolopleider, who is named on the placement so the interview's attendance can name them.
    school = Placement.objects.get(student=student, academic_year=w.year).school
    RoleFactory(
        person=PersonFactory(first_name="Sam", last_name="Opleider"),
        partnership=w.partnership,
        role=Role.SCHOOLOPLEIDER,
        organisation=school,
    )
    j.year_overview()
    j.follow("placements:placement_list")
    expect(page.locator("main table tbody tr")).to_have_count(6)  # all proposed
    j.click(f"main table a:text-is('{student.person.full_name}')")
    heading = page.locator("#status-h")
    expect(heading).to_have_text(f"{nl('Status')}: {nl(PlacementStatus.PROPOSED.label)}")
    when = today + datetime.timedelta(days=7)
    page.locator("input[name=planned_at]").fill(f"{when.isoformat()}T10:00")
    j.click("main form[action$='/plan_interview/'] button[type=submit]")
    expect(heading).to_contain_text(nl(PlacementStatus.INTERVIEW_PLANNED.label))
    # the schoolopleider is named before the interview, so attendance can name them
    guides = page.locator("main form[action$='/guides/']")
    guides.locator("select[name=schoolopleider]").select_option(index=1)
    j.click("main form[action$='/guides/'] button[type=submit]")
    j.click("main a[href$='/interview/']")
    held = page.locator("main form[action$='/interview_held/']")
    held.locator("input[name=attended][value=student]").check()
    held.locator("input[name=attended][value=schoolopleider]").check()
    held.locator("input[name=topics][value=practical]").check()
    held.locator("input[name=topics][value=learning_goals]").check()
    held.locator("textarea[name=notes]").fill("Fijne kennismaking.")
    j.click("main form[action$='/interview_held/'] button[type=submit]")
    expect(heading).to_contain_text(nl(PlacementStatus.INTERVIEW_HELD.label))
    j.click("main a[href$='/interview/']")
    topics = page.locator("section[aria-labelledby=topics-h] li").filter(has_text="✓")
    expect(topics).to_have_count(2)
    page.go_back()
    j.click("main form[action$='/confirm/'] button[type=submit]")
    expect(heading).to_have_text(f"{nl('Status')}: {nl(PlacementStatus.CONFIRMED.label)}")
    log = page.locator("section[aria-labelledby=log-h] li")
    expect(log).to_have_count(5)  # proposed, guides, planned, held, confirmed
    with translation.override("nl"):
        recorded = ngettext(
            "%(who)s recorded the introductory interview as held (%(n)s topic discussed).",
            "%(who)s recorded the introductory interview as held (%(n)s topics discussed).",
            2,
        ) % {"who": coordinator_name, "n": 2}
        confirmed = gettext("%(who)s confirmed the placement.") % {"who": coordinator_name}
    expect(log.filter(has_text=recorded)).to_have_count(1)
    expect(log.filter(has_text=confirmed)).to_have_count(1)
    screenshot("placement")

    # 8. The procedure calendar: generate it, tick off a step (htmx swaps the row).
    j.year_overview()
    j.follow("placements:calendar")
    expected_steps = len(procedure_missing(partnership=w.partnership, year=w.year))
    j.click(f"main form[action='{j.url('placements:calendar_generate')}'] button")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(expected_steps)
    step_row = rows.first
    row_id = step_row.get_attribute("id")
    step_row.locator("button[name=status][value=done]").click()
    done = page.locator(f"#{row_id} td")
    expect(done.nth(3)).to_have_text(nl(StepStatus.DONE.label))
    expect(done.nth(4)).to_contain_text(coordinator_name)
    j.check()

    # The year at a glance: one confirmed placement.
    j.year_overview()
    counts = page.locator("section[aria-labelledby=pl-h] li")
    expect(counts.filter(has_text=nl(PlacementStatus.CONFIRMED.label))).to_have_text(
        f"{nl(PlacementStatus.CONFIRMED.label)}: 1"
    )
