import base64
import gc
import re

import pytest
from django.utils import translation

from partnerships.pdf import render_to_pdf, svg_as_images

CHART = (  # as quality.charts draws one
    '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Vraag &lt;1&gt; &amp; co" '
    'width="360" height="46" viewBox="0 0 360 46" class="chart-svg" font-size="11">'
    '<title>Vraag &lt;1&gt; &amp; co</title><rect x="0" y="0" width="360" height="24"/>'
    '<text x="4" y="16">10</text></svg>'
)


def test_render_to_pdf_gives_a_pdf_in_the_requested_language(tmp_path):
    pdf = render_to_pdf("print/base.html", {"partnership": {"name": "HOS"}}, language="en")
    assert pdf.startswith(b"%PDF-")
    assert translation.get_language() == "nl"  # the override does not leak


def test_charts_reach_weasyprint_as_the_same_svg_in_an_image():
    html = svg_as_images(f"<p>voor</p><div class='chart'>{CHART}</div><p>na</p>")
    assert "<svg" not in html and "<p>voor</p>" in html and "<p>na</p>" in html
    img = re.search(r"<img [^>]*>", html).group(0)
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', img).group(1)
    assert base64.b64decode(data).decode() == CHART  # the picture itself is unchanged
    assert 'class="chart-svg"' in img and 'width="360"' in img and 'height="46"' in img
    assert 'alt="Vraag &lt;1&gt; &amp; co"' in img  # the text alternative, still escaped


def test_an_svg_that_is_not_a_document_of_its_own_stays_inline():
    html = '<svg width="10" height="10"><use href="#icon"/></svg>'
    assert svg_as_images(html) == html


def test_the_collector_runs_again_after_a_pdf_even_when_it_fails(monkeypatch):
    def broken(*args, **kwargs):
        assert not gc.isenabled()  # paused while WeasyPrint lays the document out
        raise RuntimeError("layout failed")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", broken)
    with pytest.raises(RuntimeError):
        render_to_pdf("print/base.html", {"partnership": {"name": "HOS"}})
    assert gc.isenabled()
