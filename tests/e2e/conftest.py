"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

No browser is ever downloaded: Playwright launches /usr/bin/chromium."""

import os
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from partnerships.glossary import Role
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    StudentFactory,
)

# Playwright's sync API runs an event loop in the main thread; Django would refuse ORM calls
# from the test body (fixtures, factories) without this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test (no shared cookies), Dutch like our users; no
    transitions, so axe measures colour contrast at rest (not halfway a button's fade on a
    loaded machine)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot when E2E_SCREENSHOT_DIR is set (for looking at the layout)."""
    folder = os.environ.get("E2E_SCREENSHOT_DIR")

    def take(name: str) -> None:
        if folder:
            page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)

    return take


@dataclass
class Journey:
    partnership: object
    coordinator: object
    school: object
    other_schools: list
    institute: object
    students: list


@pytest.fixture
def journey(transactional_db):
    partnership = PartnershipFactory(name="Opleidingsschool Haaglanden", slug="haaglanden")
    coordinator = PersonFactory(
        email="coordinator@example.org", first_name="Anne", last_name="de Vries"
    )
    RoleFactory(person=coordinator, partnership=partnership, role=Role.STAGECOORDINATOR)
    school = SchoolFactory(partnership=partnership, name="Segbroek College", city="Den Haag")
    other_schools = [
        SchoolFactory(partnership=partnership, name="Zandvliet College", city="Den Haag"),
        SchoolFactory(partnership=partnership, name="Dalton Voorburg", city="Voorburg"),
    ]
    institute = InstituteFactory(partnership=partnership, name="Haagse Hogeschool")
    students = [
        StudentFactory(
            partnership=partnership,
            institute=institute,
            school=school,
            person=PersonFactory(
                email=f"student{n}@example.org", first_name=first, last_name="Jansen"
            ),
        )
        for n, first in enumerate(["Sanne", "Daan", "Fleur"], start=1)
    ]
    return Journey(partnership, coordinator, school, other_schools, institute, students)
