"""The report reads like a report (issue 14, item 8): a table of contents whose anchors all
resolve, sections that fold (open), survey rounds folded on the page and unfolded in the PDF,
every chart with its numbers beside it, and dates in the one format ("7 december 2026")."""

import datetime
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from quality.charts import SCALE_COLOURS
from quality.services import reports as services
from tests.factories import academic_year
from tests.quality.reports_world import closed_round
from tests.quality.test_charts import assert_inside_viewbox

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """The ids, the table of contents' links, the <details> and the chart blocks of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.toc: list[str] = []
        self.details: list[dict] = []
        self.charts = 0
        self._in_toc = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "nav" and "report-toc" in (a.get("class") or ""):
            self._in_toc = 1
        elif tag == "nav" and self._in_toc:
            self._in_toc += 1
        if tag == "a" and self._in_toc:
            self.toc.append(a["href"])
        if tag == "details":
            self.details.append(a)
        if tag == "div" and "chart-with-numbers" in (a.get("class") or "").split():
            self.charts += 1

    def handle_endtag(self, tag):
        if tag == "nav" and self._in_toc:
            self._in_toc -= 1


@pytest.fixture
def report(world):
    year = academic_year()
    closed_round(world.a, half=1, year=year, title="Studentenenquête januari")
    closed_round(world.a, half=1, year=year, title="Studentenenquête juni")
    report, _created = services.report_draft(
        partnership=world.a,
        academic_year=year,
        kind="half_year",
        half=1,
        today=datetime.date(2026, 12, 7),
    )
    return report


def test_the_report_page_has_a_table_of_contents_whose_anchors_resolve(client, world, report):
    client.force_login(world["programmamanager"])
    with translation.override("nl"):
        response = client.get(reverse("quality:report_detail", args=[world.a.slug, report.pk]))
    html = response.content.decode()
    page = Page(html)
    assert len(page.ids) == len(set(page.ids)), "every id once"
    sections = [f"#section-{s.key}" for s in report.sections.order_by("order")]
    rounds = [f"#round-{r['id']}" for r in report.data["rounds"]]
    assert len(rounds) == 2
    # the rounds sit under "results", after the summary and the targets
    assert sections[2] == "#section-results"
    assert page.toc == [*sections[:3], *rounds, *sections[3:], "#proposed", "#comments"]
    missing = [href for href in page.toc if href[1:] not in page.ids]
    assert missing == []
    assert "Inhoud" in html  # the heading of the table of contents, in Dutch

    # Every section folds and is open; the survey rounds are folded on the page.
    rounds_folds = [d for d in page.details if d.get("id", "").startswith("round-")]
    section_folds = [
        d for d in page.details if d not in rounds_folds and "report-fold" in d.get("class", "")
    ]
    assert len(section_folds) == len(sections)
    assert all("open" in d for d in section_folds)
    assert len(rounds_folds) == 2 and not any("open" in d for d in rounds_folds)
    # Every chart has its numbers beside it: an SVG and a table in one block.
    assert page.charts >= 1
    for block in html.split('<div class="chart-with-numbers">')[1:]:
        chart, numbers = block.split('<div class="numbers">', 1)
        assert '<div class="chart"><svg' in chart and "<table" in numbers.split("</div>")[0]


def test_the_pdf_template_unfolds_everything_and_has_the_contents(world, report):
    from django.template.loader import render_to_string

    from quality.selectors.reports import report_document

    context = {**report_document(report), "draft": True, "printed_at": timezone.now()}
    with translation.override("nl"):
        html = render_to_string("quality/print/report.html", context)
    page = Page(html.replace('class="toc"', 'class="report-toc"'))
    assert page.toc and all(href[1:] in page.ids for href in page.toc)
    assert page.details and all("open" in d for d in page.details)
    assert "7 december 2026" in html  # numbers as of the drafting day


def test_report_charts_keep_their_labels_inside(client, world, report):
    client.force_login(world["programmamanager"])
    html = client.get(reverse("quality:report_detail", args=[world.a.slug, report.pk])).content
    html = html.decode()
    starts = [i for i in range(len(html)) if html.startswith("<svg", i)]
    svgs = [html[i : html.index("</svg>", i) + 6] for i in starts]
    assert svgs
    for svg in svgs:
        ET.fromstring(svg)
        assert_inside_viewbox(svg)


def test_dates_read_as_7_december_2026(client, world, report):
    client.force_login(world["programmamanager"])
    with translation.override("nl"):
        html = client.get(
            reverse("quality:report_detail", args=[world.a.slug, report.pk])
        ).content.decode()
    assert "7 december 2026" in html  # the draft's date
    r = report.data["rounds"][0]
    opens = datetime.date.fromisoformat(r["opens_on"])
    assert r["opens_on"] not in html  # no ISO date printed for reading
    from django.utils.formats import date_format

    with translation.override("nl"):
        assert date_format(opens) in html


def test_the_pdf_shows_every_question_and_chart_of_the_page(client, world, report):
    """The report PDF lays the results out its own way (quality/print/_summary.html: a table per
    run of questions, issue 15 item 7), but shows the same questions, numbers and charts."""
    from html import escape

    from django.template.loader import render_to_string
    from django.utils.translation import gettext

    from quality.selectors.reports import report_document

    client.force_login(world["programmamanager"])
    page = client.get(reverse("quality:report_detail", args=[world.a.slug, report.pk]))
    page = page.content.decode()
    context = {**report_document(report), "draft": True, "printed_at": timezone.now()}
    pdf_html = render_to_string("quality/print/report.html", context)
    # the same charts: each distribution bar again (without the counts in it: they are in the
    # row above, under headings underlined in the bars' colours), each trend line as a small line
    # beside its means per round
    assert pdf_html.count("<svg") == page.count("<svg") >= 2
    assert pdf_html.count('class="chart-svg chart-spark"') == page.count(
        f'aria-label="{escape(gettext("Mean over rounds"))}'
    )
    for value, (fill, _ink) in SCALE_COLOURS.items():
        assert f'style="border-bottom: 2.5pt solid {fill}">{value}</th>' in pdf_html
    questions = [
        (r["id"], q)
        for r in report.data["rounds"]
        for s in r["summary"]["sections"]
        for q in s["questions"]
    ]
    assert questions
    for round_id, q in questions:
        assert f'id="round-{round_id}-question-{q["id"]}"' in pdf_html
        assert q["text"] in pdf_html
        if q["kind"] == "scale" and q["shown"]:
            row = pdf_html.split(f'id="round-{round_id}-question-{q["id"]}"', 1)[1]
            row = row.split("</tr>", 1)[0]
            cells = [*q["stats"]["counts"], q["stats"]["dont_know"], q["stats"]["answered"]]
            assert [f'<td class="num">{c}</td>' in row for c in cells] == [True] * len(cells)


def test_question_runs_group_consecutive_scale_and_double_questions():
    from quality.templatetags.quality_charts import question_runs

    kinds = ["scale", "scale", "single", "scale", "double_scale", "double_scale", "open", "open"]
    runs = question_runs([{"id": i, "kind": k} for i, k in enumerate(kinds)])
    assert [(r["kind"], [q["id"] for q in r["questions"]]) for r in runs] == [
        ("scale", [0, 1]),
        ("single", [2]),
        ("scale", [3]),
        ("double_scale", [4, 5]),
        ("open", [6]),
        ("open", [7]),
    ]


def test_the_frozen_numbers_are_rendered_once_and_read_as_rendered(client, world, report):
    """The page renders each section's frozen numbers once per report ({% report_data_html %}):
    a second view shows the same HTML, which is what quality/reports/_data.html renders."""
    from django.template.loader import render_to_string

    from quality.selectors.reports import report_document

    client.force_login(world["programmamanager"])
    page = reverse("quality:report_detail", args=[world.a.slug, report.pk])
    first, again = client.get(page).content.decode(), client.get(page).content.decode()
    document = report_document(report)
    for section in document["sections"]:
        if section.key == "conclusions":
            continue
        numbers = render_to_string(
            "quality/reports/_data.html",
            {**document, "key": section.key, "h": 3, "fold_open": False},
        )
        assert numbers.strip() and numbers in first and numbers in again, section.key
