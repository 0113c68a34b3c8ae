"""Bulk import of schools, staff and students: the page (upload, report) and the templates.

The view is thin: the form picks the kind and the file, ``imports.service`` does the rest."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from ..access import Action
from ..imports.downloads import CONTENT_TYPES, template_file
from ..imports.forms import ImportUploadForm
from ..imports.kinds import IMPORTERS, importer_for
from ..imports.report import ImportReport
from ..imports.service import MAX_ROWS, import_rows
from ..mixins import PartnershipMixin
from .base import PartnershipPage


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
        report = import_rows(
            partnership=self.partnership,
            kind=data["kind"],
            file=data["file"],
            by=self.request.user,
            academic_year=data["academic_year"],
        )
        if not report.ok:
            for message in report.file_errors:
                form.add_error("file", message)
            return self.render_to_response(self.get_context_data(form=form, report=report))
        messages.success(self.request, self._success_message(report))
        if report.ignored_columns:
            messages.warning(
                self.request,
                _("These columns were not recognised and have been ignored: %(columns)s.")
                % {"columns": ", ".join(report.ignored_columns)},
            )
        return redirect("partnerships:import", partnership=self.partnership.slug)

    def _success_message(self, report: ImportReport):
        text = ngettext(
            "%(rows)s row imported: %(created)s new, %(updated)s updated.",
            "%(rows)s rows imported: %(created)s new, %(updated)s updated.",
            report.rows,
        ) % {"rows": report.rows, "created": report.created, "updated": report.updated}
        url = reverse(IMPORTERS[report.kind].list_url_name, args=[self.partnership.slug])
        return format_html('{} <a href="{}">{}</a>', text, url, _("Show the list."))

    def get_context_data(self, **kwargs):
        kinds = [self._describe(kind) for kind in IMPORTERS]
        return super().get_context_data(**kwargs) | {"kinds": kinds, "max_rows": MAX_ROWS}

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
