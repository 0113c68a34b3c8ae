"""One XLSX writer for every export of every app: each export builds its sheets as
``(title, headers, rows)`` and hands them here.

The workbook is written with openpyxl in write-only mode (constant memory, however many rows).

Formula injection (issue 13, item 4): every XLSX the product writes — these exports and the
templates (``workbook_bytes``) — puts text in *string cells*, never formula cells (openpyxl would
make any text starting with ``=`` a formula). Text that Excel would run as a formula when the
cell is edited — starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — also gets
Excel's *quote prefix* style (the hidden apostrophe Excel itself sets when you type ``'=``): the
cell shows and holds the text exactly as entered, so a school named "=HYPERLINK(…)" reads back
(and imports back) as that name and never runs. CSV has no cell types, so CSV files prefix such
text with a visible apostrophe instead (``safe_cell``). Numbers and dates are written as
themselves."""

import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Sheet = tuple[str, Sequence[str], Iterable[Sequence]]


def _plain(value):
    """Numbers, dates and None as themselves; anything else (lazy strings too) as text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if hasattr(value, "as_tuple") or hasattr(value, "isoformat"):  # Decimal, date, datetime
        return value
    return str(value)


def safe_cell(value):
    """The value as it may go into a CSV field: formula-like text gets a leading apostrophe."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_cell(cell):
    """Make ``cell`` (a worksheet or write-only cell) safe: text is a string cell, and
    formula-like text carries the quote prefix. Returns the cell."""
    if cell.data_type == "f" or isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def xlsx_cell(sheet, value):
    """A write-only cell for ``sheet`` holding ``value`` safely."""
    return text_cell(WriteOnlyCell(sheet, value=_plain(value)))


def workbook_bytes(workbook: Workbook) -> bytes:
    """Save a (not write-only) workbook — a template — with every cell made safe first."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text_cell(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
            cell = xlsx_cell(sheet, heading)
            cell.font = bold
            heading_cells.append(cell)
        sheet.append(heading_cells)
        for row in rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
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


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """A CSV file for Dutch Excel: semicolons, CRLF, a UTF-8 byte order mark, and every cell
    through ``safe_cell`` (formula-like text gets its apostrophe)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
