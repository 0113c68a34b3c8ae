"""Running a queued ``ImportJob`` (the Celery task ``partnerships.tasks.run_import``).

The job is claimed once: a task that finds it already claimed does nothing, unless the claim is
older than the task's hard time limit (the worker that claimed it died; its transaction was
rolled back, so running it again cannot save anything twice). Progress is written to the job
while the rows are checked; the save is one transaction, as in the request."""

import datetime
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import ImportJob
from .report import ImportReport, RowError
from .service import import_rows

logger = logging.getLogger(__name__)
TIME_LIMIT_S = 600
SOFT_TIME_LIMIT_S = 540


def _claim(job_id: int) -> ImportJob | None:
    stale = timezone.now() - datetime.timedelta(seconds=TIME_LIMIT_S)
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update()
            .filter(
                Q(status=ImportJob.Status.QUEUED)
                | Q(status__in=ImportJob.ACTIVE, started_at__lt=stale),
                pk=job_id,
            )
            .first()
        )
        if job is None:
            return None
        job.status = ImportJob.Status.CHECKING
        job.started_at = timezone.now()
        job.checked = 0
        job.save(update_fields=["status", "started_at", "checked"])
    return job


def run_job(job_id: int) -> str:
    job = _claim(job_id)
    if job is None:
        return "skipped"

    def progress(stage: str, checked: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(status=stage, checked=checked)

    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            report = import_rows(
                partnership=job.partnership,
                kind=job.kind,
                file=ContentFile(bytes(job.content), name=job.file_name or "import"),
                by=job.created_by,
                academic_year=job.academic_year,
                progress=progress,
            )
        except SoftTimeLimitExceeded:
            logger.warning("Import job %s ran out of time; nothing saved", job.pk)
            report = ImportReport(kind=job.kind, rows=job.rows)
            report.file_errors.append(
                _("The import took too long, so nothing has been saved. Split the file.")
            )
    _finish(job, report)
    return job.status


def _finish(job: ImportJob, report: ImportReport) -> None:
    job.status = ImportJob.Status.DONE if report.ok else ImportJob.Status.FAILED
    job.rows = report.rows or job.rows
    job.checked = job.rows if report.ok else job.checked
    job.created, job.updated = report.created, report.updated
    job.file_errors = [str(message) for message in report.file_errors]
    job.errors = [
        {"row": e.row, "column": str(e.column), "message": str(e.message)} for e in report.errors
    ]
    job.ignored_columns = [str(column) for column in report.ignored_columns]
    job.content = b""  # the upload is not kept once the job has finished
    job.finished_at = timezone.now()
    job.save()


def report_of(job: ImportJob) -> ImportReport:
    """The job's outcome as the report the import page shows."""
    return ImportReport(
        kind=job.kind,
        rows=job.rows,
        created=job.created,
        updated=job.updated,
        file_errors=list(job.file_errors),
        errors=[RowError(e["row"], e["column"], e["message"]) for e in job.errors],
        ignored_columns=list(job.ignored_columns),
    )
