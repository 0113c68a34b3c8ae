"""Importing a file: read it, check every row, and save all rows in one transaction — or
nothing at all when one row is wrong or the database fails half-way.

A file of at most ``SYNC_ROWS`` rows is imported inside the request (``start_import``); a larger
one becomes an ``ImportJob`` that a Celery task checks and saves (``imports.jobs``), the same
way, while the page shows its progress (issue 13, item 5). Reading is bounded either way
(``readers``: unpacked size, rows and columns, a deadline)."""

import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from .. import outbox
from ..models import ImportJob, Partnership, Person
from .base import Importer
from .columns import Cells, Layout, Row, match_columns
from .kinds import importer_for
from .readers import ImportFileError, Table, read_table
from .report import ImportReport, RowError

logger = logging.getLogger(__name__)
MAX_ROWS = 5000
SYNC_ROWS = 300  # more rows than this: checked and saved in the background
PROGRESS_EVERY = 100
Progress = Callable[[str, int], None]  # (stage: "checking" | "saving", rows checked)


class _RowNotSaved(Exception):
    """A row that passed the checks but failed on saving (someone changed data meanwhile)."""

    def __init__(self, row: Row, error: ValidationError):
        super().__init__(row.number)
        self.row = row
        self.error = error


def start_import(
    *,
    partnership: Partnership,
    kind: str,
    file,
    by: Person,
    academic_year: int | None = None,
    language: str = "",
) -> ImportReport | ImportJob:
    """Import a small file now (the report), or queue a large one (the job to follow)."""
    importer = importer_for(kind, partnership=partnership, academic_year=academic_year)
    report = ImportReport(kind=kind)
    table = _read(importer, file, report)
    if table is None or len(table.rows) <= SYNC_ROWS:
        return _import_table(importer, table, report, by=by) if table else report
    file.seek(0)
    with transaction.atomic():
        job = ImportJob.objects.create(
            partnership=partnership,
            kind=kind,
            academic_year=academic_year,
            file_name=(file.name or "")[:255],
            content=file.read(),
            created_by=by,
            rows=len(table.rows),
            language=language,
        )
        outbox.enqueue("partnerships.tasks.run_import", job.pk)
    return job


def import_rows(
    *,
    partnership: Partnership,
    kind: str,
    file,
    by: Person,
    academic_year: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``file`` (an uploaded XLSX or CSV) as rows of ``kind`` into ``partnership``.

    ``academic_year`` (its start year) is the school year of pupil numbers; default the current.
    The report holds the counts, or the errors, in which case nothing has been saved.
    ``progress`` is told every ``PROGRESS_EVERY`` rows checked and when saving starts."""
    importer = importer_for(kind, partnership=partnership, academic_year=academic_year)
    report = ImportReport(kind=kind)
    table = _read(importer, file, report)
    if table is None:
        return report
    return _import_table(importer, table, report, by=by, progress=progress)


def _read(importer: Importer, file, report: ImportReport) -> Table | None:
    try:
        table = read_table(file, max_rows=MAX_ROWS)
        match_columns(table.headings, importer.columns)  # unknown headings fail early
    except ImportFileError as exc:
        report.file_errors.append(exc.message)
        return None
    return table


def check_file(
    *, partnership: Partnership, kind: str, file, academic_year: int | None = None
) -> tuple[ImportReport, list]:
    """Read and check every row without saving anything: the report (file errors, row errors,
    ignored columns) and the checked records, for a check page before the import."""
    importer = importer_for(kind, partnership=partnership, academic_year=academic_year)
    report = ImportReport(kind=kind)
    table = _read(importer, file, report)
    if table is None:
        return report, []
    layout, checked = _check_table(importer, table, report)
    return report, [record for _row, record in checked]


def _check_table(importer: Importer, table: Table, report: ImportReport, progress=None):
    layout = match_columns(table.headings, importer.columns)
    report.ignored_columns = layout.ignored
    rows = [layout.row(number, values) for number, values in table.rows]
    report.rows = len(rows)
    return layout, _check_rows(importer, rows, layout, report, progress)


def _import_table(
    importer: Importer,
    table: Table,
    report: ImportReport,
    *,
    by: Person,
    progress: Progress | None = None,
) -> ImportReport:
    kind, partnership = importer.kind, importer.partnership
    layout, checked = _check_table(importer, table, report, progress)
    if report.errors:
        return report
    if progress:
        progress(ImportJob.Status.SAVING, report.rows)
    try:
        report.created, report.updated = _save_rows(importer, checked)
    except _RowNotSaved as exc:
        report.errors.extend(_save_errors(importer, layout, exc))
    except DatabaseError:
        logger.exception("Import of %s into %s failed; rolled back", kind, partnership.slug)
        report.file_errors.append(_("Saving failed, so nothing has been saved. Please try again."))
    else:
        logger.info(
            "Import of %s into %s by person %s: %s created, %s updated",
            kind,
            partnership.slug,
            by.pk,
            report.created,
            report.updated,
        )
    return report


def _check_rows(
    importer: Importer,
    rows: list[Row],
    layout: Layout,
    report: ImportReport,
    progress: Progress | None = None,
):
    importer.prepare(rows)
    first_rows: dict[tuple, int] = {}
    checked = []
    for index, row in enumerate(rows):
        if progress and index % PROGRESS_EVERY == 0:
            progress(ImportJob.Status.CHECKING, index)
        cells = Cells(row)
        cells.check_required(importer.columns)
        result = importer.check(cells)
        for duplicate in result.duplicates:
            first = first_rows.setdefault((duplicate.key, duplicate.value), row.number)
            if first != row.number:
                cells.add(duplicate.key, str(duplicate.message) % {"row": first})
        # In the order of the file's columns; errors about the row as a whole last.
        errors = sorted(cells.errors, key=lambda error: _position(layout, error[0]))
        report.errors.extend(
            RowError(row.number, _heading(importer, layout, key), message)
            for key, message in errors
        )
        if not cells.errors:
            checked.append((row, result.record))
    return checked


def _save_rows(importer: Importer, checked) -> tuple[int, int]:
    created = updated = 0
    with transaction.atomic():
        for row, record in checked:
            try:
                is_new = importer.save(record)
            except ValidationError as exc:
                raise _RowNotSaved(row, exc) from exc
            created += is_new
            updated += not is_new
    return created, updated


def _save_errors(importer: Importer, layout: Layout, exc: _RowNotSaved) -> list[RowError]:
    cells = Cells(exc.row)
    if hasattr(exc.error, "error_dict"):
        cells.add_model_errors(exc.error)
    else:
        for message in exc.error.messages:
            cells.add("", message)
    return [
        RowError(exc.row.number, _heading(importer, layout, key), message)
        for key, message in cells.errors
    ]


def _position(layout: Layout, key: str) -> int:
    return layout.positions.get(key, max(layout.positions.values(), default=0) + 1)


def _heading(importer: Importer, layout: Layout, key: str) -> str:
    """The column's heading as the file has it, so the user finds it back."""
    if key in layout.headings:
        return layout.headings[key]
    column = importer.column(key)
    return str(column.heading) if column else ""
