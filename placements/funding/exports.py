"""The statement of a school or institute as XLSX (sheets: summary, students, payments) and as
PDF (templates/print/funding_statement.html). Amounts in the XLSX are euros as numbers."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from partnerships.exports import XLSX_CONTENT_TYPE, write_xlsx
from partnerships.pdf import render_to_pdf
from placements.funding.selectors import Statement

FORMATS = ("pdf", "xlsx")
TEMPLATE = "print/funding_statement.html"


def _eur(cents: int) -> Decimal:
    return Decimal(cents) / 100


def summary_rows(statement: Statement) -> list[tuple[str, object]]:
    line = statement.line
    rows = [(_("Students counted"), len(statement.students))]
    if line.kind == "school":
        rows += [(_("Fixed part"), _eur(line.fixed)), (_("Part per student"), _eur(line.students))]
    else:
        rows += [(_("Part for the institutes"), _eur(line.students))]
    rows += [
        (_("Share"), _eur(line.share)),
        (_("Paid"), _eur(statement.paid)),
        (_("Still to be paid"), _eur(statement.outstanding)),
    ]
    if statement.facilitation_hours is not None:
        rows.append((_("Facilitation hours"), statement.facilitation_hours))
    if statement.codocent is not None:
        rows += [
            (_("Co-docent hours given"), statement.codocent.provided),
            (_("Fair share of co-docent hours"), statement.codocent.fair_share),
            (_("Balance of co-docent hours"), statement.codocent.balance),
        ]
    return rows


def xlsx_bytes(statement: Statement) -> bytes:
    return write_xlsx(
        [
            (
                _("Funding statement"),
                [_("Item"), _("Value")],
                [(_("Organisation"), statement.organisation.name), *summary_rows(statement)],
            ),
            (
                _("Students"),
                [_("Student"), _("Subsidy category"), _("Facilitation category"), _("Weight")],
                [
                    (s["name"], s["category"], s["facilitation"], s["weight"])
                    for s in statement.students
                ],
            ),
            (
                _("Payments"),
                [_("Paid on"), _("Amount (€)"), _("Reference")],
                [(p.paid_on, _eur(p.amount_cents), p.reference) for p in statement.payments],
            ),
        ]
    )


def export(
    statement: Statement, fmt: str, *, by_name: str, at: datetime.datetime
) -> tuple[bytes, str, str]:
    key = statement.key
    stem = f"statement-{key.partnership.slug}-{key.academic_year.label}-{statement.organisation.pk}"
    if fmt == "xlsx":
        return xlsx_bytes(statement), XLSX_CONTENT_TYPE, f"{stem}.xlsx"
    if fmt == "pdf":
        context = {
            "statement": statement,
            "partnership": key.partnership,
            "year": key.academic_year,
            "exported_by": by_name,
            "exported_at": at,
        }
        return render_to_pdf(TEMPLATE, context), "application/pdf", f"{stem}.pdf"
    raise KeyError(fmt)
