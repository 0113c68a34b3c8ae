"""Drives the benchmark server (started by run.sh) with concurrent logged-in clients and prints
one table row per page and concurrency: latency percentiles of the real page and of its baseline
(``baseline.py``), their ratio, and the SQL queries one request of each makes.

Run through run.sh; by hand: ``DJANGO_SETTINGS_MODULE=tests.benchmarks.settings
DATABASE_URL=… python -m tests.benchmarks.drive --base http://127.0.0.1:8765``."""

import argparse
import statistics
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import django
import httpx

PASSWORD = "demo1234"
LOGIN = "/accounts/login/"


STAGECOORDINATOR = "stagecoordinator"  # the local part of each bench login (seed_demo --scale)
PROGRAMME_MANAGER = "programmamanager"
ADMINISTRATIVE = "admin"
STEERING_GROUP = "stuurgroep"
STUDENT = "student"


def sample_urls(slug: str) -> list[tuple[str, str, list[str], list[str]]]:
    """(page, who opens it, real paths, baseline paths); detail pages rotate over several
    objects. ``who`` is the local part of a bench login: the role that opens the page in a
    normal week."""
    from django.utils import timezone

    from partnerships.models import AcademicYear, Organisation, Student
    from placements.models import AllocationRun, Placement, TransferForm
    from programme.models import Event
    from quality.models import QualityReport, SurveyRound

    schools = Organisation.objects.filter(partnership__slug=slug, kind="school")
    org_ids = list(schools.order_by("pk").values_list("pk", flat=True)[:20])
    students = Student.objects.filter(partnership__slug=slug).order_by("pk")
    student_ids = list(students.values_list("pk", flat=True)[::40][:50])
    today = timezone.localdate()
    current = AcademicYear.current(today)
    # The year being planned: what the demo prepares (placements.demo) — next year's division.
    planned = AcademicYear.objects.get(start_year=current.start_year + 1).label
    year = current.label
    placements = Placement.objects.filter(student__partnership__slug=slug, academic_year=current)
    placement_ids = list(placements.order_by("pk").values_list("pk", flat=True)[::40][:50])
    run = AllocationRun.objects.filter(partnership__slug=slug).order_by("-pk").first()
    own_form = (
        TransferForm.objects.filter(student__person__email=f"{STUDENT}@{slug}.example")
        .values_list("pk", flat=True)
        .first()
    )
    closed = SurveyRound.objects.filter(partnership__slug=slug, status="closed")
    round_ids = list(closed.order_by("pk").values_list("pk", flat=True))
    report = QualityReport.objects.filter(partnership__slug=slug).order_by("-pk").first()
    signup = (
        Event.objects.filter(partnership__slug=slug, signup_opens_on__lte=today, date__gte=today)
        .order_by("date")
        .values_list("pk", flat=True)
        .first()
    )

    def both(page, who, suffixes):
        real = [f"/p/{slug}/{suffix}" for suffix in suffixes]
        return page, who, real, [f"/baseline/{slug}/{suffix}" for suffix in suffixes]

    C, PM, A, S, ST = STAGECOORDINATOR, PROGRAMME_MANAGER, ADMINISTRATIVE, STEERING_GROUP, STUDENT
    pages = [
        both("dashboard", C, [""]),
        both("organisations", C, ["organisations/"]),
        both("organisation detail", C, [f"organisations/{pk}/" for pk in org_ids]),
        both("people", C, ["people/"]),
        both("students", C, ["students/"]),
        both("student detail", C, [f"students/{pk}/" for pk in student_ids]),
        both("placement year", C, [f"placements/{year}/"]),
        both("quota", S, [f"placements/{year}/quota/"]),
        both("capacity", C, [f"placements/{planned}/capacity/"]),
        both("capacity grid", C, [f"placements/{planned}/capacity/{pk}/" for pk in org_ids]),
        both("division", C, [f"placements/{planned}/division/"]),
        both("preferences", C, [f"placements/{planned}/preferences/"]),
        both("allocation run", C, [f"placements/runs/{run.pk}/"] if run else []),
        both("placements", C, [f"placements/{year}/placements/"]),
        both("placement detail", C, [f"placements/placements/{pk}/" for pk in placement_ids]),
        both("transfer forms", C, [f"placements/{year}/transfer-forms/"]),
        both("transfer form", ST, [f"placements/transfer-forms/{own_form}/"] if own_form else []),
        both("subsidy list", A, [f"placements/{year}/subsidy/"]),
        both("quality results", PM, ["quality/results/"]),
        both("round results", PM, [f"quality/results/{pk}/" for pk in round_ids]),
        both("response rates", PM, [f"quality/rounds/{pk}/rates/" for pk in round_ids]),
        both("quality report", S, [f"quality/reports/{report.pk}/"] if report else []),
        both("events", ST, ["programme/events/"]),
        both("event sign-up", ST, [f"programme/events/{signup}/signup/"] if signup else []),
        both("my programme", ST, ["programme/my/"]),
        both("compliance", PM, ["professionalisation/compliance/"]),
    ]
    missing = [page for page, _who, real, _base in pages if not real]
    if missing:
        raise SystemExit(f"No data for {', '.join(missing)}: run seed_demo --scale 10 first.")
    return pages


