"""Demo money (issue 19, items 4-5): this school year's budget with its lines and budgeted
amounts, partner contributions entered as received, and declarations in every state (a draft, a
submitted one, an approved one, a rejected one, a paid one) with a small PDF each. Idempotent: a
partnership with a budget for this year is left alone."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ..access import Access
from ..finance import services
from ..finance.choices import LineCategory
from ..finance.models import Budget, Declaration
from ..glossary import Role
from ..models import AcademicYear, Partnership, RoleAssignment

# Budgeted amounts per category, in cents (a partnership of about 90 students).
BUDGETED = {
    LineCategory.SUBSIDY: 61_200_000,
    LineCategory.CONTRIBUTIONS: 4_500_000,
    LineCategory.DISTRIBUTION: 42_000_000,
    LineCategory.EVENTS: 1_800_000,
    LineCategory.CODOCENT: 4_000_000,
    LineCategory.PROFESSIONALISATION: 2_500_000,
    LineCategory.STAFF: 14_000_000,
}
HOURLY_RATE = {LineCategory.CODOCENT: 4500, LineCategory.PROFESSIONALISATION: 4500}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _holder(partnership, role, today):
    assignment = (
        RoleAssignment.objects.active(today)
        .filter(partnership=partnership, role=role)
        .select_related("person", "organisation")
        .order_by("person__last_name", "pk")
        .first()
    )
    return assignment


def _declare(partnership, who, line, today, *, organisation=None, hours=None, cents=None, text):
    access = Access(who.person, today)
    declaration = Declaration(
        partnership=partnership,
        line=line,
        organisation=organisation,
        kind="hours" if hours else "costs",
        date=max(AcademicYear.current(today).start_date, today - datetime.timedelta(days=14)),
        description=text,
        hours=Decimal(hours) if hours else None,
        amount_cents=cents or 0,
    )
    upload = SimpleUploadedFile("urenbriefje.pdf", PDF, content_type="application/pdf")
    return services.declaration_save_draft(
        declaration=declaration, access=access, attachment=upload
    ), access


def load(partnership: Partnership) -> str | None:
    today = timezone.localdate()
    year = AcademicYear.current(today)
    if Budget.objects.filter(partnership=partnership, academic_year=year).exists():
        return None
    manager = _holder(partnership, Role.PROGRAMMAMANAGER, today)
    admin = _holder(partnership, Role.ADMINISTRATIEF_ONDERSTEUNER, today)
    coordinator = _holder(partnership, Role.SCHOOLCOORDINATOR, today)
    codocent = _holder(partnership, Role.CO_DOCENT, today)
    if not (manager and admin and coordinator and codocent):
        return None
    budget = services.budget_create(partnership=partnership, academic_year=year, by=manager.person)
    lines = {line.category: line for line in budget.lines.all()}
    for category, line in lines.items():
        line.budgeted_cents = BUDGETED.get(category, 0)
        line.hourly_rate_cents = HOURLY_RATE.get(category)
        services.line_save(line=line, by=manager.person)
    contributions = lines[LineCategory.CONTRIBUTIONS]
    for n, (text, cents) in enumerate(
        (("Bijdrage hogeschool", 2_250_000), ("Bijdrage universiteit", 1_500_000))
    ):
        services.entry_add(
            line=contributions,
            by=admin.person,
            date=year.start_date + datetime.timedelta(days=60 + 30 * n),
            description=text,
            amount_cents=cents,
        )
    codocent_line = lines[LineCategory.CODOCENT]
    events_line = lines[LineCategory.EVENTS]
    school = coordinator.organisation
    manager_access = Access(manager.person, today)
    admin_access = Access(admin.person, today)
    made = []
    for text, kwargs, steps in (
        ("Co-docent intervisie, 3 bijeenkomsten", {"hours": "12"}, ("paid",)),
        ("Co-docent praktijkdag, workshops", {"hours": "8.5"}, ("approved",)),
        ("Co-docent innomo, rondetafel", {"hours": "4"}, ("submitted",)),
        ("Co-docent wpb-training, voorbereiding", {"hours": "6"}, ()),
    ):
        declaration, access = _declare(
            partnership, coordinator, codocent_line, today, organisation=school, text=text, **kwargs
        )
        made.append((declaration, access, steps))
    declaration, access = _declare(
        partnership, codocent, events_line, today, cents=4_850, text="Reiskosten praktijkdag"
    )
    made.append((declaration, access, ("rejected",)))
    for declaration, access, steps in made:
        if not steps:
            continue
        services.declaration_submit(declaration=declaration, access=access, mail=False)
        if steps[0] in ("approved", "paid", "rejected"):
            services.declaration_decide(
                declaration=declaration,
                access=manager_access,
                approve=steps[0] != "rejected",
                mail=False,
                reason="Reiskosten worden per kwartaal in één keer gedeclareerd."
                if steps[0] == "rejected"
                else "",
            )
        if steps[0] == "paid":
            services.declaration_mark_paid(declaration=declaration, access=admin_access, mail=False)
    return f"finance: the budget {year} with {len(lines)} lines and {len(made)} declarations"
