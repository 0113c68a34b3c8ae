"""Profile one page in-process: the best of a few requests, one request's SQL (count, time, the
slowest statements) and a cProfile of one more (the benchmark's RESULTS.md quotes these).

    DJANGO_SETTINGS_MODULE=tests.benchmarks.settings DATABASE_URL=… \\
        python -m tests.benchmarks.profile_page stagecoordinator@bench.example /p/bench/ \\
        [--runs 3] [--stats 40] [--sort cumulative] [--slowest 6]

Logged in with ``force_login`` (no password, no two-step verification), after a warm-up
request; the data is whatever the database holds (``seed_demo --scale 10`` for the bench)."""

import argparse
import cProfile
import io
import pstats
import time

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("email")
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stats", type=int, default=40, help="cProfile lines (0: none)")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--slowest", type=int, default=6, help="slowest SQL statements shown")
    args = parser.parse_args()
    django.setup()
    from django.db import connection
    from django.test import Client

    from partnerships.models import Person

    client = Client()
    client.force_login(Person.objects.get(email=args.email))
    client.get(args.path)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        response = client.get(args.path)
        times.append((time.perf_counter() - started) * 1000)
    if response.status_code != 200:
        raise SystemExit(f"GET {args.path} answered {response.status_code}")
    log = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            log.append(((time.perf_counter() - started) * 1000, sql))

    with connection.execute_wrapper(timed):
        client.get(args.path)
    print(
        f"{args.path} as {args.email}: best of {args.runs} {min(times):.0f} ms; "
        f"{len(log)} queries, {sum(ms for ms, _sql in log):.0f} ms in SQL"
    )
    if args.stats:
        profile = cProfile.Profile()
        profile.enable()
        client.get(args.path)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.stats)
        print(out.getvalue())
    for ms, sql in sorted(log, key=lambda row: -row[0])[: args.slowest]:
        print(f"{ms:7.1f} ms  {sql[:200]}")


if __name__ == "__main__":
    main()
