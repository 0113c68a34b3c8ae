"""Benchmark: a survey round of 3,000 invitations sent by two Celery workers.

    uv run python tests/benchmarks/invitations_bench.py [--invitees 3000] [--workers 2] [--record]

Uses its own PostgreSQL database (BENCH_INVITES_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/os_bench_invites; created and migrated when missing) and
Redis db 13 (BENCH_INVITES_REDIS_URL). Makes a partnership with 3,000 active werkplekbegeleiders,
starts two worker processes (``--pool=solo``, one task at a time each) with Django's locmem mail
backend (the personal link is rendered and "sent" in full, no SMTP server), opens a round for
the mentors in this process (audience, 3,000 invitations with their keys, survey locked, 15
chunks of 200 enqueued on commit) and measures until every invitation has ``sent_at``. Checks
that each invitation was e-mailed exactly once (one ``SentNotification`` per invitation).
``--record`` appends the result to tests/benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_INVITES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/os_bench_invites"
)
REDIS_URL = os.environ.get("BENCH_INVITES_REDIS_URL", "redis://127.0.0.1:6379/13")
SLUG = "bench-invitations"
ENV = {
    "DATABASE_URL": DATABASE_URL,
    "CELERY_BROKER_URL": REDIS_URL,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def ensure_database() -> None:
    import psycopg

    url = urlsplit(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    os.environ.update(ENV)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(invitees: int):
    """A fresh partnership with ``invitees`` werkplekbegeleiders and a round opening today."""
    from django.utils import timezone

    from partnerships.models import (
        AcademicYear,
        Organisation,
        Partnership,
        Person,
        RoleAssignment,
    )
    from quality.models import Question, Survey, SurveyRound, SurveySection

    old = Partnership.objects.filter(slug=SLUG).first()
    if old:
        from quality.models import Invitation

        Invitation.objects.filter(round__partnership=old).delete()
        SurveyRound.objects.filter(partnership=old).delete()
        Survey.objects.filter(partnership=old).delete()
        people = list(old.role_assignments.values_list("person_id", flat=True))
        old.delete()
        Person.objects.filter(pk__in=people).delete()
    partnership = Partnership.objects.create(name="Benchmark invitations", slug=SLUG)
    schools = [
        Organisation.objects.create(partnership=partnership, name=f"School {i}", kind="school")
        for i in range(20)
    ]
    people = Person.objects.bulk_create(
        Person(
            email=f"wpb{i}@bench-invitations.example",
            first_name=f"Wpb{i}",
            last_name="Benchmark",
            password="!",
            language="nl" if i % 5 else "en",
        )
        for i in range(invitees)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            person=p,
            partnership=partnership,
            role="werkplekbegeleider",
            organisation=schools[i % 20],
        )
        for i, p in enumerate(people)
    )
    survey = Survey.objects.create(partnership=partnership, name="Enquête werkplekbegeleiders")
    section = SurveySection.objects.create(survey=survey, title="Begeleiding")
    Question.objects.create(section=section, text="Ik voel me toegerust.", kind="scale")
    today = timezone.localdate()
    return SurveyRound.objects.create(
        partnership=partnership,
        survey=survey,
        academic_year=AcademicYear.current(today),
        half=1,
        title="Enquête werkplekbegeleiders (benchmark)",
        audience="mentors",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=21),
    )


def start_workers(count: int, logs: Path) -> list[subprocess.Popen]:
    env = {**os.environ, **ENV}
    workers = []
    for n in range(1, count + 1):
        log = logs / f"worker{n}.log"
        workers.append(
            subprocess.Popen(
                [
                    sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
                    "-n", f"bench{n}@%h", "--loglevel=INFO", "--without-heartbeat",
                    "--without-gossip", "--without-mingle",
                ],
                cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline:
        if all("ready." in (logs / f"worker{n}.log").read_text() for n in range(1, count + 1)):
            return workers
        time.sleep(0.2)
    raise SystemExit("the workers did not start: " + (logs / "worker1.log").read_text()[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitees", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()

    ensure_database()
    setup_django()
    import redis
    from django.db import connection, transaction
    from django.utils import timezone

    from partnerships.models import SentNotification
    from quality.models import Invitation
    from quality.services.rounds import round_open

    redis.Redis.from_url(REDIS_URL).flushdb()
    survey_round = build(args.invitees)
    connection.cursor().execute("ANALYZE")
    with tempfile.TemporaryDirectory() as tmp:
        workers = start_workers(args.workers, Path(tmp))
        try:
            start = time.perf_counter()
            with transaction.atomic():
                ids = round_open(round=survey_round, today=timezone.localdate())
            opened = time.perf_counter() - start
            unsent = Invitation.objects.filter(round=survey_round, sent_at__isnull=True)
            while unsent.exists():
                if time.perf_counter() - start > 600:
                    raise SystemExit(f"timed out with {unsent.count()} unsent")
                time.sleep(0.1)
            total = time.perf_counter() - start
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
    keys = SentNotification.objects.filter(key__in=[f"quality-invite:{pk}" for pk in ids]).count()
    assert len(ids) == args.invitees and keys == args.invitees, (len(ids), keys)
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    rate = args.invitees / (total - opened)
    line = (
        f"| {datetime.date.today()} | {args.invitees:,} | {args.workers} | {opened:.1f} | "
        f"{total:.1f} | {rate:.0f} | {os.cpu_count()} | {load} |"
    )
    print(
        f"opened the round (audience + {len(ids):,} invitations) in {opened:.1f} s; "
        f"all {args.invitees:,} sent after {total:.1f} s with {args.workers} workers "
        f"({rate:.0f} invitations/s); each exactly once"
    )
    if args.record:
        section = (
            "\n\n## Survey round: sending 3,000 invitations with two workers\n\n"
            "`uv run python tests/benchmarks/invitations_bench.py --record`: 3,000 active\n"
            "werkplekbegeleiders, a round opened in-process (audience, invitations with their\n"
            "keys, 15 chunks of 200 enqueued on commit), two Celery worker processes\n"
            "(`--pool=solo`) on Redis and PostgreSQL, Django's locmem mail backend (each mail\n"
            "rendered in the invitee's language and handed to the backend; no SMTP server).\n"
            "Time from opening until every invitation has `sent_at`; each invitation has exactly\n"
            "one `SentNotification`. Other work was running on the machine (see load).\n\n"
            "| date | invitations | workers | open s | until all sent s | sent/s | cores | load |\n"
            "|---|---:|---:|---:|---:|---:|---:|---|\n"
            f"{line}\n"
        )
        with (ROOT / "tests/benchmarks/RESULTS.md").open("a") as results:
            results.write(section)


if __name__ == "__main__":
    main()
