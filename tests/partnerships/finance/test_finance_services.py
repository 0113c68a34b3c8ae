"""Budget and declaration services (issue 19, items 4-5): a new budget's lines, the realisation of
a line from the registry, entered amounts and approved/paid declarations; a declaration's steps
with their rules, audit entries and mails; the attachment check."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.access import Access
from partnerships.finance import registry, selectors, services
from partnerships.finance.choices import LineCategory
from partnerships.finance.models import Declaration
from partnerships.models import AcademicYear, AuditEntry
from tests.partnerships.finance import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def pm(world):
    return world["programmamanager"]


@pytest.fixture
def admin(world):
    return world["administratief_ondersteuner"]


def test_a_new_budget_starts_with_the_standard_lines_then_copies_the_last(world, pm):
    budget = helpers.budget(world.a, pm)
    categories = [line.category for line in budget.lines.all()]
    assert categories[:2] == [LineCategory.SUBSIDY, LineCategory.CONTRIBUTIONS]  # income first
    assert set(categories) == set(LineCategory.values) - {LineCategory.OTHER}
    line = budget.lines.get(category=LineCategory.STAFF)
    line.budgeted_cents = 1_400_000
    services.line_save(line=line, by=pm)
    following = AcademicYear.objects.get_or_create(start_year=budget.academic_year.start_year + 1)[
        0
    ]
    copied = services.budget_create(partnership=world.a, academic_year=following, by=pm)
    assert copied.lines.get(category=LineCategory.STAFF).budgeted_cents == 1_400_000
    with pytest.raises(ValidationError):
        services.budget_create(partnership=world.a, academic_year=following, by=pm)
    assert AuditEntry.objects.filter(action="budget_create").count() == 2


def test_realisation_adds_source_entries_and_decided_declarations(world, pm, admin, monkeypatch):
    line = helpers.codocent_line(world.a, pm)  # source: co-docent hours
    monkeypatch.setitem(
        registry.PROVIDERS,
        registry.Source.CODOCENT_HOURS,
        [lambda p, y: [registry.Amount("School 1: 10 uur", 45000)]],
    )
    services.entry_add(
        line=line,
        by=admin,
        date=datetime.date(2026, 10, 1),
        description="Correctie",
        amount_cents=-500,
    )
    sc = world["schoolcoordinator"]
    for status in ("draft", "submitted", "approved", "rejected", "paid"):
        helpers.declaration(world.a, sc, pm, status=status, hours="2", payer=admin)
    row = selectors.line_row(line)
    assert row.source_cents == 45000
    assert row.entered_cents == -500
    assert row.declared_cents == 2 * 2 * helpers.RATE  # approved + paid only
    assert row.realised_cents == 45000 - 500 + 18000
    view = selectors.budget_view(line.budget)
    totals = view.totals
    assert totals.cost_realised == sum(r.realised_cents for r in view.costs)
    assert totals.balance_budgeted == totals.income_budgeted - totals.cost_budgeted


def test_registry_refuses_unknown_sources_and_non_cents():
    with pytest.raises(ValueError):
        registry.register("travel", lambda p, y: [])
    with pytest.raises(TypeError):
        registry.Amount("x", Decimal("1.5"))


def test_a_declaration_from_draft_to_paid(
    world, pm, admin, mailoutbox, django_capture_on_commit_callbacks
):
    sc = world["schoolcoordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        d = helpers.declaration(
            world.a, sc, pm, status="draft", organisation=world.school1, hours="8.5"
        )
    assert d.amount_cents == 8.5 * helpers.RATE
    assert d.declarant == sc and d.status == "draft"
    assert not mailoutbox  # a draft sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert services.declaration_submit(declaration=d, access=Access(sc))
        assert not services.declaration_submit(declaration=d, access=Access(sc))  # pressed twice
    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_decide(declaration=d, access=Access(pm), approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_mark_paid(declaration=d, access=Access(admin))
        assert not services.declaration_mark_paid(declaration=d, access=Access(admin))
    d.refresh_from_db()
    assert d.status == "paid" and d.paid_by == admin and d.decided_by == pm
    assert [m.to for m in mailoutbox] == [[sc.email]] * 3
    assert [m.subject for m in mailoutbox] == [
        f"Declaratie {d.number} ontvangen",
        f"Declaratie {d.number} goedgekeurd",
        f"Declaratie {d.number} betaald",
    ]
    actions = AuditEntry.objects.filter(object_id=str(d.pk), object_type="partnerships.declaration")
    assert set(actions.values_list("action", flat=True)) == {
        "declaration_draft",
        "declaration_submitted",
        "declaration_approved",
        "declaration_paid",
    }


def test_a_rejection_needs_a_reason_and_is_mailed_with_it(
    world, pm, mailoutbox, django_capture_on_commit_callbacks
):
    sc = world["schoolcoordinator"]
    d = helpers.declaration(world.a, sc, pm, status="submitted")
    with pytest.raises(ValidationError):
        services.declaration_decide(declaration=d, access=Access(pm), approve=False, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_decide(
            declaration=d, access=Access(pm), approve=False, reason="Dubbel ingediend"
        )
    assert "Dubbel ingediend" in mailoutbox[-1].body
    with pytest.raises(ValidationError):  # decided: no second decision, no payment
        services.declaration_decide(declaration=d, access=Access(pm), approve=True)
    with pytest.raises(ValidationError):
        services.declaration_mark_paid(
            declaration=d, access=Access(world["administratief_ondersteuner"])
        )


def test_only_the_right_roles_take_the_steps(world, pm, admin):
    sc = world["schoolcoordinator"]
    d = helpers.declaration(world.a, sc, pm, status="submitted")
    with pytest.raises(PermissionDenied):
        services.declaration_decide(declaration=d, access=Access(admin), approve=True)
    with pytest.raises(PermissionDenied):
        services.declaration_decide(declaration=d, access=Access(sc), approve=True)
    services.declaration_decide(declaration=d, access=Access(pm), approve=True)
    with pytest.raises(PermissionDenied):
        services.declaration_mark_paid(declaration=d, access=Access(pm))
    with pytest.raises(PermissionDenied):  # a student declares nothing
        helpers.declaration(world.a, world["student"], pm)
    draft = helpers.declaration(world.a, sc, pm)
    with pytest.raises(PermissionDenied):  # someone else's draft
        services.declaration_submit(declaration=draft, access=Access(pm))


def _draft(world, line, who, **fields):
    values = {
        "partnership": world.a,
        "line": line,
        "kind": "costs",
        "date": datetime.date(2026, 11, 1),
        "description": "Reiskosten",
        "amount_cents": 1250,
    } | fields
    return Declaration(**values)


def test_the_rules_of_a_draft(world, pm):
    line = helpers.codocent_line(world.a, pm)
    sc, wpb = world["schoolcoordinator"], world["werkplekbegeleider"]
    save = services.declaration_save_draft
    with pytest.raises(ValidationError, match="schooljaar|school year"):
        save(
            declaration=_draft(world, line, sc, date=datetime.date(2025, 11, 1)), access=Access(sc)
        )
    with pytest.raises(ValidationError, match="toekomst|future"):
        save(declaration=_draft(world, line, sc, date=datetime.date(2027, 3, 1)), access=Access(sc))
    with pytest.raises(ValidationError, match="namens|behalf"):  # a wpb declares for themself
        save(declaration=_draft(world, line, wpb, organisation=world.school1), access=Access(wpb))
    with pytest.raises(ValidationError, match="namens|behalf"):  # another school
        save(declaration=_draft(world, line, sc, organisation=world.school2), access=Access(sc))
    closed = line.budget.lines.get(category=LineCategory.STAFF)
    with pytest.raises(ValidationError, match="declar"):
        save(declaration=_draft(world, closed, sc), access=Access(sc))
    subsidy = line.budget.lines.get(category=LineCategory.EVENTS)  # open, no hourly rate
    with pytest.raises(ValidationError, match="uurtarief|hourly rate"):
        save(
            declaration=_draft(world, subsidy, sc, kind="hours", hours=Decimal(2)),
            access=Access(sc),
        )
    costs = save(declaration=_draft(world, subsidy, sc), access=Access(sc))
    with pytest.raises(ValidationError, match="bon|receipt"):  # no attachment yet
        services.declaration_submit(declaration=costs, access=Access(sc))


@pytest.mark.parametrize(
    "name, content, ok",
    [
        ("bon.pdf", b"%PDF-1.7 ...", True),
        ("bon.png", b"\x89PNG\r\n\x1a\n....", True),
        ("bon.jpg", b"\xff\xd8\xff\xe0....", True),
        ("bon.docx", b"PK\x03\x04....", False),  # guidance takes Word files, receipts do not
        ("bon.pdf", b"MZ\x90\x00", False),  # not what its name says
        ("bon.exe", b"MZ\x90\x00", False),
    ],
)
def test_receipts_are_pdf_or_images(world, pm, name, content, ok):
    line = helpers.codocent_line(world.a, pm)
    sc = world["schoolcoordinator"]
    upload = SimpleUploadedFile(name, content)
    call = lambda: services.declaration_save_draft(  # noqa: E731
        declaration=_draft(world, line, sc), access=Access(sc), attachment=upload
    )
    if ok:
        assert call().attachment.name == name
    else:
        with pytest.raises(ValidationError):
            call()


def test_visible_declarations(world, pm):
    sc, lead = world["schoolcoordinator"], world["leidinggevende"]
    d = helpers.declaration(world.a, sc, pm, status="submitted", organisation=world.school1)
    own = helpers.declaration(world.a, world["co_docent"], pm, status="submitted")
    draft = helpers.declaration(world.a, sc, pm, organisation=world.school1)
    assert draft in selectors.declarations_visible(Access(sc), world.a)
    assert set(selectors.declarations_visible(Access(pm), world.a)) == {d, own}
    assert set(selectors.declarations_visible(Access(lead), world.a)) == {d}
    assert set(selectors.declarations_visible(Access(world["co_docent"]), world.a)) == {own}
    assert not selectors.declarations_visible(
        Access(world["schoolcoordinator_other_school"]), world.a
    )
