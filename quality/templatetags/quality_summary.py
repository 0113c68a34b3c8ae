"""``{% summary_html summary heading %}``: ``quality/results/_summary.html`` rendered once per
summary. That template renders from the summary alone (no request, no user), so its HTML is
cached under a digest of the summary, the heading level and the language: the results page and
a report's sections show the same closed rounds to many readers."""

import hashlib
import json

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

SUMMARY_HTML_SECONDS = 60 * 60


@register.simple_tag
def summary_html(summary: dict, heading: int = 2):
    digest = json.dumps([summary, heading, get_language()], sort_keys=True, default=str)
    key = "quality:summary-html:" + hashlib.sha256(digest.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "quality/results/_summary.html", {"summary": summary, "heading": heading}
        )
        cache.set(key, html, SUMMARY_HTML_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)


@register.simple_tag(takes_context=True)
def report_data_html(context, key: str, h: int = 3):
    """A report section's frozen numbers (``quality/reports/_data.html``, folded as on the page)
    rendered once per report: a report's data is frozen when it is drafted and never changes,
    so the HTML is cached per report, its drafting time, the section, the heading level and the
    language."""
    report, data = context["report"], context["data"]
    stamp = report.drafted_at.isoformat() if report.drafted_at else ""
    cache_key = f"quality:report-data:{report.pk}:{stamp}:{key}:{h}:{get_language()}"
    html = cache.get(cache_key)
    if html is None:
        html = render_to_string(
            "quality/reports/_data.html",
            {"key": key, "data": data, "h": h, "fold_open": False, "report": report},
        )
        cache.set(cache_key, html, SUMMARY_HTML_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)
