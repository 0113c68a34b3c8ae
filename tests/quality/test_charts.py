"""The SVG charts (``quality.charts``) and their template tags."""

import xml.etree.ElementTree as ET

from django.template import Context, Template

from quality import charts

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str):
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{NS}title").text == root.get("aria-label")
    return root


def texts(root) -> list[str]:
    return [t.text for t in root.iter(f"{NS}text")]


def test_distribution_bar_widths_follow_the_counts_and_carry_their_numbers():
    root = parse(charts.distribution_bar([2, 0, 3, 10, 5], 4, label="Q <1> & co"))
    segments = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert [r.find(f"{NS}title").text for r in segments] == [
        "1: 2",
        "3: 3",
        "4: 10",
        "5: 5",
        "?: 4",
    ]
    widths = [float(r.get("width")) for r in segments]
    assert abs(sum(widths) - 360) < 0.1
    assert abs(widths[2] - 360 * 10 / 24) < 0.1
    assert "10" in texts(root) and "?" in texts(root)  # values and the legend as text
    assert root.get("aria-label") == "Q <1> & co"  # escaped in the source, intact when parsed


def test_distribution_bar_without_answers_is_an_empty_frame():
    root = parse(charts.distribution_bar([0, 0, 0, 0, 0], 0, label="empty"))
    assert all(r.find(f"{NS}title") is None for r in root.iter(f"{NS}rect"))


def test_gap_bars_write_both_values():
    root = parse(
        charts.gap_bars(
            [("climate", 4.5, 3.0), ("research", 4.0, None)],
            label="gaps",
            desired="desired",
            actual="actual",
        )
    )
    words = texts(root)
    assert "climate" in words and "d 4.5" in words and "a 3.0" in words and "a –" in words


def test_trend_line_skips_rounds_without_a_value():
    root = parse(charts.trend_line([("r1", 2.0), ("r2", None), ("r3", 4.0)], label="trend"))
    assert len(list(root.iter(f"{NS}circle"))) == 2
    assert not [ln for ln in root.iter(f"{NS}line") if ln.get("stroke-width") == "2"]
    assert "–" in texts(root) and "r2" in texts(root)
    root = parse(charts.trend_line([("r1", 2.0), ("r2", 3.0)], label="trend"))
    assert len([ln for ln in root.iter(f"{NS}line") if ln.get("stroke-width") == "2"]) == 1


def test_the_report_pdfs_charts_carry_no_text():
    """The report PDF's bars leave their counts to the table row above them, and its trend is a
    small line beside the means per round: no ``<text>`` for WeasyPrint to shape (issue 15)."""
    root = parse(
        charts.distribution_bar([2, 0, 3, 10, 5], 4, label="q", legend=False, numbers=False)
    )
    assert texts(root) == [] and len(list(root.iter(f"{NS}rect"))) == 1 + 5
    root = parse(charts.trend_spark([2.0, None, 4.0, 5.0], label="trend"))
    assert texts(root) == []
    dots = list(root.iter(f"{NS}circle"))
    assert len(dots) == 3  # the round without a value has no dot, and no line to it
    joins = [ln for ln in root.iter(f"{NS}line") if ln.get("stroke") == charts.DESIRED]
    assert len(joins) == 1
    ys = [float(d.get("cy")) for d in dots]
    assert ys[0] > ys[1] > ys[2]  # a higher mean stands higher
    root = parse(charts.trend_spark([1.0, 5.0], label="t"))
    width, height = float(root.get("width")), float(root.get("height"))
    for d in root.iter(f"{NS}circle"):
        x, y, r = (float(d.get(a)) for a in ("cx", "cy", "r"))
        assert r <= x <= width - r and r <= y <= height - r  # the extremes 1 and 5 stay whole


def test_text_colours_contrast_with_their_fills():
    def luminance(hex_colour):
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for fill, ink in charts.SCALE_COLOURS.values():
        a, b = sorted((luminance(fill), luminance(ink)), reverse=True)
        assert (a + 0.05) / (b + 0.05) >= 4.5, (fill, ink)


def test_template_tags_draw_from_summary_data():
    stats = {"counts": [1, 2, 3, 4, 5], "dont_know": 1}
    html = Template(
        "{% load quality_charts %}{% distribution_chart stats 'Q' %}{% trend_chart points %}"
        "{{ 0.254|percent }} {{ 3.25|one_decimal }}"
    ).render(Context({"stats": stats, "points": [{"label": "a", "mean": 3.0}]}))
    assert html.count("<svg") == 2 and "25%" in html
    assert "3.2" in html or "3,2" in html


def extents(root):
    """Every text's estimated box (x0, y0, x1, y1), from its anchor and font size."""
    default = float(root.get("font-size"))
    for t in root.iter(f"{NS}text"):
        size = float(t.get("font-size") or default)
        width = charts.text_width(t.text or "", size)
        x, y = float(t.get("x")), float(t.get("y"))
        x0 = {"middle": x - width / 2, "end": x - width}.get(t.get("text-anchor"), x)
        yield t.text, (x0, y - 0.8 * size, x0 + width, y + 0.25 * size)


def assert_inside_viewbox(svg: str):
    root = parse(svg)
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    outside = [
        (text, box)
        for text, box in extents(root)
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height
    ]
    assert outside == []


def test_trend_axis_labels_lie_inside_the_viewbox():
    names = [
        "Studentenenquête januari 2026",
        "Studentenenquête juni 2026",
        "Werkplekbegeleidersenquête juni 2026",
        "Ronde 4",
        "Een ronde met een heel erg lange naam die echt niet past",
    ]
    for n in range(1, len(names) + 1):
        points = [(name, [5.0, 1.0, None, 3.3, 4.9][i]) for i, name in enumerate(names[:n])]
        svg = charts.trend_line(points, label="trend")
        assert_inside_viewbox(svg)
        root = parse(svg)
        # Every round keeps a label under its dot, and neighbouring labels do not overlap.
        labels = [(t, b) for t, b in extents(root) if t.strip() and t[0].isalpha()]
        firsts = sorted(b for _t, b in labels if b[1] > 100)
        for a, b in zip(firsts, firsts[1:], strict=False):
            if abs(a[1] - b[1]) < 1:
                assert a[2] <= b[0], (a, b)


def test_gap_and_distribution_labels_lie_inside_the_viewbox():
    assert_inside_viewbox(
        charts.gap_bars(
            [("Begeleiding op de werkplek en in de opleidingsschool", 5.0, 4.9), ("b", 1, None)],
            label="gaps",
            desired="gewenst",
            actual="werkelijk",
        )
    )
    assert_inside_viewbox(charts.distribution_bar([2, 0, 3, 10, 5], 4, label="d"))
