"""A stagecoördinator commits a finished allocation run, in chromium, with axe-core on every page.

Anne opens the year's runs (named "Ronde 1 van …", not by database id), reads the run's summary
(placed, unplaced by reason, first preferences met, the score in points and that it is proven
optimal), filters the results by reason, checks what committing will do (the preference window
is still open, so only "commit anyway" commits; the proposals stay hidden from the students) and
lands on the confirmation page, which says what happened and what comes next — one success
message, not two. Sanne, one of the students, does not see her proposal yet.

A screenshot of the run summary at desktop width is written to ``E2E_SCREENSHOT_DIR`` (the
README's ``docs/screenshots/run-summary.png`` comes from here)."""

import datetime
import os
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from placements import tasks
from placements.models import AllocationRun, Place, Placement, PreferenceForm, PreferenceWindow
from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD, academic_year
from tests.placements.factories import DivisionFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def finished_run(journey):
    """Places for Sanne's and Daan's subjects (Fleur's subject has none), their preferences in
    an open window, and a run the engine has finished."""
    p, year = journey.partnership, academic_year()
    division = DivisionFactory(partnership=p, academic_year=year)
    sanne, daan, _fleur = journey.students
    zandvliet, dalton = journey.other_schools
    for school, student in ((zandvliet, sanne), (dalton, daan), (journey.school, daan)):
        Place.objects.create(
            division=division,
            school=school,
            subject=student.subject,
            stage="onderbouw",
            level="hbo",
            start="september",
            capacity=1,
        )
    for student, school in ((sanne, zandvliet), (daan, dalton)):
        form = PreferenceForm.objects.create(student=student, academic_year=year)
        form.preferences.create(rank=1, school=school)
    today = timezone.localdate()
    window = PreferenceWindow.objects.create(
        partnership=p,
        academic_year=year,
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=10),
    )
    run = AllocationRun.objects.create(
        partnership=p,
        academic_year=year,
        start="september",
        time_limit_s=5,
        created_by=journey.coordinator,
    )
    assert tasks.run_allocation(run.pk) == "done"
    return run, window


def log_in(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_count(1)


def test_a_coordinator_checks_and_commits_a_finished_run(page, journey, finished_run):
    run, window = finished_run
    slug, year = journey.partnership.slug, run.academic_year.label
    log_in(page, journey.coordinator.email)

    # The year's runs: named by number within the year and day, the score in points.
    page.goto(reverse("placements:runs", args=[slug, year]))
    link = page.locator(f"main a[href='{reverse('placements:run_detail', args=[slug, run.pk])}']")
    expect(link).to_have_text(re.compile(r"^Ronde 1 van \d+ \w+ \d{4}$"))
    assert_accessible(page)
    link.click()

    # The run's summary: placed, not placed by reason, first preferences met, the score.
    summary = page.locator("#run-summary")
    expect(page.locator("main h1")).to_contain_text("Ronde 1 van")
    expect(summary).to_contain_text("2 van 3 studenten geplaatst")
    expect(summary).to_contain_text("Eerste voorkeur gehonoreerd voor 2 van de 2 studenten")
    expect(summary).to_contain_text("1 student: er is geen plaats voor hun vak, niveau en start")
    expect(summary).to_contain_text("Optimaal: met deze gewichten bestaat geen betere verdeling")
    expect(summary).to_contain_text("punten: 2 studenten geplaatst op hun eerste voorkeur × 100")
    expect(summary).not_to_contain_text("bovengrens")
    assert_accessible(page)
    folder = os.environ.get("E2E_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, "run-summary.png"), full_page=True)

    # The results, filtered by reason: only Fleur.
    page.locator("select[name=reason]").select_option("no_matching_place")
    page.locator("main form[role=search] button[type=submit]").click()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(journey.students[2].person.full_name)
    assert_accessible(page)

    # Check your answers: what committing creates and where; the window is open.
    page.locator("main a[href$='/commit/']").click()
    expect(page.locator("#commit-summary")).to_contain_text("2 studenten op 2 scholen")
    expect(page.locator("#window-warning")).to_be_visible()
    for school in journey.other_schools:
        expect(page.locator("main")).to_contain_text(school.name)
    assert_accessible(page)
    assert not Placement.objects.exists()

    # Committing without "commit anyway" is refused with the reason; with it, it commits.
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_anyway")).to_have_class(re.compile("is-invalid"))
    assert not Placement.objects.exists()
    assert_accessible(page)
    page.locator("input[name=anyway]").check()
    page.locator("main form button[type=submit]").click()

    # The confirmation: what happened, when students see it, what comes next; one message.
    expect(page).to_have_url(re.compile(r"/committed/$"))
    expect(page.locator("main .alert-success")).to_have_count(1)
    expect(page.locator("main .alert-success")).to_contain_text(
        "2 voorgestelde plaatsingen aangemaakt op 2 scholen."
    )
    expect(page.locator("main")).to_contain_text("Studenten zien hun voorstel vanaf")
    expect(page.locator("main a[href*='status=proposed']")).to_be_visible()
    assert_accessible(page)
    hidden = {p.hidden_from_student_until for p in Placement.objects.all()}
    assert hidden == {window.closes_on + datetime.timedelta(days=1)}
    run.refresh_from_db()
    assert run.status == "committed"

    # Sanne does not see her proposal yet.
    page.context.clear_cookies()
    log_in(page, journey.students[0].person.email)
    expect(page.locator("main")).not_to_contain_text(journey.other_schools[0].name)
