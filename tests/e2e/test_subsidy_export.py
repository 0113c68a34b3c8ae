"""The administrator's subsidy list in chromium, with axe-core on every page visited: from the
placement year to the list, choosing the year, the totals and the students to reconcile, the
Excel download read back, a snapshot handed over by the stagecoördinator and its differences
with today's data.

Elements are found by URL, ``name``, id and data attributes; checked texts are data (names,
numbers), so the test holds whether or not the new strings have been translated yet."""

import datetime
import re

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from placements import selectors, services
from placements.models import Placement
from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD, academic_year
from tests.placements.subsidy.subsidy_world import LABEL, YEAR, build

pytestmark = pytest.mark.e2e


@pytest.fixture
def w(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build()
    services.subsidy_snapshot_take(
        partnership=world.p,
        year=academic_year(YEAR),
        reference_date=datetime.date(YEAR + 1, 10, 1),
        label="Juli",
        by=world.planner,
    )
    # After the hand-over, Bob's placement is cancelled.
    Placement.objects.filter(pk=world.placements["Bob"].pk).update(status="cancelled")
    return world


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_the_administrator_reconciles_and_exports_the_subsidy_list(
    page, w, live_server, tmp_path, screenshot
):
    slug = w.p.slug
    log_in(page, w.admin.email)
    expect(page).to_have_url(f"{live_server.url}/p/{slug}/")

    # The placement year links to the list.
    page.locator(f"#mainnav a[href='/p/{slug}/placements/']").click()
    planning = selectors.planning_year().label
    expect(page).to_have_url(f"{live_server.url}/p/{slug}/placements/{planning}/")
    assert_accessible(page)
    # the task in the year's task list (the overview below links there too)
    page.locator(
        f"main a[href='/p/{slug}/placements/{planning}/subsidy/'][aria-describedby]"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/p/{slug}/placements/{planning}/subsidy/")
    assert_accessible(page)

    # Choose the year that ended.
    page.locator("#choose select[name=year]").select_option(LABEL)
    page.locator("#choose button[type=submit]").click()
    url = reverse("placements:subsidy", args=[slug, LABEL])
    expect(page).to_have_url(f"{live_server.url}{url}")
    expect(page.locator("#totals-category [data-category=total]")).to_have_text("4")
    expect(page.locator("#totals-category [data-category=a]")).to_have_text("1")
    expect(page.locator("#totals-school tbody tr")).to_have_count(2)
    excluded = page.locator("#excluded tbody tr")
    expect(excluded).to_have_count(6)
    expect(page.locator("#excluded tr[data-reason=overridden]")).to_contain_text(
        "Benoemd als docent"
    )
    expect(page.locator("#excluded tr[data-reason=cancelled]")).to_have_count(2)
    expect(page.locator("#take-snapshot")).to_have_count(0)  # the stagecoördinator's task
    assert_accessible(page)
    screenshot("subsidy-list")

    # Download the Excel file and read it back.
    with page.expect_download() as info:
        page.locator("#downloads a[data-format=xlsx]").click()
    download = info.value
    assert download.suggested_filename == f"subsidy-{slug}-{LABEL}-{YEAR + 1}-10-01.xlsx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    sheets = openpyxl.load_workbook(target).worksheets
    totals = {row[0]: row[2] for row in sheets[0].iter_rows(min_row=2, max_row=8, values_only=True)}
    assert totals == {"a": 1, "b": 0, "c": 1, "d": 0, "e": 1, "f": 1, "g": 0}
    assert sheets[8].max_row - 1 == 6  # the students not counted

    # The stagecoördinator's July snapshot, and what changed since.
    page.locator("#snapshots a", has_text="Juli").click()
    expect(page).to_have_url(re.compile(r"/subsidy/snapshots/\d+/$"))
    expect(page.locator("#totals-category [data-category=total]")).to_have_text("5")
    assert_accessible(page)
    screenshot("subsidy-snapshot")
    page.locator("#compare button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/subsidy/snapshots/\d+/compare/\?with=$"))
    expect(page.locator("#removed tbody tr")).to_have_count(1)
    expect(page.locator("#removed tbody tr")).to_contain_text("Bob Test")
    expect(page.locator("#added tbody tr")).to_have_count(0)
    assert_accessible(page)
    screenshot("subsidy-compare")
