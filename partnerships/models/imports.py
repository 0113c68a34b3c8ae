from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """A large bulk import, checked and saved by a Celery task (``partnerships.tasks.run_import``)
    while the page polls its progress (issue 13, item 5). Still all-or-nothing: every row is
    checked first and all rows are saved in one transaction, or none. The uploaded file is kept
    in ``content`` until the job has finished."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        CHECKING = "checking", _("Checking the rows")
        SAVING = "saving", _("Saving")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    ACTIVE = (Status.QUEUED, Status.CHECKING, Status.SAVING)

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="import_jobs"
    )
    kind = models.CharField(_("kind"), max_length=30)
    academic_year = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=10, blank=True)  # of the messages in the report
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    content = models.BinaryField(editable=False, default=b"")
    created_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows = models.PositiveIntegerField(default=0)  # rows with data in the file
    checked = models.PositiveIntegerField(default=0)  # rows checked so far (the progress)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    file_errors = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)  # [{"row", "column", "message"}]
    ignored_columns = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.checked / self.rows)) if self.rows else 0
