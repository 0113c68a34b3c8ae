"""A round's results as XLSX, thresholded exactly like the page: every number comes from the
same ``round_summary`` dict, and a suppressed group or question is written as "fewer than k"
text, never as a number. Sheets: results per question, the KOOS gaps, the breakdown, the trend
and (when allowed) the open answers; written by ``partnerships.exports.write_xlsx``."""

from django.utils.translation import gettext as _

from partnerships.exports import write_xlsx


def _fewer(k: int, what: str = "answers") -> str:
    if what == "responses":
        return _("fewer than %(k)s responses") % {"k": k}
    return _("fewer than %(k)s answers") % {"k": k}


def _options(stats: dict) -> str:
    return "; ".join(f"{o['label']}: {o['count']}" for o in stats.get("options", []))


def _stat_columns(kind: str, stats: dict | None) -> list:
    """Counts 1–5, ?, mean, don't-know share, desired, actual, gap, options."""
    empty = [None] * 12
    if not stats:
        return empty
    if kind == "scale":
        return [
            *stats["counts"],
            stats["dont_know"],
            stats["mean"],
            stats["dont_know_share"],
            None,
            None,
            None,
            None,
        ]
    if kind == "double_scale":
        return [None] * 8 + [stats["desired"]["mean"], stats["actual"]["mean"], stats["gap"], None]
    if kind in ("single", "multiple"):
        return [None] * 11 + [_options(stats)]
    return empty


def summary_sheets(summary: dict | None) -> list:
    k = summary["min_group"] if summary and summary.get("available") else 5
    stat_headers = [
        "1",
        "2",
        "3",
        "4",
        "5",
        "?",
        _("Mean"),
        _("Don't know (share)"),
        _("Desired"),
        _("Actual"),
        _("Gap"),
        _("Options (count)"),
    ]
    if not summary or not summary.get("available") or not summary["shown"]:
        return [(_("Results"), [_("Results")], [[_fewer(k, "responses")]])]
    questions = [(s, q) for s in summary["sections"] for q in s["questions"]]
    rows = []
    for section, q in questions:
        if q["kind"] == "open":
            continue
        answered = q["answered"] if q["shown"] else _fewer(k)
        rows.append(
            [
                section["title"],
                q["text"],
                q["kind"],
                answered,
                *_stat_columns(q["kind"], q["stats"] if q["shown"] else None),
            ]
        )
    filters = "; ".join(f"{f['dimension_label']}: {f['label']}" for f in summary["filters"])
    participation = summary["participation"]
    sheets = [
        (
            _("Round"),
            [_("Round"), _("Survey"), _("Filters"), _("Invited"), _("Responses"), _("Rate (%)")],
            [
                [
                    summary["round"]["title"],
                    summary["round"]["survey"],
                    filters,
                    participation["invitations"],
                    participation["responses"],
                    participation["rate"],
                ]
            ],
        ),
        (
            _("Results"),
            [_("Section"), _("Question"), _("Kind"), _("Answers"), *stat_headers],
            rows,
        ),
    ]
    if summary["koos"]:
        koos = [
            [_("quality area"), a["label"], a["desired"], a["actual"], a["gap"]]
            for a in summary["koos"]["areas"]
        ]
        koos += [
            [_("statement"), i["text"], i["desired"], i["actual"], i["gap"]]
            for i in summary["koos"]["items"]
        ]
        sheets.append(
            (
                "KOOS",
                [_("Level"), _("Quality area or statement"), _("Desired"), _("Actual"), _("Gap")],
                koos,
            )
        )
    if summary["breakdown"]:
        cells = []
        for _section, q in questions:
            for cell in q["cells"]:
                if cell["shown"]:
                    cells.append(
                        [
                            q["text"],
                            cell["label"],
                            cell["answered"],
                            *_stat_columns(q["kind"], cell["stats"]),
                        ]
                    )
                else:
                    cells.append([q["text"], cell["label"], _fewer(k, "responses")])
        sheets.append(
            (
                _("Breakdown"),
                [_("Question"), summary["breakdown"]["label"], _("Answers"), *stat_headers],
                cells,
            )
        )
    rounds = summary["trend_rounds"]
    if len(rounds) > 1:
        trend = []
        for _section, q in questions:
            if q["trend"]:
                trend.append(
                    [q["text"], *(p["mean"] if p["shown"] else _fewer(k) for p in q["trend"])]
                )
        sheets.append((_("Trend"), [_("Question"), *(r["label"] for r in rounds)], trend))
    if summary["open_text"]:
        texts = [
            [q["text"], text]
            for _s, q in questions
            if q["kind"] == "open" and q["shown"] and q["stats"]
            for text in q["stats"]["texts"]
        ]
        sheets.append((_("Open answers"), [_("Question"), _("Answer")], texts))
    return sheets


def summary_xlsx(summary: dict | None) -> bytes:
    return write_xlsx(summary_sheets(summary))
