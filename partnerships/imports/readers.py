"""Reading an uploaded XLSX or CSV file into headings and rows.

The type is decided by the content, not the name: an XLSX file is a zip archive. CSV files
may use ``;`` (Dutch Excel) or ``,``, come with or without a UTF-8 byte-order mark, and fall
back to Windows-1252, which Excel uses for "CSV" on Dutch Windows. Cells keep their type
(numbers and dates from XLSX stay numbers and dates); text is stripped, nothing else changes.
Row numbers are those the user sees in Excel: the headings are row 1.

A file cannot make its reader run away (issue 13, item 5). Before parsing: at most 10 MB
uploaded; for XLSX at most ``MAX_UNPACKED_BYTES`` unpacked over all zip members (the declared
sizes, which Python's zipfile also enforces while it unpacks) and no member larger than
``MAX_RATIO`` times its packed size (a zip bomb: a shared-string bomb, two million blank rows),
and a sheet dimension of at most the row limit plus ``EXTRA_LINES`` rows and ``MAX_COLUMNS``
columns. While parsing: every row counts, blank ones included, and the reader stops at the
first row over that limit; at most ``MAX_COLUMNS`` cells per row are read; and a deadline
(``READ_SECONDS``) is checked every ``CHECK_EVERY`` rows."""

import csv
import io
import time
import zipfile
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
MAX_UNPACKED_BYTES = 25 * 1024 * 1024  # all zip members together
MAX_RATIO = 100  # unpacked : packed, for a member over RATIO_FROM bytes unpacked
RATIO_FROM = 1024 * 1024
MAX_MEMBERS = 500
MAX_COLUMNS = 100
EXTRA_LINES = 1000  # rows beyond the row limit: headings, a preamble, blank rows in between
READ_SECONDS = 15.0
CHECK_EVERY = 100


class ImportFileError(Exception):
    def __init__(self, message: str, *, lines_read: int = 0):
        super().__init__(message)
        self.message = message
        self.lines_read = lines_read  # rows the reader looked at before it stopped


@dataclass
class Table:
    headings: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number, cells)


def read_table(file, *, max_rows: int, seconds: float = READ_SECONDS) -> Table:
    """The file's headings and rows with data; raises ImportFileError (in the user's language)
    for a file that is not a spreadsheet, is empty, or is over a limit."""
    if file.size is not None and file.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB; split it into smaller files."))
    data = file.read()
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    suffix = PurePath(file.name or "").suffix.lower()
    max_lines = max_rows + EXTRA_LINES
    if data.startswith(ZIP_MAGIC):
        lines = _xlsx_lines(data, max_lines=max_lines)
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
    bounded = _bounded(lines, max_lines=max_lines, deadline=time.monotonic() + seconds)
    return _table(bounded, max_rows=max_rows)


def _too_many_lines(max_lines: int, lines_read: int = 0) -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than %(max)s rows, empty rows included; delete the empty rows "
            "below your data or split the file into smaller files."
        )
        % {"max": number_format(max_lines, force_grouping=True)},
        lines_read=lines_read,
    )


def _bounded(lines, *, max_lines: int, deadline: float):
    """``lines``, stopping with an error at the first row over ``max_lines`` (blank rows count)
    or when the deadline has passed."""
    for count, values in enumerate(lines, start=1):
        if count > max_lines:
            raise _too_many_lines(max_lines, count)
        if count % CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise ImportFileError(
                _("Reading the file took too long; split it into smaller files."),
                lines_read=count,
            )
        yield values


def check_zip(data: bytes) -> None:
    """Refuse an XLSX whose unpacked size or packing ratio could exhaust the reader."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFileError(_("The file could not be read as an Excel file.")) from exc
    unpacked = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > RATIO_FROM
        and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES or bomb:
        raise ImportFileError(
            _(
                "The file is too large when unpacked (more than %(max)s MB, or packed unusually "
                "tightly, for instance with very many empty rows); copy only your data to a new "
                "file or split it into smaller files."
            )
            % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _xlsx_lines(data: bytes, *, max_lines: int):
    check_zip(data)
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        if sheet.max_row is not None and sheet.max_row > max_lines:  # the declared dimension
            raise _too_many_lines(max_lines)
        if sheet.max_column is not None and sheet.max_column > MAX_COLUMNS:
            raise ImportFileError(
                _("The file has more than %(max)s columns; delete the columns you do not need.")
                % {"max": MAX_COLUMNS}
            )
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield [_clean(value) for value in values]
    except ImportFileError:
        raise
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
            if any(not is_empty(value) for value in values[MAX_COLUMNS:]):
                raise ImportFileError(
                    _("The file has more than %(max)s columns; delete the columns you do not need.")
                    % {"max": MAX_COLUMNS}
                )
            yield [_clean(value) for value in values[:MAX_COLUMNS]]
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
