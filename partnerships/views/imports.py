"""Bulk import of schools, staff and students: the page (upload, report) and the templates.

The view is thin: the form picks the kind and the file, ``imports.service`` does the rest. A
large file becomes an ``ImportJob`` checked and saved in the background; its page polls the
progress with htmx and shows the outcome as the import page does (issue 13, item 5)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.generic import FormView

from .. import outbox
from ..access import Action
from ..imports.downloads import CONTENT_TYPES, template_file
from ..imports.forms import ImportUploadForm
from ..imports.jobs import report_of
from ..imports.kinds import IMPORTERS, importer_for
from ..imports.report import ImportReport
from ..imports.service import MAX_ROWS, SYNC_ROWS, check_file, start_import
from ..mixins import PartnershipMixin
from ..models import ImportJob
from .base import PartnershipPage
from .import_check import stash


class ImportView(PartnershipMixin, FormView):
    action = Action.IMPORT_DATA
    nav_section = "import"
    template_name = "partnerships/import.html"
    form_class = ImportUploadForm

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind if kind in IMPORTERS else "schools"}

    def form_valid(self, form):
        data = form.cleaned_data
        if IMPORTERS[data["kind"]].needs_check:
            return self.check_first(form)
        report = start_import(
            partnership=self.partnership,
            kind=data["kind"],
            file=data["file"],
            by=self.request.user,
            academic_year=data["academic_year"],
            language=get_language() or "",
        )
        if isinstance(report, ImportJob):
            return redirect(
                "partnerships:import_job", partnership=self.partnership.slug, pk=report.pk
            )
        if not report.ok:
            for message in report.file_errors:
                form.add_error("file", message)
            return self.render_to_response(self.get_context_data(form=form, report=report))
        messages.success(self.request, success_message(report, self.partnership))
        if report.ignored_columns:
            messages.warning(self.request, ignored_message(report))
        return redirect("partnerships:import", partnership=self.partnership.slug)

    def check_first(self, form):
        """Kinds with a check page: a file with errors is reported here as usual; a good one
        waits in the session while the check page shows what it will change."""
        data = form.cleaned_data
        report, _records = check_file(
            partnership=self.partnership,
            kind=data["kind"],
            file=data["file"],
            academic_year=data["academic_year"],
        )
        if report.ok and not stash(self.request, self.partnership, **data):
            report.file_errors.append(
                _("The file is too large to check; split it into smaller files.")
            )
        if not report.ok:
            for message in report.file_errors:
                form.add_error("file", message)
            return self.render_to_response(self.get_context_data(form=form, report=report))
        return redirect("partnerships:import_check", partnership=self.partnership.slug)

    def get_context_data(self, **kwargs):
        kinds = [self._describe(kind) for kind in IMPORTERS]
        return super().get_context_data(**kwargs) | {
            "kinds": kinds,
            "max_rows": MAX_ROWS,
            "sync_rows": SYNC_ROWS,
        }

    def _describe(self, kind: str) -> dict:
        importer = importer_for(kind, partnership=self.partnership)
        examples = importer.examples()
        slug = self.partnership.slug
        return {
            "kind": kind,
            "label": importer.label,
            "description": importer.description,
            "columns": [(column, examples.get(column.key, "")) for column in importer.columns],
            "notes": importer.notes(),
            "templates": [
                (fmt.upper(), reverse("partnerships:import_template", args=[slug, kind, fmt]))
                for fmt in CONTENT_TYPES
            ],
        }


def success_message(report: ImportReport, partnership):
    text = ngettext(
        "%(rows)s row imported: %(created)s new, %(updated)s updated.",
        "%(rows)s rows imported: %(created)s new, %(updated)s updated.",
        report.rows,
    ) % {"rows": report.rows, "created": report.created, "updated": report.updated}
    url = reverse(IMPORTERS[report.kind].list_url_name, args=[partnership.slug])
    return format_html('{} <a href="{}">{}</a>', text, url, _("Show the list."))


def ignored_message(report: ImportReport) -> str:
    return _("These columns were not recognised and have been ignored: %(columns)s.") % {
        "columns": ", ".join(report.ignored_columns)
    }


class ImportJobView(PartnershipPage):
    """A large import's progress (polled with htmx while it runs), then its outcome."""

    action = Action.IMPORT_DATA
    nav_section = "import"
    template_name = "partnerships/import_job.html"

    def get(self, request, *args, **kwargs):
        self.job = get_object_or_404(ImportJob, partnership=self.partnership, pk=kwargs["pk"])
        if request.htmx and request.GET.get("poll"):
            if self.job.active:
                return self.response_class(
                    request, "partnerships/import_job.html#job_status", self._status()
                )
            return HttpResponse(headers={"HX-Refresh": "true"})
        return super().get(request, *args, **kwargs)

    def _status(self) -> dict:
        job = self.job
        return {
            "job": job,
            "partnership": self.partnership,
            "poll": job.active,
            "waiting": job.status == ImportJob.Status.QUEUED
            and outbox.waiting("partnerships.tasks.run_import", job.pk),
            "waiting_message": outbox.WAITING_MESSAGE,
        }

    def get_context_data(self, **kwargs):
        job = self.job
        report = report_of(job)
        context = super().get_context_data(**kwargs) | self._status()
        context["kind_label"] = IMPORTERS[job.kind].label if job.kind in IMPORTERS else job.kind
        context["report"] = report
        if job.status == ImportJob.Status.DONE:
            context["success"] = success_message(report, self.partnership)
            if report.ignored_columns:
                context["ignored"] = ignored_message(report)
        return context


class ImportTemplate(PartnershipPage):
    action = Action.IMPORT_DATA

    def get(self, request, *args, **kwargs):
        kind, fmt = kwargs["kind"], kwargs["fmt"]
        if kind not in IMPORTERS or fmt not in CONTENT_TYPES:
            raise Http404
        content = template_file(importer_for(kind, partnership=self.partnership), fmt)
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="import-{kind}.{fmt}"'
        return response
