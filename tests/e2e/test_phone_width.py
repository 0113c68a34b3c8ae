"""No page scrolls sideways on a 390 px phone (issue 14, item 6).

The in-process crawl (``tests/crawl/crawler.py``) finds every page each demo login reaches on
7 December; chromium then opens each of those pages once, at 390 × 844 as the login that first
reached it, and measures the document: ``scrollWidth`` must stay within the screen. A table may
scroll inside its own ``.table-responsive`` box; the page itself may not. The widest elements of a
page that fails are named, so the failure says what to fix."""

import re
import time

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client

from partnerships.demo import login_rows
from tests.clock import at_morning
from tests.crawl.crawler import crawl
from tests.e2e.conftest import TIMEOUT_MS

pytestmark = pytest.mark.e2e
WIDTH = 390
DAY = "2026-12-07"

# The page's width, and when it is too wide, the outermost elements that stick out (not inside
# an element that scrolls on its own).
MEASURE = """(width) => {
  const doc = document.documentElement;
  const result = {scrollWidth: doc.scrollWidth, culprits: []};
  if (doc.scrollWidth <= width) return result;
  const clips = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === "auto" || o === "scroll" || o === "hidden") &&
          p.getBoundingClientRect().right <= width + 0.5) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 0.5 && !clips(el)) {
      const parentRight = el.parentElement.getBoundingClientRect().right;
      if (parentRight <= width + 0.5 || el.parentElement === document.body) {
        const classes = typeof el.className === "string" ? el.className.trim() : "";
        const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
          (classes ? "." + classes.split(/\\s+/).join(".") : "");
        result.culprits.push(name + " (" + Math.round(right) + " px)");
      }
    }
    if (result.culprits.length >= 3) break;
  }
  return result;
}"""


def pages_per_login() -> dict[str, list[str]]:
    """Each HTML page the crawl reaches, under the first demo login that reaches it."""
    assigned: dict[str, list[str]] = {}
    seen: set[str] = set()
    for _role, email, password in login_rows():
        client = Client(raise_request_exception=False)
        response = client.post("/accounts/login/", {"username": email, "password": password})
        assert response.status_code == 302, f"{email} cannot log in"
        result = crawl(client, email)
        fresh = [url for url in result.html_pages if url not in seen]
        seen.update(fresh)
        assigned[email] = fresh
    return assigned


def test_no_page_is_wider_than_a_phone(transactional_db, browser, live_server):
    started = time.monotonic()
    with time_machine.travel(at_morning(DAY)):
        call_command("seed_demo", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        assigned = pages_per_login()
        passwords = {email: password for _role, email, password in login_rows()}
        crawled = time.monotonic()
        too_wide: list[str] = []
        checked = 0
        for email, urls in assigned.items():
            if not urls:
                continue
            context = browser.new_context(
                reduced_motion="reduce",  # axe measures contrast at rest
                base_url=live_server.url,
                locale="nl-NL",
                viewport={"width": WIDTH, "height": 844},
                is_mobile=True,
                has_touch=True,
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            page.goto("/accounts/login/")
            page.locator("input[name=username]").fill(email)
            page.locator("input[name=password]").fill(passwords[email])
            page.locator("main form button[type=submit]").click()
            page.wait_for_url(re.compile(r"^(?!.*/accounts/login/)"))
            for url in urls:
                page.goto(url, wait_until="load")
                checked += 1
                measured = page.evaluate(MEASURE, WIDTH)
                if measured["scrollWidth"] > WIDTH:
                    too_wide.append(
                        f"{email} {url}: {measured['scrollWidth']} px "
                        f"({', '.join(measured['culprits'])})"
                    )
            context.close()
    elapsed = time.monotonic() - started
    print(
        f"\n{checked} pages at {WIDTH} px in {elapsed:.0f} s (crawl {crawled - started:.0f} s)",
    )
    assert checked > 100, f"only {checked} pages reached"
    assert not too_wide, f"{len(too_wide)} of {checked} pages wider than {WIDTH} px:\n" + "\n".join(
        too_wide
    )
