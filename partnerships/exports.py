"""One XLSX writer for every export of every app: each export builds its sheets as
``(title, headers, rows)`` and hands them here.

The workbook is written with openpyxl in write-only mode (constant memory, however many rows).
Text that Excel would run as a formula — starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return — is prefixed with a quote, so a school or person named "=HYPERLINK(…)" stays
text. Numbers and dates are written as themselves."""

import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Sheet = tuple[str, Sequence[str], Iterable[Sequence]]


def safe_cell(value):
    """The value as it may go into a cell: lazy strings become text, formula-like text is
    neutralised."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if hasattr(value, "as_tuple") or hasattr(value, "isoformat"):  # Decimal, date, datetime
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_xlsx(sheets: list[Sheet]) -> bytes:
    """Sheets of ``(title, headers, rows)`` as XLSX bytes; titles are cut to Excel's 31
    characters, headings are bold and the heading row is frozen."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title))
        sheet.freeze_panes = "A2"
        heading_cells = []
        for heading in headers:
            cell = WriteOnlyCell(sheet, value=safe_cell(heading))
            cell.font = bold
            heading_cells.append(cell)
        sheet.append(heading_cells)
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _sheet_title(title) -> str:
    text = str(title)
    for char in "[]:*?/\\":
        text = text.replace(char, " ")
    return text[:31] or "Sheet"
