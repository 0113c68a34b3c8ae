"""Every page of the quality cycle, the programme and professionalisation that a user can reach by
following links, on the demo partnership, in chromium, with axe on each.

A crawler starts at the navigation and follows the links inside those three areas, one page per
URL pattern (one survey, one report, one run … stands for all), as the programme manager (who
reaches nearly everything) and as a student. Every page must answer 200 and have no WCAG 2.1 A/AA
violations; a page that nobody links to is not reached, which the test reports by name."""

import re
from collections import deque

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from partnerships.glossary import Role
from partnerships.models import Partnership, RoleAssignment, Student
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
AREAS = ("quality", "programme", "professionalisation")
DOWNLOADS = re.compile(r"(\.pdf|\.xlsx|\.ics|/pdf/|/xlsx/)$")
MAX_PAGES = 150


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)
    return Partnership.objects.get(slug="hos")


def with_password(person):
    person.set_password(PASSWORD)
    person.save()
    return person


def crawl(browser, live_server, person, slug, problems: list[str]) -> set[str]:
    """Visit every page reachable inside the areas; return the URL names seen. Problems (status,
    accessibility) are collected, so one run lists them all."""
    context = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/p/"))
    prefixes = tuple(f"/p/{slug}/{area}/" for area in AREAS)
    queue = deque(
        href
        for href in page.locator("header nav a").evaluate_all("els => els.map(e => e.pathname)")
        if href.startswith(prefixes)
    )
    seen_names: set[str] = set()
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        try:
            match = resolve(path)
        except Resolver404:
            pytest.fail(f"a link points nowhere: {path}")
        if match.view_name in seen_names or DOWNLOADS.search(path):
            continue
        seen_names.add(match.view_name)
        response = page.goto(path)
        visited += 1
        if response.status != 200:
            problems.append(f"{person.email} {path}: status {response.status}")
            continue
        try:
            assert_accessible(page)
        except AssertionError as exc:
            problems.append(str(exc))
        links = page.locator("main a[href]").evaluate_all("els => els.map(e => e.pathname)")
        queue.extend(href for href in links if href.startswith(prefixes))
    context.close()
    return seen_names


def test_every_linked_page_is_accessible(browser, live_server, demo):
    manager = with_password(
        RoleAssignment.objects.filter(partnership=demo, role=Role.PROGRAMMAMANAGER).first().person
    )
    problems: list[str] = []
    names = crawl(browser, live_server, manager, demo.slug, problems)
    for expected in (
        "quality:overview",
        "quality:framework",
        "quality:calendar",
        "quality:survey_detail",
        "quality:round_detail",
        "quality:round_results",
        "quality:report_detail",
        "quality:action_list",
        "quality:risk_list",
        "programme:event_list",
        "programme:event_detail",
        "programme:group_list",
        "programme:pair_list",
        "programme:webinar_overview",
        "programme:codocent_hours",
        "programme:calendar_feed_page",
        "programme:attendance_overview",
        "professionalisation:need_list",
        "professionalisation:pro_overview",
        "professionalisation:mentor_flags",
        "professionalisation:activity_list",
        "professionalisation:run_detail",
        "professionalisation:compliance",
    ):
        assert expected in names, f"{expected} is not reachable by links from the navigation"

    student = with_password(
        Student.objects.filter(partnership=demo, is_active=True, school__isnull=False)
        .order_by("pk")
        .first()
        .person
    )
    names = crawl(browser, live_server, student, demo.slug, problems)
    assert "programme:my_programme" in names
    assert not problems, "\n\n".join(problems)
