"""The pure rules of the budget and declarations: which status may follow which, what counts as
realised, and the totals of a budget (income, costs, balance), all in integer cents."""

from dataclasses import dataclass

DRAFT, SUBMITTED, APPROVED, REJECTED, PAID = "draft", "submitted", "approved", "rejected", "paid"
INCOME, COST = "income", "cost"

# Which status may follow which; a rejected or paid declaration is finished.
TRANSITIONS = {
    DRAFT: frozenset({SUBMITTED}),
    SUBMITTED: frozenset({APPROVED, REJECTED}),
    APPROVED: frozenset({PAID}),
}
# Declarations that count as realised on their budget line.
REALISED = frozenset({APPROVED, PAID})


def may_move(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


@dataclass(frozen=True)
class LineFigures:
    side: str
    budgeted: int
    realised: int

    @property
    def difference(self) -> int:
        """Realised minus budgeted: more income than budgeted, or more costs, is positive."""
        return self.realised - self.budgeted


@dataclass(frozen=True)
class Totals:
    income_budgeted: int
    income_realised: int
    cost_budgeted: int
    cost_realised: int

    @property
    def balance_budgeted(self) -> int:
        return self.income_budgeted - self.cost_budgeted

    @property
    def balance_realised(self) -> int:
        return self.income_realised - self.cost_realised


def totals(lines: list[LineFigures]) -> Totals:
    def add(side, attr):
        return sum(getattr(line, attr) for line in lines if line.side == side)

    return Totals(
        income_budgeted=add(INCOME, "budgeted"),
        income_realised=add(INCOME, "realised"),
        cost_budgeted=add(COST, "budgeted"),
        cost_realised=add(COST, "realised"),
    )
