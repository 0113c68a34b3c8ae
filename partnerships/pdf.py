"""The one PDF helper: an HTML template rendered to PDF bytes with WeasyPrint, in a language.

Print templates extend ``print/base.html`` (A4, page numbers, the partnership's name); the same
context as the page is passed, so the PDF shows what the page shows.

What makes WeasyPrint fast here (tests/benchmarks/RESULTS.md, issue 15): inline SVG charts are
handed over as ``<img>`` data URIs (WeasyPrint's HTML parser and cascade are pure Python and
otherwise walk every ``<rect>`` and ``<text>`` of every chart; the picture is the same), Python's
cyclic garbage collector pauses while a document is laid out (it would otherwise traverse the
hundreds of thousands of boxes again and again), and the machine has HarfBuzz-Subset
(``scripts/deps.sh``) so fonts are not subset in pure Python."""

import base64
import gc
import logging
import re
from contextlib import contextmanager

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # "Step 1 … Step 7" per PDF

INLINE_SVG = re.compile(r"<svg\b(?P<attrs>[^>]*)>.*?</svg>", re.DOTALL)
SVG_ATTR = re.compile(r'\b(?P<name>class|width|height|aria-label)="(?P<value>[^"]*)"')


def _svg_as_image(match: re.Match) -> str:
    """One inline ``<svg>`` as an ``<img>`` with the same class, size and text alternative."""
    attrs = {m["name"]: m["value"] for m in SVG_ATTR.finditer(match["attrs"])}
    if "xmlns=" not in match["attrs"]:
        return match[0]  # not a standalone SVG document: leave it inline
    data = base64.b64encode(match[0].encode()).decode("ascii")
    extra = "".join(
        f' {name}="{attrs[key]}"'
        for name, key in (("class", "class"), ("width", "width"), ("height", "height"))
        if key in attrs
    )
    alt = attrs.get("aria-label", "")  # still escaped as it was in the HTML
    return f'<img src="data:image/svg+xml;base64,{data}"{extra} alt="{alt}">'


def svg_as_images(html: str) -> str:
    return INLINE_SVG.sub(_svg_as_image, html)


@contextmanager
def _collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_to_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    from weasyprint import HTML  # imported lazily: heavy, and only needed for documents

    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        html = svg_as_images(render_to_string(template, context))
    with _collector_paused():
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
