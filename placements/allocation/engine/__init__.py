"""Placement allocation engine: pure Python, no Django (dataclasses in, dataclasses out).

    from placements.allocation.engine import Problem, solve
    result = solve(Problem(places=..., schools=..., students=...), progress=callback)

`solve` uses OR-Tools CP-SAT; `greedy` is the baseline, `lp_bound` the LP relaxation bound and
`evaluate` the single scoring function all three are measured with. Hard rules: `rules.py`;
objective: `objective.py`; explanation codes: `explain.py`.
"""

from placements.allocation.engine.bound import lp_bound
from placements.allocation.engine.explain import explain, explain_text
from placements.allocation.engine.greedy import greedy
from placements.allocation.engine.model import (
    Explanation,
    Place,
    Problem,
    Progress,
    Result,
    School,
    Student,
    Weights,
)
from placements.allocation.engine.objective import describe_weights, evaluate
from placements.allocation.engine.rules import violations
from placements.allocation.engine.solver import solve

__all__ = [
    "Explanation",
    "Place",
    "Problem",
    "Progress",
    "Result",
    "School",
    "Student",
    "Weights",
    "describe_weights",
    "evaluate",
    "explain",
    "explain_text",
    "greedy",
    "lp_bound",
    "solve",
    "violations",
]
