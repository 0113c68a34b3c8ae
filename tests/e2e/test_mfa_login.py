"""Two-step verification in chromium (issue 17, item 2): a stagecoördinator's first password login
ends on the setup page; they add the app (the test is the app: it reads the key the page shows
for typing and computes codes with pyotp), see their backup codes, log out, and log in again
with a code — on a phone-sized screen for the second login. axe finds nothing on the pages."""

import datetime
import os

import pyotp
import pytest
from playwright.sync_api import expect

from partnerships.glossary import Role
from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD, PartnershipFactory, PersonFactory, RoleFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def coordinator(transactional_db, settings):
    settings.MFA_ENFORCE = True
    partnership = PartnershipFactory(name="Opleidingsschool Haaglanden", slug="haaglanden")
    person = PersonFactory(email="coordinator@school.example", first_name="Anne", last_name="Bos")
    RoleFactory(person=person, partnership=partnership, role=Role.STAGECOORDINATOR)
    return person


def shot(page, name):
    if folder := os.environ.get("E2E_SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(folder, f"mfa-{name}.png"), full_page=True)


def log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_enrol_an_authenticator_app_and_log_in_with_it(browser, live_server, page, coordinator):
    log_in(page, coordinator.email)
    expect(page).to_have_url(f"{live_server.url}/accounts/mfa/setup/")
    expect(page.locator("main h1")).to_have_text("Tweestapsverificatie instellen")
    expect(page.locator("main figure svg")).to_be_visible()  # the QR code, drawn here
    assert_accessible(page)
    shot(page, "setup")
    totp = pyotp.TOTP(page.get_by_test_id("totp-secret").inner_text().replace(" ", ""))

    page.get_by_label("Code").fill("000000")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Deze code klopt niet")
    page.get_by_label("Code").fill(totp.now())
    page.locator("main form button[type=submit]").click()

    expect(page.locator("main h1")).to_have_text("Je reservecodes")
    expect(page.get_by_test_id("backup-codes").locator("li")).to_have_count(10)
    assert_accessible(page)
    shot(page, "backup-codes")
    page.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    expect(page).to_have_url(f"{live_server.url}/p/haaglanden/")
    page.locator("form[action='/accounts/logout/'] button").click()

    # Again, on a phone. The code used at setup may not be used twice: the app's next code
    # (the device accepts one step of clock difference either way).
    phone = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 390, "height": 844},
    )
    try:
        page = phone.new_page()
        log_in(page, coordinator.email)
        expect(page).to_have_url(f"{live_server.url}/accounts/mfa/verify/")
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shot(page, "verify-phone")
        next_code = totp.at(datetime.datetime.now() + datetime.timedelta(seconds=30))
        page.get_by_label("Code").fill(next_code)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(f"{live_server.url}/p/haaglanden/")
        page.goto("/accounts/mfa/")
        expect(page.locator("main")).to_contain_text("Je hebt nog 10 reservecodes.")
        assert_accessible(page)
        shot(page, "settings-phone")
    finally:
        phone.close()
