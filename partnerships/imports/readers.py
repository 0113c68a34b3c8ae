"""Reading an uploaded XLSX or CSV file into headings and rows.

The type is decided by the content, not the name: an XLSX file is a zip archive. CSV files
may use ``;`` (Dutch Excel) or ``,``, come with or without a UTF-8 byte-order mark, and fall
back to Windows-1252, which Excel uses for "CSV" on Dutch Windows. Cells keep their type
(numbers and dates from XLSX stay numbers and dates); text is stripped, nothing else changes.
Row numbers are those the user sees in Excel: the headings are row 1."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .cells import is_empty

MAX_BYTES = 10 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
CSV_SUFFIXES = {"", ".csv", ".txt", ".tsv"}
DELIMITERS = (";", ",", "\t")


class ImportFileError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    headings: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number, cells)


def read_table(file, *, max_rows: int) -> Table:
    if file.size is not None and file.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB; split it into smaller files."))
    data = file.read()
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    suffix = PurePath(file.name or "").suffix.lower()
    if data.startswith(ZIP_MAGIC):
        lines = _xlsx_lines(data)
    elif data.startswith(OLE_MAGIC):
        raise ImportFileError(
            _("This is an old Excel file (.xls). Save it as .xlsx or CSV and upload it again.")
        )
    elif suffix in CSV_SUFFIXES and b"\x00" not in data[:4096]:
        lines = _csv_lines(data)
    elif suffix in {".xlsx", ".xlsm"}:
        raise ImportFileError(_("The file could not be read as an Excel file."))
    else:
        raise ImportFileError(_("This is not a spreadsheet. Upload an XLSX or CSV file."))
    return _table(lines, max_rows=max_rows)


def _xlsx_lines(data: bytes):
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_clean(value) for value in values]
    except Exception as exc:  # a damaged or foreign zip fails in many ways inside openpyxl
        raise ImportFileError(_("The file could not be read as an Excel file.")) from exc
    finally:
        if workbook is not None:
            workbook.close()


def _csv_lines(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=lambda d: len(next(csv.reader([first_line], delimiter=d))))
    try:
        for values in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield [_clean(value) for value in values]
    except csv.Error as exc:
        raise ImportFileError(_("The file could not be read as CSV.")) from exc


def _clean(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def _table(lines, *, max_rows: int) -> Table:
    table = None
    for number, values in enumerate(lines, start=1):
        if all(is_empty(value) for value in values):
            continue
        if table is None:
            table = Table(headings=[str(value) for value in values])
            continue
        if len(table.rows) == max_rows:
            raise ImportFileError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": number_format(max_rows, force_grouping=True)}
            )
        table.rows.append((number, values))
    if table is None:
        raise ImportFileError(_("The file is empty."))
    if not table.rows:
        raise ImportFileError(_("The file has headings but no rows below them."))
    return table
