"""``manage.py seed_demo``: load the demo partnerships HOS and OSD (idempotent).

``--logins`` prints the demo logins and loads nothing; ``--scale N`` (N ≥ 2) also loads the large
benchmark partnership ``bench`` (4·N schools, 200·N students). Other apps add to the demo
partnerships through ``partnerships.demo.load.EXTENSIONS``; the bench partnership gets the
partnerships data and what ``partnerships.demo.bench.EXTENSIONS`` adds (the placement years)."""

import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from partnerships.demo import DEMO_PARTNERSHIPS, PASSWORD, login_rows
from partnerships.demo.bench import EXTENSIONS as BENCH_EXTENSIONS
from partnerships.demo.bench import load_bench
from partnerships.demo.load import EXTENSIONS, Loader, load_superuser
from partnerships.demo.plan import build_plan


def logins_table() -> str:
    rows = [("Role", "E-mail", "Password"), *login_rows()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  Demo logins", ""]
    for n, row in enumerate(rows):
        lines.append(
            "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        )
        if n == 0:
            lines.append("  " + "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Load the demo partnerships (HOS, OSD); running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins", action="store_true", help="Print the demo logins and load nothing."
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="N ≥ 2 also loads the benchmark partnership 'bench': 4·N schools, 200·N students.",
        )

    def handle(self, *args, logins=False, scale=1, **options):
        if logins:
            self.stdout.write(logins_table())
            return
        if scale < 1:
            raise CommandError("--scale is at least 1.")
        started = time.monotonic()
        password_hash = make_password(PASSWORD)
        today = timezone.localdate()
        # The demo's people are fictional: mail that a loader's service calls would send (e.g. a
        # report handed to the steering group) stays in memory instead of reaching any backend.
        with override_settings(EMAIL_BACKEND=LOCMEM), transaction.atomic():
            for spec in DEMO_PARTNERSHIPS:
                plan = build_plan(spec, today)
                partnership = Loader(plan, password_hash).run()
                self.stdout.write(
                    f"{spec.name} ({spec.slug}): {len(spec.schools)} schools, "
                    f"{len(plan.persons)} people, {len(plan.students)} students"
                )
                for extension in EXTENSIONS:
                    if line := extension(partnership):
                        self.stdout.write(line)
            load_superuser(password_hash)
        if scale > 1:
            bench, built = load_bench(scale, password_hash, today)
            state = "loaded" if built else "already loaded"
            self.stdout.write(
                f"{bench.name} ({bench.slug}): {bench.organisations.count()} organisations, "
                f"{bench.students.count()} students, {state}"
            )
            with override_settings(EMAIL_BACKEND=LOCMEM):
                for extension in BENCH_EXTENSIONS:
                    if line := extension(bench):
                        self.stdout.write(f"  {line}")
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
