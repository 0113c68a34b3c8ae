"""The check page before an import of a kind that asks for one (``Importer.needs_check``, e.g.
schools from DUO): which organisations will be added and what changes for the others, then
"Import" saves it all — or nothing — through the same service as every import.

Between the upload and the confirmation the file waits in the session, compressed; a file too
large for that is refused with a request to split it."""

import base64
import zlib

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..access import Action
from ..imports.kinds import IMPORTERS, importer_for
from ..imports.service import check_file, start_import
from ..models import ImportJob
from .base import PartnershipPage

SESSION_KEY = "import_check"
MAX_STASHED = 2 * 1024 * 1024  # bytes after compression


def stash(request, partnership, *, kind: str, file, academic_year) -> bool:
    """Keep the checked file for the confirmation; False when it is too large for that."""
    file.seek(0)
    packed = zlib.compress(file.read())
    if len(packed) > MAX_STASHED:
        return False
    request.session[SESSION_KEY] = {
        "partnership": partnership.pk,
        "kind": kind,
        "name": file.name or "",
        "academic_year": academic_year,
        "content": base64.b64encode(packed).decode(),
    }
    return True


def _stashed(request, partnership):
    data = request.session.get(SESSION_KEY)
    if not data or data.get("partnership") != partnership.pk or data["kind"] not in IMPORTERS:
        return None, None
    content = zlib.decompress(base64.b64decode(data["content"]))
    return data, SimpleUploadedFile(data["name"], content)


class ImportCheck(PartnershipPage):
    action = Action.IMPORT_DATA
    nav_section = "import"
    template_name = "partnerships/import_check.html"

    def get(self, request, *args, **kwargs):
        data, file = _stashed(request, self.partnership)
        if data is None:
            return redirect("partnerships:import", partnership=self.partnership.slug)
        report, records = check_file(
            partnership=self.partnership,
            kind=data["kind"],
            file=file,
            academic_year=data["academic_year"],
        )
        importer = importer_for(data["kind"], partnership=self.partnership)
        importer.prepare([])
        changes = [importer.describe(record) for record in records]
        return self.render_to_response(
            self.get_context_data(
                report=report,
                file_name=data["name"],
                kind_label=importer.label,
                new=[c for c in changes if c.new],
                changed=[c for c in changes if not c.new and c.changes],
                unchanged=sum(1 for c in changes if not c.new and not c.changes),
            )
        )

    def post(self, request, *args, **kwargs):
        from .imports import ignored_message, success_message

        data, file = _stashed(request, self.partnership)
        if data is None:
            return redirect("partnerships:import", partnership=self.partnership.slug)
        report = start_import(
            partnership=self.partnership,
            kind=data["kind"],
            file=file,
            by=request.user,
            academic_year=data["academic_year"],
            language=get_language() or "",
        )
        del request.session[SESSION_KEY]
        slug = self.partnership.slug
        if isinstance(report, ImportJob):
            return redirect("partnerships:import_job", partnership=slug, pk=report.pk)
        if not report.ok:
            for message in report.file_errors:
                messages.error(request, message)
            messages.error(request, _("Nothing has been imported; upload the file again."))
            return redirect("partnerships:import", partnership=slug)
        messages.success(request, success_message(report, self.partnership))
        if report.ignored_columns:
            messages.warning(request, ignored_message(report))
        return redirect("partnerships:import", partnership=slug)
