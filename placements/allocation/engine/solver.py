"""Solve a `Problem` with OR-Tools CP-SAT: `solve(problem, progress=None) -> Result`.

The model is `formulation.build()` translated one to one (0/1 and small integer variables,
linear rows, linear objective). Unplaced students are allowed, so the model is never
infeasible; they cost `unplaced_penalty`. A run stopped by the time limit returns the better
of CP-SAT's solution and the greedy baseline, so a Celery task always gets an allocation.
`Result.objective` is `objective.evaluate()` of the returned assignment.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from time import perf_counter

from ortools.sat.python import cp_model

from placements.allocation.engine.explain import explain
from placements.allocation.engine.formulation import Formulation, build
from placements.allocation.engine.greedy import greedy
from placements.allocation.engine.model import Problem, Progress, Result
from placements.allocation.engine.objective import evaluate
from placements.allocation.engine.translate import to_assignments

STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "model_invalid",
    cp_model.UNKNOWN: "unknown",
}


class _ProgressCallback(cp_model.CpSolverSolutionCallback):
    def __init__(self, report: Callable[[Progress], None]) -> None:
        super().__init__()
        self._report = report
        self._solutions = 0

    def on_solution_callback(self) -> None:
        self._solutions += 1
        self._report(
            Progress(
                objective=self.objective_value,
                best_bound=self.best_objective_bound,
                seconds=self.wall_time,
                solutions=self._solutions,
            )
        )


def to_cp_model(form: Formulation) -> tuple[cp_model.CpModel, list]:
    model = cp_model.CpModel()
    x = [
        model.new_bool_var("") if upper == 1 else model.new_int_var(0, upper, "")
        for upper in form.upper
    ]
    for vs, coefs, lo, hi in form.rows:
        expr = cp_model.LinearExpr.weighted_sum([x[v] for v in vs], coefs)
        if lo is None:
            model.add(expr <= hi)
        else:
            model.add_linear_constraint(expr, lo, hi)
    model.maximize(cp_model.LinearExpr.weighted_sum(x, form.score) + form.constant)
    return model, x


def _parameters(solver: cp_model.CpSolver, problem: Problem) -> None:
    params = solver.parameters
    params.max_time_in_seconds = problem.time_limit_s
    params.num_workers = problem.workers
    params.random_seed = problem.seed
    params.relative_gap_limit = problem.relative_gap
    # Measured on the benchmark (ALLOCATION.md): presolve costs seconds and slows the root LP;
    # the LP relaxation is (nearly) integral here, so the whole LP at the root, solved without
    # an iteration cap, closes the gap at once. A greedy hint made the search worse.
    params.cp_model_presolve = False
    params.add_lp_constraints_lazily = False
    params.root_lp_iterations = 1_000_000


def solve(problem: Problem, progress: Callable[[Progress], None] | None = None) -> Result:
    """Allocate places; `progress` (optional) is called on every improving solution."""
    started = perf_counter()
    form = build(problem)
    model, x = to_cp_model(form)
    build_seconds = perf_counter() - started

    solver = cp_model.CpSolver()
    _parameters(solver, problem)
    code = solver.solve(model, _ProgressCallback(progress) if progress else None)
    status = STATUS.get(code, "unknown")
    assignments, bound = None, None
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        solution = solver.response_proto.solution
        assignments = to_assignments(problem, form, [solution[var.index] for var in x])
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
        # Integer coefficients: every score is an integer, so the bound may be rounded down.
        bound = math.floor(solver.best_objective_bound + 1e-6)
    if code in (cp_model.FEASIBLE, cp_model.UNKNOWN):
        # Stopped by the time limit: never hand back less than the greedy baseline.
        fallback = greedy(problem)
        if assignments is None or evaluate(problem, fallback) > evaluate(problem, assignments):
            assignments, status = fallback, "feasible"
    solve_seconds = perf_counter() - started - build_seconds

    objective = gap = None
    if assignments is not None:
        objective = evaluate(problem, assignments)
        gap = max(0.0, bound - objective) / max(1.0, abs(objective))
    else:
        assignments = {s.id: s.locked_place_id for s in problem.students}
    return Result(
        status=status,
        objective=objective,
        best_bound=bound,
        gap=gap,
        build_seconds=build_seconds,
        solve_seconds=solve_seconds,
        assignments=assignments,
        explanations=explain(problem, assignments, solved=objective is not None),
        num_variables=len(form.upper),
    )
