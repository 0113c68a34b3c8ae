"""The subsidy list as files: CSV, XLSX and a PDF summary, headed in the active language.

* CSV: the counted students, one row each, ``;``-separated, UTF-8 with a byte-order mark (what
  Dutch Excel expects); text that Excel would run as a formula is prefixed with a quote.
* XLSX (``partnerships.exports.write_xlsx``, formula-safe): a totals sheet (per category, per
  institute and per school), a sheet per category a–g, and the students not counted with why.
* PDF (``partnerships.pdf.render_to_pdf``): the totals and the reconciliation counts, with who
  exported it and when.

The views and ``manage.py export_subsidy_list`` call ``export``; both log the export
(``services.subsidy_export_record``)."""

import csv
import datetime
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from partnerships.exports import XLSX_CONTENT_TYPE, safe_cell, write_xlsx
from partnerships.pdf import render_to_pdf
from placements.subsidy import rules, texts
from placements.subsidy.services import SubsidyList

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
    "pdf": "application/pdf",
}
SUMMARY_TEMPLATE = "print/subsidy_summary.html"


def student_headers() -> list[str]:
    return [
        _("Category"),
        _("Student"),
        _("Student number"),
        _("Programme"),
        _("Institute"),
        _("School"),
        _("Also placed this year at"),
        _("Practice share"),
        _("Check"),
    ]


def student_values(row: dict) -> list:
    row = texts.describe(row)
    return [
        row["category"],
        row["name"],
        row["student_number"],
        row["variant_label"],
        row["institute"],
        row["school"],
        row["other_schools_text"],
        row["share_text"],
        row["check_text"],
    ]


def csv_bytes(subsidy: SubsidyList) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in student_headers()])
    for row in subsidy.rows:
        writer.writerow([safe_cell(value) for value in student_values(row)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _matrix(title: str, table: dict[str, dict[str, int]]) -> list[list]:
    lines = [[title, *rules.CATEGORIES, _("Total")]]
    for name, counts in table.items():
        lines.append([name, *(counts[c] for c in rules.CATEGORIES), sum(counts.values())])
    return lines


def totals_sheet_rows(subsidy: SubsidyList) -> list[list]:
    totals = subsidy.totals
    lines: list[list] = [
        [code, texts.category_label(code), totals.by_category[code]] for code in rules.CATEGORIES
    ]
    lines.append([_("Total"), "", totals.total])
    lines.append([_("Not counted"), "", len(subsidy.excluded)])
    lines += [[], *_matrix(_("Institute"), totals.by_institute)]
    lines += [[], *_matrix(_("School"), totals.by_school)]
    return lines


def xlsx_bytes(subsidy: SubsidyList) -> bytes:
    sheets = [
        (_("Totals"), [_("Category"), _("Description"), _("Students")], totals_sheet_rows(subsidy))
    ]
    for code in rules.CATEGORIES:
        rows = [student_values(row) for row in subsidy.rows_of(code)]
        sheets.append((texts.category_title(code), student_headers(), rows))
    sheets.append(
        (
            _("Not counted"),
            [_("Student"), _("Student number"), _("Institute"), _("School"), _("Reason")],
            [
                [r["name"], r["student_number"], r["institute"], r["school"], r["reason_text"]]
                for r in map(texts.describe, subsidy.excluded)
            ],
        )
    )
    return write_xlsx(sheets)


def totals_context(subsidy: SubsidyList) -> dict:
    """The totals as table lines, for the page and the PDF."""
    totals = subsidy.totals
    counts = subsidy.excluded_counts()
    return {
        "categories": [
            (code, texts.category_label(code), texts.minimum_text(code), totals.by_category[code])
            for code in rules.CATEGORIES
        ],
        "codes": rules.CATEGORIES,
        "institutes": _matrix("", totals.by_institute)[1:],
        "schools": _matrix("", totals.by_school)[1:],
        "reasons": [(texts.reason_title(r), n) for r, n in counts.items() if n],
    }


def summary_context(subsidy: SubsidyList, *, by_name: str, at: datetime.datetime) -> dict:
    return totals_context(subsidy) | {
        "partnership": subsidy.partnership,
        "subsidy": subsidy,
        "exported_by": by_name,
        "exported_at": at,
    }


def summary_html(subsidy: SubsidyList, *, by_name: str, at: datetime.datetime) -> str:
    return render_to_string(SUMMARY_TEMPLATE, summary_context(subsidy, by_name=by_name, at=at))


def filename(subsidy: SubsidyList, fmt: str) -> str:
    stem = f"subsidy-{subsidy.partnership.slug}-{subsidy.year_label}-{subsidy.reference_date}"
    if subsidy.snapshot is not None:
        stem += f"-snapshot-{subsidy.snapshot.pk}"
    return f"{stem}.{fmt}"


def export(
    subsidy: SubsidyList,
    fmt: str,
    *,
    by_name: str,
    at: datetime.datetime,
    language: str | None = None,
) -> tuple[bytes, str, str]:
    """``(content, content type, file name)``; raises KeyError for an unknown format."""
    if fmt == "csv":
        content = csv_bytes(subsidy)
    elif fmt == "xlsx":
        content = xlsx_bytes(subsidy)
    elif fmt == "pdf":
        context = summary_context(subsidy, by_name=by_name, at=at)
        content = render_to_pdf(SUMMARY_TEMPLATE, context, language=language)
    else:
        raise KeyError(fmt)
    return content, CONTENT_TYPES[fmt], filename(subsidy, fmt)
