"""Bulk import of schools, staff and students (being written)."""

from django.http import HttpResponse

from ..access import Action
from .base import PartnershipPage


class ImportView(PartnershipPage):
    action = Action.IMPORT_DATA
    nav_section = "import"
    template_name = "partnerships/dashboard.html"


class ImportTemplate(PartnershipPage):
    action = Action.IMPORT_DATA

    def get(self, request, *args, **kwargs):
        return HttpResponse(b"")
