"""Two allocation runs side by side: totals and the students whose outcome differs."""

from dataclasses import dataclass

from placements.models import AllocationResult, AllocationRun


@dataclass
class RunSummary:
    run: AllocationRun
    placed: int
    unplaced: int
    with_wishes: int
    first: int
    any_preference: int

    @property
    def first_percent(self) -> float | None:
        return 100 * self.first / self.with_wishes if self.with_wishes else None

    @property
    def any_percent(self) -> float | None:
        return 100 * self.any_preference / self.with_wishes if self.with_wishes else None


@dataclass
class Difference:
    student: object
    a: AllocationResult | None
    b: AllocationResult | None


def _results(run: AllocationRun) -> dict[int, AllocationResult]:
    rows = run.results.select_related("student__person", "place__school").order_by(
        "student__person__last_name", "student__person__first_name", "student"
    )
    return {r.student_id: r for r in rows}


def summarise(run: AllocationRun, results) -> RunSummary:
    wishes = [r for r in results if (r.explanation or {}).get("wishes")]
    return RunSummary(
        run=run,
        placed=sum(1 for r in results if r.place_id),
        unplaced=sum(1 for r in results if not r.place_id),
        with_wishes=len(wishes),
        first=sum(1 for r in wishes if r.explanation.get("rank") == 1),
        any_preference=sum(1 for r in wishes if r.explanation.get("rank")),
    )


def compare_runs(a: AllocationRun, b: AllocationRun) -> tuple[RunSummary, RunSummary, list]:
    """Summaries of both runs and the students placed differently (or in only one run)."""
    in_a, in_b = _results(a), _results(b)
    differences = []
    for student_id in dict.fromkeys([*in_a, *in_b]):
        ra, rb = in_a.get(student_id), in_b.get(student_id)
        if ra is None or rb is None or ra.place_id != rb.place_id:
            differences.append(Difference((ra or rb).student, ra, rb))
    differences.sort(key=lambda d: (d.student.person.last_name, d.student.person.first_name))
    return summarise(a, list(in_a.values())), summarise(b, list(in_b.values())), differences
