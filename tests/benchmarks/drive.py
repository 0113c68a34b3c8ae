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


def sample_urls(slug: str) -> list[tuple[str, list[str], list[str]]]:
    """(page, real paths, baseline paths); detail pages rotate over several objects."""
    from partnerships.models import Organisation, Student

    schools = Organisation.objects.filter(partnership__slug=slug, kind="school")
    org_ids = list(schools.order_by("pk").values_list("pk", flat=True)[:20])
    students = Student.objects.filter(partnership__slug=slug).order_by("pk")
    student_ids = list(students.values_list("pk", flat=True)[::40][:50])

    def both(page, suffixes):
        real = [f"/p/{slug}/{suffix}" for suffix in suffixes]
        return page, real, [f"/baseline/{slug}/{suffix}" for suffix in suffixes]

    return [
        both("dashboard", [""]),
        both("organisations", ["organisations/"]),
        both("organisation detail", [f"organisations/{pk}/" for pk in org_ids]),
        both("people", ["people/"]),
        both("students", ["students/"]),
        both("student detail", [f"students/{pk}/" for pk in student_ids]),
    ]


def query_counts(email: str, paths: list[str]) -> int:
    """SQL queries of one in-process request (after a warm-up request)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from partnerships.models import Person

    client = Client()
    client.force_login(Person.objects.get(email=email))
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
    if response.status_code != 302:
        raise SystemExit(f"Logging in as {email} failed ({response.status_code}).")
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
    parser.add_argument("--email", default="stagecoordinator@bench.example")
    parser.add_argument("--requests", type=int, default=200, help="per page and concurrency")
    parser.add_argument("--concurrency", default="4,16")
    args = parser.parse_args()
    if urllib.parse.urlsplit(args.base).hostname != "127.0.0.1":
        raise SystemExit("The benchmark only talks to 127.0.0.1.")
    django.setup()
    pages = sample_urls(args.slug)
    queries = {
        page: (query_counts(args.email, real), query_counts(args.email, base))
        for page, real, base in pages
    }
    levels = [int(c) for c in args.concurrency.split(",")]
    clients = [login(args.base, args.email) for _ in range(max(levels))]
    print(
        "| page | clients | p50 ms | p95 ms | baseline p50 | baseline p95 | ratio p50 "
        "| queries (baseline) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for level in levels:
        for page, real, base in pages:
            run_load(clients[:level], real + base, 2 * level)  # warm-up, not measured
            p50, p95 = percentiles(run_load(clients[:level], real, args.requests))
            b50, b95 = percentiles(run_load(clients[:level], base, args.requests))
            n_real, n_base = queries[page]
            print(
                f"| {page} | {level} | {p50:.0f} | {p95:.0f} | {b50:.0f} | {b95:.0f} "
                f"| {p50 / b50:.1f} | {n_real} ({n_base}) |",
                flush=True,
            )
    for client in clients:
        client.close()


if __name__ == "__main__":
    main()
