"""The public pages in chromium, as an anonymous visitor: the landing page at / and the privacy
statement, on a phone (390 px) and a desktop, in Dutch and English — no WCAG 2.1 A/AA violations
and nothing wider than the screen. Selectors use URLs, not labels."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_landing_and_privacy_pages(browser, live_server, viewport, language):
    phone = viewport is PHONE
    context = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport=viewport,
        is_mobile=phone,
        has_touch=phone,
    )
    context.set_default_timeout(TIMEOUT_MS)
    if language == "en":
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    folder = os.environ.get("E2E_SCREENSHOT_DIR")
    try:
        for path, name in (("/", "landing"), ("/privacy/", "privacy")):
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.locator("main h1")).to_have_count(1)
            assert page.locator("meta[name=description]").get_attribute("content")
            assert_accessible(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path} is {width} px wide"
            # anonymous visitors see no partnership navigation
            expect(page.locator("#mainnav")).to_have_count(0)
            expect(page.locator("footer a[href='/privacy/']")).to_have_count(1)
            if folder:
                tag = f"public-{name}-{language}-{'phone' if phone else 'desktop'}"
                page.screenshot(path=os.path.join(folder, f"{tag}.png"), full_page=True)

        page.goto("/")
        page.locator("main a[href='/privacy/']").click()
        expect(page).to_have_url(f"{live_server.url}/privacy/")
        page.goto("/")
        page.locator("main a.btn-lg[href='/accounts/login/']").click()
        expect(page).to_have_url(f"{live_server.url}/accounts/login/")
        expect(page.locator("main a[href='/privacy/']")).to_have_count(1)
    finally:
        context.close()
