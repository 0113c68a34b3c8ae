"""Survey charts as inline SVG strings (pure Python, no Django).

The same string goes into the results page and into the PDF (WeasyPrint draws inline SVG), so
nothing here loads files or needs script. Every chart is ``<svg role="img" aria-label=…>`` with
a ``<title>``; the page puts the numbers next to it as a table. Its size on the page is CSS
(``.chart-svg``: app.css, the print templates), never a ``style`` attribute on the ``<svg>``:
WeasyPrint reads a ``height:auto`` there as a height of 0, takes the chart for a square and
centres it in a box as tall as it is wide (issue 15: that blank space made the report PDF 46
pages instead of 30). Colours are chosen for contrast
with their text, and every segment or bar also carries its value or label as text, so colour is
never the only cue. Callers pass translated labels; everything they pass is escaped here."""

from html import escape

# 1 (fully disagree) … 5 (fully agree), then "don't know": fill colour and text colour
SCALE_COLOURS = {
    1: ("#b2182b", "#ffffff"),
    2: ("#ef8a62", "#000000"),
    3: ("#d9d9d9", "#000000"),
    4: ("#67a9cf", "#000000"),
    5: ("#2166ac", "#ffffff"),
    "?": ("#ffffff", "#000000"),
}
DESIRED = "#2166ac"
ACTUAL = "#f4a582"
INK = "#222222"
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _svg(width: int, height: int, label: str, body: list[str], css: str = "chart-svg") -> str:
    text = escape(label)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{text}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'class="{css}" {FONT} font-size="11">'
        f"<title>{text}</title>{''.join(body)}</svg>"
    )


def distribution_bar(
    counts: list[int],
    dont_know: int,
    *,
    label: str,
    width: int = 360,
    legend: bool = True,
    numbers: bool = True,
) -> str:
    """A horizontal stacked bar of the answers 1–5 and "?" (don't know), each segment as wide as
    its share, with its count written in it when it fits, and a legend of the values below
    (``legend=False``: without it, for a page that shows the colours once for many bars).
    ``numbers=False`` leaves the counts out of the segments: the report PDF prints the bar right
    under the row that gives each count in a column headed by its colour (issue 15: the PDF draws
    every ``<text>`` of every chart through Pango, about a fifth of its CPU time)."""
    values = [*range(1, 6), "?"]
    sizes = [*counts, dont_know]
    total = sum(sizes)
    bar_h, legend_y = 24, 42
    body = [f'<rect x="0" y="0" width="{width}" height="{bar_h}" fill="#ffffff" stroke="{INK}"/>']
    x = 0.0
    for value, size in zip(values, sizes, strict=True):
        if not total or not size:
            continue
        w = width * size / total
        fill, ink = SCALE_COLOURS[value]
        dash = ' stroke-dasharray="3 2"' if value == "?" else ""
        body.append(
            f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{bar_h}" fill="{fill}" '
            f'stroke="{INK}" stroke-width="0.5"{dash}><title>{value}: {size}</title></rect>'
        )
        if numbers and w >= 16:
            body.append(
                f'<text x="{x + w / 2:.2f}" y="16" text-anchor="middle" fill="{ink}">{size}</text>'
            )
        x += w
    if not legend:
        return _svg(width, bar_h + 4, label, body)
    body += _legend(width, legend_y)
    return _svg(width, legend_y + 4, label, body)


def _legend(width: int, y: int) -> list[str]:
    values = [*range(1, 6), "?"]
    step = width / len(values)
    body = []
    for i, value in enumerate(values):
        fill, _ink = SCALE_COLOURS[value]
        lx = i * step
        body.append(
            f'<rect x="{lx:.2f}" y="{y - 9}" width="10" height="10" fill="{fill}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{lx + 14:.2f}" y="{y}" fill="{INK}">{value}</text>'
        )
    return body


