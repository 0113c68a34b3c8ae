"""Every page as every demo login, on four days of the academic year (issue 10).

In-process (Django's test client) on the ``seed_demo`` data, loaded with "today" frozen on that
day: the demo is built around today, so each day shows its own state of the year (January:
February starts; May: the preference window and the peildatum; July: the year closes; December:
the next year's quota and capacity). Each demo login signs in through the login form and follows
every navigation item and every link to depth 2 (``tests/crawl/crawler.py``). An anonymous visitor
crawls the public pages the same way. The number of pages per login is printed at the end of the
run."""

import copy

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client

from partnerships.demo import login_rows
from tests.clock import at_morning
from tests.crawl.crawler import INVALID_MARKER, crawl

DAYS = ("2027-01-15", "2027-05-01", "2027-07-20", "2026-12-07")


@pytest.fixture
def strict_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = INVALID_MARKER
    settings.TEMPLATES = templates


@pytest.mark.parametrize("day", DAYS)
def test_every_page_as_every_demo_login(day, db, strict_templates, crawl_report):
    problems: list[str] = []
    with time_machine.travel(at_morning(day)):
        call_command("seed_demo", verbosity=0)
        with connection.cursor() as cursor:  # planner statistics, as autovacuum gives a real site
            cursor.execute("ANALYZE")
        pages = crawl_report.setdefault(day, {})
        visitor = crawl(Client(raise_request_exception=False), "anonymous", logged_in=False)
        pages["(anonymous visitor)"] = len(visitor.visited)
        problems += [f"anonymous: {problem}" for problem in visitor.problems]
        for _role, email, password in login_rows():
            client = Client(raise_request_exception=False)
            response = client.post("/accounts/login/", {"username": email, "password": password})
            assert response.status_code == 302, f"{email} cannot log in"
            result = crawl(client, email)
            pages[email] = len(result.visited)
            problems += [f"{email}: {problem}" for problem in result.problems]
    assert not problems, f"{len(problems)} problems on {day}:\n" + "\n".join(problems)
