from django.utils import translation

from partnerships.pdf import render_to_pdf


def test_render_to_pdf_gives_a_pdf_in_the_requested_language(tmp_path):
    pdf = render_to_pdf("print/base.html", {"partnership": {"name": "HOS"}}, language="en")
    assert pdf.startswith(b"%PDF-")
    assert translation.get_language() == "nl"  # the override does not leak
