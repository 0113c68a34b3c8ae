"""User journeys through real pages in chromium, with axe-core on every page visited.

Assertions use URLs, data (names of schools and people) and ``name`` attributes rather than
labels, so the tests pass whether or not the Dutch catalogue has been compiled. Where a text is
checked it is either data or the English source string on an English page."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Organisation
from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def log_in(page, *, email: str) -> None:
    """From the public landing page at / through its "Inloggen" button to the login form."""
    page.goto("/")
    expect(page.locator("main h1")).to_have_count(1)
    assert_accessible(page)
    page.locator("main a.btn-lg[href='/accounts/login/']").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    assert_accessible(page)
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def switch_language(page, language: str) -> None:
    """Press the language button in the navbar (a POST to /i18n/setlang/)."""
    url = page.url
    button = page.locator(f"header form[action='/i18n/setlang/'] button[value={language}]")
    with page.expect_navigation():
        button.click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert page.url == url, "the language switch should return to the same page"


def nav_link(page, path: str):
    return page.locator(f"#mainnav a[href='{path}']")


def test_coordinator_journey(page, journey, live_server, screenshot):
    slug = journey.partnership.slug
    base = f"/p/{slug}"
    school = journey.school

    # Log in and land on the partnership dashboard.
    log_in(page, email=journey.coordinator.email)
    expect(page).to_have_url(f"{live_server.url}{base}/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator(".navbar-brand")).to_have_text("Opleidingsschool Haaglanden")
    expect(page.locator("header .navbar-text")).to_have_text("Anne de Vries")
    expect(nav_link(page, f"{base}/")).to_have_attribute("aria-current", "page")
    expect(page.locator("main h1")).to_have_count(1)
    # The "schools without a pupil count" card lists our schools.
    expect(page.locator("main .card").first.get_by_role("link", name=school.name)).to_be_visible()
    assert_accessible(page)
    screenshot("dashboard")

    # Organisations through the navigation.
    nav_link(page, f"{base}/organisations/").click()
    expect(page).to_have_url(f"{live_server.url}{base}/organisations/")
    expect(nav_link(page, f"{base}/organisations/")).to_have_attribute("aria-current", "page")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(4)  # three schools and the institute
    assert_accessible(page)
    screenshot("organisations")

    # Search with the filter form.
    page.locator("form[role=search] input[name=q]").fill("Segbroek")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/organisations/\?q=Segbroek"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(school.name)
    expect(page.locator("form[role=search] input[name=q]")).to_have_value("Segbroek")
    assert_accessible(page)

    # Open the school.
    rows.first.get_by_role("link", name=school.name).click()
    expect(page).to_have_url(f"{live_server.url}{base}/organisations/{school.pk}/")
    expect(page.locator("main h1")).to_contain_text(school.name)
    expect(page.locator("#sections-h")).to_be_visible()
    assert_accessible(page)

    # English, then back to Dutch, on the same page.
    switch_language(page, "en")
    expect(page.locator("#sections-h")).to_have_text("Subject sections")
    expect(page.locator("main h1")).to_contain_text(school.name)
    expect(page.locator("header button[name=language]")).to_have_text("Nederlands")
    assert_accessible(page)

    # Students, in English: the list, then one student.
    nav_link(page, f"{base}/students/").click()
    expect(page).to_have_url(f"{live_server.url}{base}/students/")
    expect(page.locator("main h1")).to_have_text("Students")
    expect(page.locator("main table tbody tr")).to_have_count(3)
    assert_accessible(page)

    student = journey.students[0]
    page.get_by_role("link", name="Sanne Jansen").click()
    expect(page).to_have_url(f"{live_server.url}{base}/students/{student.pk}/")
    expect(page.locator("main h1")).to_have_text("Sanne Jansen")
    expect(page.locator("main dl")).to_contain_text(journey.institute.name)
    expect(page.locator("main dl")).to_contain_text(school.name)
    assert_accessible(page)

    switch_language(page, "nl")
    expect(page.locator("header button[name=language]")).to_have_text("English")
    expect(page.locator("main h1")).to_have_text("Sanne Jansen")
    assert_accessible(page)

    # People, in Dutch.
    nav_link(page, f"{base}/people/").click()
    expect(page).to_have_url(f"{live_server.url}{base}/people/")
    people = page.locator("main table tbody tr")
    expect(people.filter(has_text="Anne de Vries")).to_have_count(1)
    expect(people.filter(has_text="Sanne Jansen")).to_have_count(1)
    assert_accessible(page)

    # A new organisation: the empty form comes back with field errors and saves nothing.
    nav_link(page, f"{base}/organisations/").click()
    page.locator(f"main a[href='{base}/organisations/new/']").click()
    expect(page).to_have_url(f"{live_server.url}{base}/organisations/new/")
    expect(page.locator("main form input[name=name]")).to_be_visible()
    assert_accessible(page)

    count = Organisation.objects.count()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main form input[name=name]")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#error_1_id_name")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}{base}/organisations/new/")
    assert Organisation.objects.count() == count
    assert_accessible(page)
    screenshot("organisation-form-errors")


def test_student_sees_only_their_own_record(page, journey, live_server, screenshot):
    slug = journey.partnership.slug
    base = f"/p/{slug}"
    me, other = journey.students[0], journey.students[1]

    log_in(page, email=me.person.email)
    expect(page).to_have_url(f"{live_server.url}{base}/")
    nav = page.locator("#mainnav")
    expect(nav_link(page, f"{base}/students/")).to_be_visible()
    for path in ("organisations/", "people/", "import/"):
        expect(nav.locator(f"a[href='{base}/{path}']")).to_have_count(0)
    assert_accessible(page)

    nav_link(page, f"{base}/students/").click()  # their own record, not a list of one
    expect(page).to_have_url(f"{live_server.url}{base}/students/{me.pk}/")
    expect(page.locator("main h1")).to_have_text("Sanne Jansen")
    assert_accessible(page)

    # Another student's record does not exist for them; the staff pages are forbidden.
    response = page.goto(f"{base}/students/{other.pk}/")
    assert response.status == 404
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main a[href='/']")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Daan")
    assert_accessible(page)

    response = page.goto(f"{base}/organisations/")
    assert response.status == 403
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("header nav")).to_be_visible()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main a[href='/']")).to_be_visible()
    assert_accessible(page)
    screenshot("forbidden")

    switch_language(page, "en")
    expect(page.locator("main h1")).to_have_text("You have no access to this page")
    assert_accessible(page)
