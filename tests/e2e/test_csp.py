"""The Content-Security-Policy in chromium (issue 13, item 7): on the public pages and on the main
pages of the demo partnership (every navigation item and the pages they link to, one per URL
pattern), the browser reports no Content-Security-Policy violation — no inline script, inline
event handler, eval or <style> element the policy would block (htmx's included)."""

import re
from collections import deque

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from partnerships.glossary import Role
from partnerships.models import Partnership, RoleAssignment
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
DOWNLOADS = re.compile(r"(\.pdf|\.xlsx|\.ics|\.csv|/pdf/|/xlsx/|/csv/)$")
MAX_PAGES = 40
# Records violations as the page sees them; Playwright's init scripts are not subject to the CSP.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)
    return Partnership.objects.get(slug="hos")


def watched_page(browser, live_server, reports: list[str]):
    context = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.on(
        "console",
        lambda msg: (
            reports.append(f"{page.url}: {msg.text}")
            if "Content Security Policy" in msg.text or "Permissions-Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: reports.append(f"{page.url}: {error}"))
    return context, page


def check(page, reports: list[str]) -> None:
    page.wait_for_load_state("load")
    for violation in page.evaluate("window.__cspViolations || []"):
        reports.append(f"{page.url}: {violation}")


def test_no_csp_violation_on_the_main_pages(browser, live_server, demo):
    reports: list[str] = []
    context, page = watched_page(browser, live_server, reports)
    for path in ("/", "/privacy/", "/accounts/login/", "/no-such-page/"):
        page.goto(path)
        check(page, reports)

    manager = (
        RoleAssignment.objects.filter(partnership=demo, role=Role.STAGECOORDINATOR).first().person
    )
    manager.set_password(PASSWORD)
    manager.save()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(manager.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/p/"))
    check(page, reports)

    queue = deque(page.locator("header nav a").evaluate_all("els => els.map(e => e.pathname)"))
    nav = set(queue)
    seen: set[str] = set()
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        try:
            name = resolve(path).view_name
        except Resolver404:
            continue
        if name in seen or DOWNLOADS.search(path) or path.startswith("/admin/"):
            continue
        seen.add(name)
        page.goto(path)
        visited += 1
        check(page, reports)
        if path in nav:  # depth 1: the pages the navigation items link to
            links = page.locator("main a[href]").evaluate_all("els => els.map(e => e.pathname)")
            queue.extend(href for href in links if href.startswith("/p/"))
    context.close()
    assert visited >= 10, f"only {visited} pages visited"
    assert not reports, "\n".join(reports)
