"""The declarations for the bookkeeper, as CSV (Dutch Excel) or XLSX: one row per declaration
with its line, who declared it for whom, the hours and the amount, and every step's date. XLSX
holds amounts as numbers in euros; CSV as Dutch decimal text ('1234,56')."""

from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exports import XLSX_CONTENT_TYPE, csv_bytes, write_xlsx
from ..money import plain_euros

FORMATS = ("csv", "xlsx")


def headers() -> list[str]:
    return [
        _("Number"),
        _("Status"),
        _("Date"),
        _("Declared by"),
        _("On behalf of"),
        _("Budget line"),
        _("School year"),
        _("Hours or costs"),
        _("Hours"),
        _("Amount (euros)"),
        _("What for"),
        _("Submitted on"),
        _("Decided on"),
        _("Decided by"),
        _("Reason"),
        _("Paid on"),
    ]


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def rows(queryset, money, number=lambda value: value):
    for d in queryset.select_related("decided_by").order_by("pk"):
        yield [
            d.number,
            d.get_status_display(),
            d.date,
            d.declarant.full_name,
            d.organisation.name if d.organisation else "",
            d.line.name,
            d.line.budget.academic_year.label,
            d.get_kind_display(),
            number(d.hours) if d.hours is not None else None,
            money(d.amount_cents),
            d.description,
            _day(d.submitted_at),
            _day(d.decided_at),
            d.decided_by.full_name if d.decided_by else "",
            d.reason,
            _day(d.paid_at),
        ]


def response(queryset, fmt: str, partnership) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    name = f"declaraties-{partnership.slug}-{stamp}.{fmt}"
    if fmt == "xlsx":
        content = write_xlsx(
            [(_("Declarations"), headers(), rows(queryset, lambda c: Decimal(c) / 100))]
        )
        content_type = XLSX_CONTENT_TYPE
    else:
        content = csv_bytes(
            headers(), rows(queryset, plain_euros, lambda h: str(h).replace(".", ","))
        )
        content_type = "text/csv; charset=utf-8"
    result = HttpResponse(content, content_type=content_type)
    result["Content-Disposition"] = f'attachment; filename="{name}"'
    return result
