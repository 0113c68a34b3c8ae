"""Reads of the budget and declarations: a budget with every line's realisation (its source's
amounts from the registry, the entered amounts, the approved and paid declarations) and the
totals; the declarations a user may see; the lines open for declarations."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from ..access import MANAGERS, Access
from ..models import AcademicYear, Organisation, Partnership
from . import registry, rules
from .choices import DeclarationStatus
from .models import Budget, BudgetLine, Declaration, RealisationEntry
from .permissions import ON_BEHALF


@dataclass
class LineRow:
    line: BudgetLine
    source_amounts: list = field(default_factory=list)  # registry.Amount
    entered_cents: int = 0
    declared_cents: int = 0

    @property
    def source_cents(self) -> int:
        return sum(a.cents for a in self.source_amounts)

    @property
    def provisional(self) -> bool:
        return any(a.provisional for a in self.source_amounts)

    @property
    def figures(self) -> rules.LineFigures:
        realised = self.source_cents + self.entered_cents + self.declared_cents
        return rules.LineFigures(self.line.side, self.line.budgeted_cents, realised)

    @property
    def realised_cents(self) -> int:
        return self.figures.realised

    @property
    def difference_cents(self) -> int:
        return self.figures.difference


@dataclass
class BudgetView:
    budget: Budget
    income: list[LineRow]
    costs: list[LineRow]

    @property
    def totals(self) -> rules.Totals:
        return rules.totals([row.figures for row in self.income + self.costs])


def _sums(queryset, amount: str) -> dict[int, int]:
    return dict(
        queryset.values_list("line").annotate(total=Sum(amount)).values_list("line", "total")
    )


def line_rows(lines: list[BudgetLine], partnership: Partnership, year: AcademicYear):
    """Each line's realisation in a fixed number of queries (one provider call per source)."""
    ids = [line.pk for line in lines]
    entered = _sums(RealisationEntry.objects.filter(line__in=ids), "amount_cents")
    declared = _sums(
        Declaration.objects.filter(line__in=ids, status__in=rules.REALISED), "amount_cents"
    )
    by_source = {
        source: registry.amounts(source, partnership, year)
        for source in {line.source for line in lines if line.source}
    }
    return [
        LineRow(
            line,
            by_source.get(line.source, []),
            entered.get(line.pk, 0),
            declared.get(line.pk, 0),
        )
        for line in lines
    ]


def budget_view(budget: Budget) -> BudgetView:
    lines = list(budget.lines.all())
    rows = line_rows(lines, budget.partnership, budget.academic_year)
    return BudgetView(
        budget,
        [r for r in rows if r.line.side == rules.INCOME],
        [r for r in rows if r.line.side == rules.COST],
    )


def line_row(line: BudgetLine) -> LineRow:
    return line_rows([line], line.budget.partnership, line.budget.academic_year)[0]


def budgets(partnership: Partnership) -> QuerySet[Budget]:
    return Budget.objects.filter(partnership=partnership).select_related(
        "academic_year", "partnership"
    )


def lines(partnership: Partnership) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(budget__partnership=partnership).select_related(
        "budget__academic_year", "budget__partnership"
    )


# --- declarations ---------------------------------------------------------------------------
def on_behalf_ids(access: Access, partnership: Partnership) -> set[int]:
    """The schools and institutes the user may declare for (and read the declarations of)."""
    return access.own_school_ids(partnership, ON_BEHALF)


def declarations_visible(access: Access, partnership: Partnership) -> QuerySet[Declaration]:
    """The managers see every declaration; anyone else their own and those of the school or
    institute they coordinate or lead. A draft is its declarant's only until submitted."""
    qs = (
        Declaration.objects.filter(partnership=partnership)
        .exclude(Q(status=DeclarationStatus.DRAFT) & ~Q(declarant=access.user.pk))
        .select_related("declarant", "organisation", "line__budget__academic_year", "partnership")
    )
    if access.roles(partnership) & MANAGERS:
        return qs
    return qs.filter(
        Q(declarant=access.user) | Q(organisation__in=on_behalf_ids(access, partnership))
    )


def declarable_lines(partnership: Partnership, today) -> QuerySet[BudgetLine]:
    """Lines open for declarations in this school year's and last school year's budgets (a
    declaration may come in after the year ended)."""
    current = AcademicYear.current(today)
    return lines(partnership).filter(
        accepts_declarations=True,
        budget__academic_year__start_year__in=[current.start_year, current.start_year - 1],
    )


def on_behalf_choices(access: Access, partnership: Partnership) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        partnership=partnership, pk__in=on_behalf_ids(access, partnership)
    ).order_by("name")


def counts_by_status(queryset) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    rows = queryset.order_by().values_list("status").annotate(n=Count("pk"))
    for status, n in rows.values_list("status", "n"):
        counts[status] = n
    return counts


def to_decide(partnership: Partnership) -> QuerySet[Declaration]:
    return Declaration.objects.filter(
        partnership=partnership, status=DeclarationStatus.SUBMITTED
    ).select_related("declarant", "organisation", "partnership")


def to_pay(partnership: Partnership) -> QuerySet[Declaration]:
    return Declaration.objects.filter(
        partnership=partnership, status=DeclarationStatus.APPROVED
    ).select_related("declarant", "organisation", "partnership")
