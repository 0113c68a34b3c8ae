"""Placement rows for the benchmark partnership ``bench`` (``seed_demo --scale N``), registered
in ``partnerships.demo.bench.EXTENSIONS`` by ``PlacementsConfig.ready``: the demo's placement
years (quota, capacity, divisions, placements, preferences, calendars), transfer forms for the
students whose placement ends, and one finished allocation run for the year being planned, so
that tests/benchmarks measures those pages on a partnership of realistic size. Idempotent."""

import datetime

from django.utils import timezone

from partnerships.glossary import Start
from partnerships.models import Partnership

BENCH_TRANSFER_FORMS = 120


def load(partnership: Partnership, today: datetime.date | None = None) -> str | None:
    # Imported here, as in placements.demo.load: the services pull in the allocation solver.
    from placements.demo.transfer import load_forms
    from placements.demo.year import build, load_years

    today = today or timezone.localdate()
    lines = [load_years(partnership, today)]
    lines.append(
        load_forms(
            partnership,
            today,
            demo_student=f"student@{partnership.email.split('@')[1]}",
            forms=BENCH_TRANSFER_FORMS,
        )
    )
    demo = build(partnership, today)
    if demo is not None:
        lines.append(allocation_run(partnership, demo.next, demo.planner))
    return "; ".join(line for line in lines if line)


def allocation_run(partnership, year, planner) -> str | None:
    """One allocation run, executed in this process, for the year being planned."""
    from placements.allocation.engine import Weights
    from placements.allocation.models import AllocationRun
    from placements.services import allocation_run_create, allocation_run_execute

    if AllocationRun.objects.filter(partnership=partnership, academic_year=year).exists():
        return None
    run = allocation_run_create(
        partnership=partnership,
        year=year,
        start=Start.SEPTEMBER,
        weights=Weights(),
        time_limit_s=10,
        by=planner,
        label="benchmark",
    )
    return f"allocation run {run.pk}: {allocation_run_execute(run_id=run.pk)}"
