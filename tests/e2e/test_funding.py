"""Money in chromium, axe-core on every page (issue 19): the administrator enters the amounts
per category (check page, confirmation), the stagecoördinator hands over the December snapshot,
the expected subsidy appears (and today's list, provisional); the stuurgroep decides the
distribution key (check page with every school's and institute's share, a written procedure);
the administrator records a payment; every statement adds up to its share and the statements
with the own costs to the total — summed from the pages themselves."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD
from tests.placements.funding.funding_world import world
from tests.placements.subsidy.subsidy_world import LABEL

pytestmark = pytest.mark.e2e
# Ann, Bob (a), Cas (c), Eva (e), Fay (f) are counted in 2025-2026
AMOUNTS = {"a": "2.500,00", "c": "3000", "e": "1.500", "f": "4.000,50"}
TOTAL = 2 * 250_000 + 300_000 + 150_000 + 400_050


@pytest.fixture
def w(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return world()


def log_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#mainnav")).to_be_visible()


def cents(page, selector: str, attribute: str) -> list[int]:
    return [
        int(v)
        for v in page.locator(selector).evaluate_all(
            f"els => els.map(e => e.getAttribute('{attribute}'))"
        )
    ]


def test_money_from_the_amounts_to_every_statement(page, w, live_server):
    slug = w.p.slug
    funding = f"/p/{slug}/placements/{LABEL}/funding/"

    # The administrator opens Money from the placement year and enters the amounts.
    log_in(page, w.admin.email)
    page.goto(f"/p/{slug}/placements/{LABEL}/")
    page.locator(f"main a[href='{funding}']").click()
    expect(page).to_have_url(f"{live_server.url}{funding}")
    assert_accessible(page)
    page.locator(f"main a[href='{funding}amounts/']").click()
    for code, value in AMOUNTS.items():
        page.locator(f"input[name={code}]").fill(value)
    page.locator("main form button[type=submit].btn-primary").click()
    expect(page.locator("#amounts-check")).to_be_visible()  # nothing stored yet
    assert_accessible(page)
    page.locator("button[name=confirm]").click()
    expect(page.locator("#next")).to_be_visible()
    assert_accessible(page)
    page.goto(funding)
    expect(page.locator("#expected-today [data-total]")).to_have_attribute("data-total", str(TOTAL))

    # The stagecoördinator hands over the December snapshot.
    log_in(page, w.planner.email)
    page.goto(f"/p/{slug}/placements/{LABEL}/subsidy/")
    page.locator("#take-snapshot input[name=label]").fill("December")
    page.locator("#take-snapshot button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/subsidy/snapshots/\d+/$"))

    # The expected subsidy of the snapshot appears for the administrator.
    log_in(page, w.admin.email)
    page.goto(funding)
    snapshot_total = page.locator("table[id^=expected-]:not(#expected-today) [data-total]")
    expect(snapshot_total).to_have_attribute("data-total", str(TOTAL))
    expect(page.locator("main")).to_contain_text("December")
    assert_accessible(page)

    # The stuurgroep decides the key in a written procedure, after the check page.
    log_in(page, w.stuurgroep.email)
    page.goto(funding)
    page.locator(f"main a[href='{funding}key/']").click()
    page.locator("select[name=snapshot]").select_option(index=1)
    for name, value in {
        "own_costs_percent": "10",
        "institutes_percent": "20",
        "fixed_percent": "30",
        "weight_1": "60",
        "weight_2": "50",
        "weight_3": "40",
        "weight_hbo1": "0",
    }.items():
        page.locator(f"input[name={name}]").fill(value)
    page.locator("select[name=decided_at]").select_option("written")
    page.locator("main form button[type=submit].btn-primary").click()
    expect(page.locator("#key-check")).to_be_visible()
    assert_accessible(page)
    shares = cents(page, "#distribution [data-share]", "data-share")
    (own,) = cents(page, "#distribution [data-own]", "data-own")
    assert sum(shares) + own == TOTAL and len(shares) == 4  # two schools, two institutes
    page.locator("button[name=confirm]").click()
    expect(page.locator("#next")).to_contain_text("2026-")  # the decision's number
    assert_accessible(page)

    # The administrator pays Alfa College a first instalment.
    log_in(page, w.admin.email)
    page.goto(funding)
    page.locator(f"main a[href='{funding}payments/new/']").click()
    page.locator("select[name=organisation]").select_option(label="Alfa College")
    page.locator("input[name=amount]").fill("1.000,00")
    page.locator("main form button[type=submit].btn-primary").click()
    expect(page.locator("#payment-check")).to_be_visible()
    page.locator("button[name=confirm]").click()
    expect(page.locator("#next")).to_contain_text("Alfa College")

    # Every statement adds up; the statements and the own costs add up to the total.
    page.goto(funding)
    assert_accessible(page)
    (total,) = cents(page, "#distribution tfoot [data-total]", "data-total")
    assert total == TOTAL
    links = page.locator("#distribution tbody th a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(links) == 4
    statements = 0
    for href in links:
        page.goto(href)
        (share,) = cents(page, "#statement-share [data-share]", "data-share")
        assert sum(cents(page, "#statement-share [data-part]", "data-part")) == share
        (paid,) = cents(page, "#statement-share [data-paid]", "data-paid")
        (outstanding,) = cents(page, "#statement-share [data-outstanding]", "data-outstanding")
        assert share - paid == outstanding
        assert paid == sum(cents(page, "#statement-payments [data-payment]", "data-payment"))
        statements += share
    assert_accessible(page)
    assert statements + own == TOTAL
