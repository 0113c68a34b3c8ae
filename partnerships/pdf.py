"""The one PDF helper: an HTML template rendered to PDF bytes with WeasyPrint, in a language.

Print templates extend ``print/base.html`` (A4, page numbers, the partnership's name); the same
context as the page is passed, so the PDF shows what the page shows."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # "Step 1 … Step 7" per PDF


def render_to_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    from weasyprint import HTML  # imported lazily: heavy, and only needed for documents

    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
