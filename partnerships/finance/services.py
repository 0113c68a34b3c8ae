"""Writes of the budget and declarations. Each checks again who may do it (a view decides what
it shows; a service never trusts that), writes an audit entry, and mails the declarant at every
step of their declaration (``partnerships.notifications``: once per step, after the commit)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import Access
from ..attachments import PDF_OR_IMAGE, check_attachment
from ..audit import record
from ..models import AcademicYear, Partnership, Person
from ..money import hours_to_cents
from ..notifications import notify_once
from . import rules, selectors
from .choices import DeclarationKind, DeclarationStatus, LineCategory, Side
from .models import Budget, BudgetLine, Declaration, DeclarationAttachment, RealisationEntry
from .permissions import FinanceAction
from .registry import Source

# The lines a new budget starts with when there is no earlier budget to copy (issue 19, item 4).
DEFAULT_LINES = (
    (Side.INCOME, LineCategory.SUBSIDY, "Subsidie opleidingsschool (OCW)", Source.SUBSIDY, False),
    (Side.INCOME, LineCategory.CONTRIBUTIONS, "Bijdragen partners", "", False),
    (Side.COST, LineCategory.DISTRIBUTION, "Verdeling naar scholen", Source.DISTRIBUTION, False),
    (Side.COST, LineCategory.EVENTS, "Programma-activiteiten", Source.PROGRAMME_EVENTS, True),
    (Side.COST, LineCategory.CODOCENT, "Co-docenturen", Source.CODOCENT_HOURS, True),
    (
        Side.COST,
        LineCategory.PROFESSIONALISATION,
        "Professionalisering",
        Source.PROFESSIONALISATION_RUNS,
        True,
    ),
    (Side.COST, LineCategory.STAFF, "Personeel (programmamanager, ondersteuning)", "", False),
)
COPIED_FIELDS = (
    "side",
    "category",
    "name",
    "budgeted_cents",
    "source",
    "accepts_declarations",
    "hourly_rate_cents",
    "position",
)


def _require(access: Access, partnership: Partnership, action: FinanceAction) -> None:
    if not access.can(partnership, action):
        raise PermissionDenied


# --- budget -----------------------------------------------------------------------------------
@transaction.atomic
def budget_create(*, partnership: Partnership, academic_year: AcademicYear, by: Person) -> Budget:
    """The year's budget, starting from the lines of the latest earlier budget (their budgeted
    amounts as a first estimate), or from the standard lines."""
    if Budget.objects.filter(partnership=partnership, academic_year=academic_year).exists():
        raise ValidationError(
            {"year": _("There is a budget for %(year)s already.") % {"year": academic_year.label}}
        )
    earlier = (
        Budget.objects.filter(
            partnership=partnership, academic_year__start_year__lt=academic_year.start_year
        )
        .order_by("-academic_year__start_year")
        .first()
    )
    budget = Budget.objects.create(partnership=partnership, academic_year=academic_year)
    if earlier is not None:
        for line in earlier.lines.all():
            BudgetLine.objects.create(
                budget=budget, **{name: getattr(line, name) for name in COPIED_FIELDS}
            )
    else:
        for position, (side, category, name, source, declarations) in enumerate(DEFAULT_LINES):
            BudgetLine.objects.create(
                budget=budget,
                side=side,
                category=category,
                name=name,
                source=source,
                accepts_declarations=declarations,
                position=position,
            )
    record(
        person=by,
        action="budget_create",
        obj=budget,
        partnership=partnership,
        year=academic_year.label,
        copied_from=earlier.academic_year.label if earlier else "",
    )
    return budget


@transaction.atomic
def line_save(*, line: BudgetLine, by: Person) -> BudgetLine:
    line.full_clean()
    created = line.pk is None
    line.save()
    record(
        person=by,
        action="budget_line_create" if created else "budget_line_update",
        obj=line,
        partnership=line.budget.partnership,
        name=line.name,
        budgeted_cents=line.budgeted_cents,
    )
    return line


@transaction.atomic
def entry_add(
    *,
    line: BudgetLine,
    by: Person,
    date: datetime.date,
    description: str,
    amount_cents: int,
) -> RealisationEntry:
    entry = RealisationEntry(
        line=line, date=date, description=description, amount_cents=amount_cents, entered_by=by
    )
    entry.full_clean()
    entry.save()
    record(
        person=by,
        action="budget_entry_add",
        obj=entry,
        partnership=line.budget.partnership,
        line=line.pk,
        amount_cents=amount_cents,
    )
    return entry


# --- declarations -----------------------------------------------------------------------------
def _check_declaration(declaration: Declaration, access: Access) -> None:
    """The rules a draft must meet before it is kept: the line is open for declarations in this
    partnership, the date lies in the line's school year and not in the future, hours only on a
    line with an hourly rate, the organisation is one the declarant may declare for."""
    partnership = declaration.partnership
    line = declaration.line
    if line.budget.partnership_id != partnership.pk or not line.accepts_declarations:
        raise ValidationError({"line": _("This budget line does not take declarations.")})
    year = line.budget.academic_year
    if declaration.date and not year.start_date <= declaration.date <= year.end_date:
        raise ValidationError(
            {"date": _("The date lies outside the school year %(year)s.") % {"year": year.label}}
        )
    if declaration.date and declaration.date > access.today:
        raise ValidationError({"date": _("The date cannot be in the future.")})
    if declaration.kind == DeclarationKind.HOURS:
        if not line.hourly_rate_cents:
            raise ValidationError(
                {"kind": _("Only costs can be declared on this line; it has no hourly rate.")}
            )
        if not declaration.hours or declaration.hours <= 0:
            raise ValidationError({"hours": _("Fill in the number of hours.")})
        declaration.amount_cents = hours_to_cents(declaration.hours, line.hourly_rate_cents)
    else:
        declaration.hours = None
        if not declaration.amount_cents or declaration.amount_cents <= 0:
            raise ValidationError({"amount_cents": _("Fill in the amount.")})
    if declaration.organisation_id and declaration.organisation_id not in (
        selectors.on_behalf_ids(access, partnership)
    ):
        raise ValidationError(
            {"organisation": _("You cannot declare on behalf of this organisation.")}
        )


@transaction.atomic
def declaration_save_draft(
    *, declaration: Declaration, access: Access, attachment=None
) -> Declaration:
    """Keep a new or changed draft (with its attachment, replacing an earlier one); nothing is
    sent yet — the declarant checks it and submits it."""
    _require(access, declaration.partnership, FinanceAction.DECLARE)
    if declaration.pk is None:
        declaration.declarant = access.user
    elif declaration.declarant_id != access.user.pk:
        raise PermissionDenied
    if declaration.status != DeclarationStatus.DRAFT:
        raise ValidationError(_("This declaration has been submitted and can no longer change."))
    _check_declaration(declaration, access)
    declaration.full_clean()
    created = declaration.pk is None
    declaration.save()
    if attachment is not None:
        name, content_type = check_attachment(attachment, PDF_OR_IMAGE)
        DeclarationAttachment.objects.update_or_create(
            declaration=declaration,
            defaults={
                "name": name,
                "content_type": content_type,
                "size": attachment.size,
                "data": attachment.read(),
            },
        )
    record(
        person=access.user,
        action="declaration_draft" if created else "declaration_update",
        obj=declaration,
        partnership=declaration.partnership,
        amount_cents=declaration.amount_cents,
    )
    return declaration


def _locked(declaration: Declaration) -> Declaration:
    return (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("partnership", "declarant", "line__budget__academic_year")
        .get(pk=declaration.pk)
    )


def _move(declaration: Declaration, new: str, by: Person, mail: bool = True, **changes) -> bool:
    """Move a locked declaration to ``new`` with ``changes`` (fields), audit it and mail the
    declarant: False (and nothing changes) when it is there already — a second press of the
    button; a ValidationError when the step is not allowed."""
    if declaration.status == new:
        return False
    if not rules.may_move(declaration.status, new):
        raise ValidationError(
            _("This declaration is %(status)s; that step is not possible now.")
            % {"status": declaration.get_status_display().lower()}
        )
    declaration.status = new
    for name, value in changes.items():
        setattr(declaration, name, value)
    declaration.save(update_fields=["status", *changes])
    record(
        person=by,
        action=f"declaration_{new}",
        obj=declaration,
        partnership=declaration.partnership,
        amount_cents=declaration.amount_cents,
        reason=declaration.reason if new == DeclarationStatus.REJECTED else "",
    )
    if not mail:  # the demo's history mails nobody
        return True
    notify_once(
        key=f"finance:declaration:{declaration.pk}:{new}",
        recipient=declaration.declarant,
        template=f"partnerships/finance/email/declaration_{new}",
        context={"declaration": declaration},
    )
    return True


@transaction.atomic
def declaration_submit(*, declaration: Declaration, access: Access, mail: bool = True) -> bool:
    declaration = _locked(declaration)
    if declaration.declarant_id != access.user.pk:
        raise PermissionDenied
    _require(access, declaration.partnership, FinanceAction.DECLARE)
    if declaration.status == DeclarationStatus.DRAFT:
        if not hasattr(declaration, "attachment"):
            raise ValidationError(_("Attach the receipt or time sheet before submitting."))
        _check_declaration(declaration, access)
    return _move(
        declaration,
        DeclarationStatus.SUBMITTED,
        access.user,
        mail,
        submitted_at=timezone.now(),
        amount_cents=declaration.amount_cents,
    )


@transaction.atomic
def declaration_decide(
    *, declaration: Declaration, access: Access, approve: bool, reason: str = "", mail: bool = True
) -> bool:
    """The programme manager's decision; a rejection says why (the declarant reads it)."""
    _require(access, declaration.partnership, FinanceAction.DECIDE_DECLARATIONS)
    declaration = _locked(declaration)
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Say why the declaration is rejected.")})
    new = DeclarationStatus.APPROVED if approve else DeclarationStatus.REJECTED
    decided = (DeclarationStatus.APPROVED, DeclarationStatus.REJECTED, DeclarationStatus.PAID)
    if declaration.status in decided and declaration.status != new:
        raise ValidationError(_("This declaration has been decided on already."))
    return _move(
        declaration,
        new,
        access.user,
        mail,
        decided_at=timezone.now(),
        decided_by=access.user,
        reason=reason,
    )


@transaction.atomic
def declaration_mark_paid(*, declaration: Declaration, access: Access, mail: bool = True) -> bool:
    _require(access, declaration.partnership, FinanceAction.PAY_DECLARATIONS)
    declaration = _locked(declaration)
    return _move(
        declaration,
        DeclarationStatus.PAID,
        access.user,
        paid_at=timezone.now(),
        paid_by=access.user,
        mail=mail,
    )