def query_counts(email: str, paths: list[str]) -> int:
    """SQL queries of one in-process request (after a warm-up request), the page as built (a
    repeat served from the kept page, partnerships.page_cache, makes 4–5)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from partnerships.models import Person

    client = Client()
    client.force_login(Person.objects.get(email=email))
    with override_settings(PAGE_CACHE=False):  # the page as built, not a kept repeat
        client.get(paths[0])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(paths[0])
    assert response.status_code == 200, (paths[0], response.status_code)
    return len(queries)


def login(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
    client.get(LOGIN).raise_for_status()
    response = client.post(
        LOGIN,
        data={
            "csrfmiddlewaretoken": client.cookies["csrftoken"],
            "username": email,
            "password": PASSWORD,
        },
        headers={"Referer": base + LOGIN},
    )
    if response.status_code != 302 or "/mfa/" in response.headers.get("location", ""):
        raise SystemExit(
            f"Logging in as {email} failed ({response.status_code}, "
            f"{response.headers.get('location', '')}): is bench.example exempt from two-step "
            "verification (tests/benchmarks/settings.py)?"
        )
    return client


def run_load(clients: list[httpx.Client], paths: list[str], requests: int) -> list[float]:
    """``requests`` GETs spread over the clients, each client one request at a time; the
    latency of each in milliseconds."""

    def work(index: int) -> list[float]:
        client, times = clients[index], []
        for k in range(index, requests, len(clients)):
            path = paths[k % len(paths)]
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"GET {path} answered {response.status_code}")
        return times

    with ThreadPoolExecutor(len(clients)) as pool:
        return [t for times in pool.map(work, range(len(clients))) for t in times]


def percentiles(times: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49], cuts[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True)
    parser.add_argument("--slug", default="bench")
    parser.add_argument("--requests", type=int, default=200, help="per page and concurrency")
    parser.add_argument("--concurrency", default="4,16")
    parser.add_argument(
        "--pages", default="", help="comma-separated page names (or parts of them); default all"
    )
    args = parser.parse_args()
    if urllib.parse.urlsplit(args.base).hostname != "127.0.0.1":
        raise SystemExit("The benchmark only talks to 127.0.0.1.")
    django.setup()
    pages = sample_urls(args.slug)
    if args.pages:
        wanted = [w.strip() for w in args.pages.split(",") if w.strip()]
        pages = [row for row in pages if any(w in row[0] for w in wanted)]
    domain = f"{args.slug}.example"
    queries = {
        page: (query_counts(f"{who}@{domain}", real), query_counts(f"{who}@{domain}", base))
        for page, who, real, base in pages
    }
    levels = [int(c) for c in args.concurrency.split(",")]
    clients = {
        who: [login(args.base, f"{who}@{domain}") for _ in range(max(levels))]
        for who in dict.fromkeys(who for _page, who, _real, _base in pages)
    }
    print(
        "| page | as | clients | p50 ms | p95 ms | baseline p50 | baseline p95 | ratio p50 "
        "| queries (baseline) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for level in levels:
        for page, who, real, base in pages:
            group = clients[who][:level]
            run_load(group, real + base, 2 * level)  # warm-up, not measured
            p50, p95 = percentiles(run_load(group, real, args.requests))
            b50, b95 = percentiles(run_load(group, base, args.requests))
            n_real, n_base = queries[page]
            print(
                f"| {page} | {who} | {level} | {p50:.0f} | {p95:.0f} | {b50:.0f} | {b95:.0f} "
                f"| {p50 / b50:.1f} | {n_real} ({n_base}) |",
                flush=True,
            )
    for group in clients.values():
        for client in group:
            client.close()


if __name__ == "__main__":
    main()