def gap_bars(
    rows: list[tuple[str, float | None, float | None]],
    *,
    label: str,
    desired: str,
    actual: str,
    width: int = 480,
    number=_number,
) -> str:
    """Per quality area a pair of bars on the 1–5 scale: desired (dark) and actual (light),
    each with its letter and value written at its end. ``rows``: (area label, desired, actual)."""
    label_w, value_w = 150, 70
    bar_w = width - label_w - value_w
    row_h, top = 34, 18
    height = top + row_h * len(rows) + 4
    body = [
        f'<rect x="{label_w}" y="2" width="10" height="10" fill="{DESIRED}"/>'
        f'<text x="{label_w + 14}" y="11" fill="{INK}">{escape(desired)}</text>'
        f'<rect x="{label_w + 140}" y="2" width="10" height="10" fill="{ACTUAL}" stroke="{INK}" '
        f'stroke-width="0.5"/><text x="{label_w + 154}" y="11" fill="{INK}">{escape(actual)}</text>'
    ]
    for i, (name, want, have) in enumerate(rows):
        y = top + i * row_h
        shown = wrap_label(str(name), label_w - 6, 11, max_lines=1)[0]
        body.append(f'<text x="0" y="{y + 17}" fill="{INK}">{escape(shown)}</text>')
        for j, (value, fill, letter) in enumerate(
            ((want, DESIRED, desired[:1]), (have, ACTUAL, actual[:1]))
        ):
            w = 0 if value is None else bar_w * max(0.0, min(value, 5.0)) / 5
            by = y + 2 + j * 14
            body.append(
                f'<rect x="{label_w}" y="{by}" width="{w:.2f}" height="12" fill="{fill}" '
                f'stroke="{INK}" stroke-width="0.5"/>'
                f'<text x="{label_w + w + 4:.2f}" y="{by + 10}" fill="{INK}">'
                f"{escape(letter)} {escape(number(value))}</text>"
            )
    return _svg(width, height, label, body)


def text_width(text: str, size: float = 11) -> float:
    """A generous estimate of the width of ``text`` in DejaVu Sans at ``size`` px (the charts
    cannot measure text: they are drawn without a browser)."""
    return len(text) * size * 0.62


def wrap_label(text: str, width: float, size: float, max_lines: int = 2) -> list[str]:
    """``text`` in at most ``max_lines`` lines that each fit ``width`` (estimated), word by
    word; a word too long for a line, or text left over after the last line, ends in "…"."""
    max_chars = max(int(width / (size * 0.62)), 4)
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= max_chars:
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        lines[-1] = lines[-1] + " " + " ".join(words)
    return [line if len(line) <= max_chars else line[: max_chars - 1] + "…" for line in lines]


