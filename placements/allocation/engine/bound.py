"""LP relaxation bound: the optimum of `formulation.build()` over real values, via GLOP.

Same variables (each relaxed to [0, upper]), rows and objective as the CP-SAT model. The
objective is linear (the spreading penalty is convex piecewise linear, modelled with excess
variables), so the optimum is an upper bound on any assignment's score (we maximise). The
solver's optimum lies between the greedy score and this bound.
"""

from __future__ import annotations

from ortools.linear_solver import pywraplp

from placements.allocation.engine.formulation import build
from placements.allocation.engine.model import Problem


def lp_bound(problem: Problem) -> float:
    """Upper bound on the best possible score; raises RuntimeError if GLOP fails."""
    form = build(problem)
    lp = pywraplp.Solver.CreateSolver("GLOP")
    x = [lp.NumVar(0.0, float(upper), "") for upper in form.upper]
    for vs, coefs, lo, hi in form.rows:
        row = lp.RowConstraint(-lp.infinity() if lo is None else lo, hi, "")
        for v, coef in zip(vs, coefs, strict=True):
            row.SetCoefficient(x[v], coef)
    objective = lp.Objective()
    for var, score in zip(x, form.score, strict=True):
        objective.SetCoefficient(var, score)
    objective.SetOffset(form.constant)
    objective.SetMaximization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        raise RuntimeError("LP relaxation not solved to optimality")
    return objective.Value()
