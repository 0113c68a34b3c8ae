"""Shared makers of the finance tests: a budget with its standard lines, a line open for
hours, and declarations in a given state, made through the services."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.access import Access
from partnerships.finance import services
from partnerships.finance.choices import LineCategory
from partnerships.finance.models import Budget, BudgetLine, Declaration
from partnerships.models import AcademicYear

PDF = b"%PDF-1.4\n%%EOF\n"
RATE = 4500  # cents an hour


def pdf(name="uren.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def budget(partnership, manager, year=None) -> Budget:
    year = year or AcademicYear.current()
    existing = Budget.objects.filter(partnership=partnership, academic_year=year).first()
    return existing or services.budget_create(
        partnership=partnership, academic_year=year, by=manager
    )


def codocent_line(partnership, manager) -> BudgetLine:
    line = budget(partnership, manager).lines.get(category=LineCategory.CODOCENT)
    if line.hourly_rate_cents != RATE:
        line.hourly_rate_cents = RATE
        line.accepts_declarations = True
        services.line_save(line=line, by=manager)
    return line


def declaration(
    partnership,
    declarant,
    manager,
    *,
    status="draft",
    organisation=None,
    hours="10",
    decider=None,
    payer=None,
    date=None,
) -> Declaration:
    """A declaration of ``hours`` on the co-docent line, moved to ``status``."""
    line = codocent_line(partnership, manager)
    access = Access(declarant)
    d = services.declaration_save_draft(
        declaration=Declaration(
            partnership=partnership,
            line=line,
            organisation=organisation,
            kind="hours",
            date=date or access.today,
            description="Intervisie begeleid",
            hours=Decimal(hours),
            amount_cents=0,
        ),
        access=access,
        attachment=pdf(),
    )
    if status == "draft":
        return d
    services.declaration_submit(declaration=d, access=access)
    if status in ("approved", "rejected", "paid"):
        services.declaration_decide(
            declaration=d,
            access=Access(decider or manager),
            approve=status != "rejected",
            reason="Niet volgens afspraak" if status == "rejected" else "",
        )
    if status == "paid":
        services.declaration_mark_paid(declaration=d, access=Access(payer))
    d.refresh_from_db()
    return d
