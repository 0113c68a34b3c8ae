"""Template tags that draw the survey charts of ``quality.charts`` from a results summary.

They read only the summary dict (no request, no user), so the same SVG appears in the results
page, the report page and the PDFs."""

from django import template
from django.utils import formats
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import charts

register = template.Library()


def _number(value) -> str:
    return "–" if value is None else formats.number_format(value, 1)


@register.simple_tag
def distribution_chart(stats: dict, label: str = "", legend: bool = True, numbers: bool = True):
    """A stacked bar of a 1–5 question's answers, "?" for don't know (``legend=False``: without
    the colours' legend; ``numbers=False``: without the counts in the segments, for the report
    PDF, which prints them in the row above under headings in the bars' colours)."""
    text = _("Answers from 1 to 5 and don't know (?)") + (f": {label}" if label else "")
    return mark_safe(
        charts.distribution_bar(
            stats["counts"], stats["dont_know"], label=text, legend=legend, numbers=numbers
        )
    )


@register.simple_tag
def scale_column_heads():
    """The column headings 1–5 and "?" of the report PDF's answer tables, each underlined in the
    colour of its segment in the distribution bars: the bars' legend, at no cost in charts."""
    return format_html_join(
        "",
        '<th scope="col" class="num w-v" style="border-bottom: 2.5pt solid {}">{}</th>',
        ((fill, value) for value, (fill, _ink) in charts.SCALE_COLOURS.items()),
    )


@register.simple_tag
def gap_chart(areas: list):
    """Desired against actual situation per quality area (KOOS)."""
    rows = [(area["label"], area["desired"], area["actual"]) for area in areas]
    return mark_safe(
        charts.gap_bars(
            rows,
            label=_("Desired and actual situation per quality area"),
            desired=_("desired"),
            actual=_("actual"),
            number=_number,
        )
    )


@register.simple_tag
def trend_chart(points: list, label: str = ""):
    """Means of the same question in this and earlier rounds, oldest first."""
    text = _("Mean over rounds") + (f": {label}" if label else "")
    return mark_safe(
        charts.trend_line([(p["label"], p["mean"]) for p in points], label=text, number=_number)
    )


@register.simple_tag
def trend_spark(points: list, label: str = ""):
    """The report PDF's small trend line beside the means per round (no text in the chart)."""
    text = _("Mean over rounds") + (f": {label}" if label else "")
    return mark_safe(charts.trend_spark([p["mean"] for p in points], label=text))


@register.filter
def percent(share) -> str:
    """A share (0–1) as a whole percentage; "–" when there is none."""
    if share is None:
        return "–"
    return f"{formats.number_format(share * 100, 0)}%"


@register.filter
def one_decimal(value) -> str:
    return _number(value)


@register.filter
def question_runs(questions: list) -> list[dict]:
    """A section's questions in order, consecutive 1–5 questions (and consecutive double-scale
    ones) together: the report PDF prints each such run as one table, a row per question, instead
    of a table per question (WeasyPrint lays out a few long tables much faster than many short
    ones). Other kinds stand alone. ``[{"kind": …, "questions": […]}, …]``"""
    runs: list[dict] = []
    for q in questions:
        kind = q["kind"] if q["kind"] in ("scale", "double_scale") else None
        if kind and runs and runs[-1]["kind"] == kind:
            runs[-1]["questions"].append(q)
        else:
            runs.append({"kind": kind or q["kind"], "questions": [q]})
    return runs
