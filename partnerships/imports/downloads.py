"""The templates users fill in: headings in the user's language and one example row.

The XLSX has a second sheet with notes: every column explained and the values some columns
allow (roles, programme variants, school types). The CSV uses ``;`` and a UTF-8 byte-order
mark, which is what Dutch Excel expects when it opens a CSV file. Example values can come from
the partnership's own names: the XLSX is saved through ``exports.workbook_bytes`` (text cells
only), the CSV neutralises them with ``exports.safe_cell`` (issue 13, item 4)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..exports import safe_cell, workbook_bytes
from .base import Importer

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_BOLD = Font(bold=True)


def template_file(importer: Importer, fmt: str) -> bytes:
    """Raises KeyError for an unknown format."""
    return {"xlsx": template_xlsx, "csv": template_csv}[fmt](importer)


def _example_row(importer: Importer) -> list[str]:
    examples = importer.examples()
    return [examples.get(column.key, "") for column in importer.columns]


def template_csv(importer: Importer) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.heading for column in importer.columns])
    # Example values can come from the partnership's own names; Excel must not run them.
    writer.writerow(safe_cell(value) for value in _example_row(importer))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(importer: Importer) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(importer.label)[:31]
    examples = _example_row(importer)
    for index, (column, example) in enumerate(zip(importer.columns, examples, strict=True), 1):
        heading = sheet.cell(row=1, column=index, value=column.heading)
        heading.font = _BOLD
        if column.required:
            heading.fill = _REQUIRED_FILL
        sheet.cell(row=2, column=index, value=example)
        width = max(len(column.heading), len(example)) + 4
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    _notes_sheet(workbook.create_sheet(_("Notes")[:31]), importer)
    return workbook_bytes(workbook)


def _notes_sheet(sheet, importer: Importer) -> None:
    sheet.append(
        [
            _(
                "One row per record below the headings. Required columns are marked yellow. "
                "Dates as dd-mm-yyyy. Delete the example row before importing."
            )
        ]
    )
    sheet.append([])
    sheet.append([_("Column"), _("Required"), _("Explanation"), _("Example")])
    _bold_row(sheet)
    examples = importer.examples()
    for column in importer.columns:
        required = _("yes") if column.required else _("no")
        sheet.append([column.heading, required, str(column.help), examples.get(column.key, "")])
    for note in importer.notes():
        sheet.append([])
        sheet.append([_("Allowed values: %(column)s") % {"column": note.title}])
        _bold_row(sheet)
        for value, meaning in note.values:
            sheet.append([value, meaning])
    for letter, width in zip("ABCD", (28, 40, 70, 28), strict=True):
        sheet.column_dimensions[letter].width = width


def _bold_row(sheet) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