def trend_line(
    points: list[tuple[str, float | None]], *, label: str, width: int = 360, number=_number
) -> str:
    """Means over rounds (oldest first) on a 1–5 axis: a dot with its value for each round, a
    line between neighbouring rounds that both have a value, "–" for a round without one.

    Round names go under their dot in up to two lines that fit the space between dots; the
    side margins grow so the first and last names are never cut off."""
    size, line_h = 9, 11
    top, axis_w, pad = 22, 28, 16  # pad: the first and last dots stand clear of the edges
    n = len(points)
    names = [str(name) for name, _value in points]
    left, right = float(axis_w), 12.0
    for _pass in range(2):  # margins depend on the names' widths, which depend on the margins
        plot_w = width - left - right - 2 * pad
        slot = plot_w / (n - 1) if n > 1 else plot_w
        lines = [wrap_label(name, slot - 6, size) for name in names]
        half = [max(text_width(line, size) for line in ls) / 2 + 2 for ls in lines]
        if n > 1:
            left = max(float(axis_w), half[0] - pad)
            right = max(12.0, half[-1] - pad)
        else:
            left, right = float(axis_w), 12.0
    rows = max(len(ls) for ls in lines) if lines else 1
    plot_h = 86
    height = int(top + plot_h + 10 + rows * line_h + 4)
    plot_w = width - left - right - 2 * pad

    def y_of(value: float) -> float:
        return top + plot_h * (5 - value) / 4

    body = []
    for tick in range(1, 6):
        ty = y_of(tick)
        body.append(
            f'<line x1="{left:.2f}" y1="{ty:.2f}" x2="{width - right:.2f}" y2="{ty:.2f}" '
            f'stroke="#bbbbbb" stroke-width="0.5"/>'
            f'<text x="{left - 6:.2f}" y="{ty + 4:.2f}" text-anchor="end" fill="{INK}">'
            f"{tick}</text>"
        )
    step = plot_w / max(n - 1, 1)
    xs = [left + pad + (i * step if n > 1 else plot_w / 2) for i in range(n)]
    for i in range(1, n):
        a, b = points[i - 1][1], points[i][1]
        if a is not None and b is not None:
            body.append(
                f'<line x1="{xs[i - 1]:.2f}" y1="{y_of(a):.2f}" x2="{xs[i]:.2f}" '
                f'y2="{y_of(b):.2f}" stroke="{DESIRED}" stroke-width="2"/>'
            )
    label_y = top + plot_h + 10 + size
    for x, (_name, value), name_lines in zip(xs, points, lines, strict=True):
        if value is None:
            body.append(
                f'<text x="{x:.2f}" y="{y_of(3):.2f}" text-anchor="middle" fill="{INK}">–</text>'
            )
        else:
            vy = y_of(value)
            body.append(
                f'<circle cx="{x:.2f}" cy="{vy:.2f}" r="4" fill="{DESIRED}"/>'
                f'<text x="{x:.2f}" y="{vy - 7:.2f}" text-anchor="middle" fill="{INK}" '
                f'font-weight="bold">{escape(number(value))}</text>'
            )
        for j, line in enumerate(name_lines):
            body.append(
                f'<text x="{x:.2f}" y="{label_y + j * line_h:.2f}" text-anchor="middle" '
                f'fill="{INK}" font-size="{size}">{escape(line)}</text>'
            )
    return _svg(width, height, label, body)


def trend_spark(
    values: list[float | None], *, label: str, width: int = 96, height: int = 24
) -> str:
    """Means over rounds (oldest first) as a small line without text, for the report PDF, where
    the means per round are printed beside it (``quality/print/_trend_numbers.html``): a dot per
    round with a value, a line between neighbours that both have one, faint lines at 1, 3 and 5.
    The page keeps ``trend_line`` with its values and round names in the chart."""
    pad = 4.0
    n = len(values)
    step = (width - 2 * pad) / max(n - 1, 1)

    def y_of(value: float) -> float:
        return pad + (height - 2 * pad) * (5 - max(1.0, min(value, 5.0))) / 4

    body = [
        f'<line x1="0" y1="{y_of(t):.2f}" x2="{width}" y2="{y_of(t):.2f}" stroke="#cccccc" '
        f'stroke-width="0.5"/>'
        for t in (1, 3, 5)
    ]
    xs = [pad + (i * step if n > 1 else (width - 2 * pad) / 2) for i in range(n)]
    for i in range(1, n):
        a, b = values[i - 1], values[i]
        if a is not None and b is not None:
            body.append(
                f'<line x1="{xs[i - 1]:.2f}" y1="{y_of(a):.2f}" x2="{xs[i]:.2f}" '
                f'y2="{y_of(b):.2f}" stroke="{DESIRED}" stroke-width="1.5"/>'
            )
    body += [
        f'<circle cx="{x:.2f}" cy="{y_of(v):.2f}" r="2.5" fill="{DESIRED}"/>'
        for x, v in zip(xs, values, strict=True)
        if v is not None
    ]
    return _svg(width, height, label, body, css="chart-svg chart-spark")
