"""The results of a closed survey round, with the anonymity rules applied.

``round_summary(round=…, filters=…, breakdown=…)`` returns a plain dict (str/int/float/list/
dict/None only: the reports part freezes it as JSON) that ``templates/quality/results/
_summary.html`` renders. It reads the round with a fixed number of aggregate queries, whatever
the number of questions or responses: counts of responses per combination of the five
dimensions (a small "cube" from which every filter and cell size follows), counts of answering
respondents per question and combination, and counts of answer rows per question, part and value.

The rules (``quality.anonymity``): every view of a round — the page with any filters and
breakdown, its PDF and XLSX, a report — shows groups from one tree of published groups per round
(``anonymity.Tree``: the round split by group → hbo/wo → institute → school → category, a
dimension skipped where it does not split). A view filters only along the tree (a filter on a
dimension needs a filter on each dimension that splits before it) and breaks down only by the
next split; a node is published top-down, at least ``min_group`` with its hidden siblings
together 0 or at least ``min_group``. So published groups are nested or disjoint, and no sum or
difference of published figures — across all views of the round — isolates fewer than
``min_group`` respondents. Each question has the same tree with its answering respondents. Open
answers need ``min_group_open_text`` respondents who wrote one (in the same way) and never appear in
a breakdown. A suppressed group shows "fewer than k responses", never its size."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from fractions import Fraction

from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partnerships.models import Organisation

from . import aggregate, anonymity, response_target
from .choices import (
    AnswerPart,
    OpenAnswerReview,
    QualityArea,
    QuestionKind,
    RespondentGroup,
    ResultsState,
    RoundStatus,
)
from .models import Answer, Invitation, QualitySettings, Question, Response, SurveyRound

DIMENSIONS = ("group", "school", "institute", "category", "level")
ORGANISATION_DIMENSIONS = ("school", "institute")
TREND_ROUNDS = 4
NONE_KEY = "none"
CHART_KINDS = (QuestionKind.SCALE, QuestionKind.DOUBLE_SCALE)
CLOSED_KINDS = (*CHART_KINDS, QuestionKind.SINGLE, QuestionKind.MULTIPLE)  # all but open text


def dimension_labels() -> dict[str, str]:
    return {
        "group": _("group"),
        "school": _("school"),
        "institute": _("institute"),
        "category": _("category"),
        "level": _("hbo/wo"),
    }


def clean_filters(filters: dict | None) -> dict:
    """Known dimensions with a value; school and institute as ids. Empty values are dropped."""
    out = {}
    for dim, value in (filters or {}).items():
        if dim not in DIMENSIONS:
            raise ValueError(f"unknown dimension {dim!r}")
        if value in (None, ""):
            continue
        out[dim] = int(value) if dim in ORGANISATION_DIMENSIONS else str(value)
    return out


# --- the cube: counts per combination of dimensions -------------------------------------------


class Cube:
    """Counts per combination of the five dimensions; ``count(filters)`` sums the matching ones."""

    def __init__(self, rows):
        self.rows = [(tuple(row[d] for d in DIMENSIONS), row["n"]) for row in rows]

    def count(self, filters: dict) -> int:
        idx = [(DIMENSIONS.index(d), v) for d, v in filters.items()]
        return sum(n for key, n in self.rows if all(key[i] == v for i, v in idx))

    def values(self, dim: str) -> set:
        i = DIMENSIONS.index(dim)
        return {key[i] for key, _n in self.rows}


def _tree_rows(cube: Cube) -> list[tuple[tuple, int]]:
    order = [DIMENSIONS.index(d) for d in anonymity.HIERARCHY]
    return [(tuple(key[i] for i in order), n) for key, n in cube.rows]


def response_tree(cube: Cube, k: int) -> anonymity.Tree:
    """The round's published groups (``quality.anonymity.Tree``) from its response cube."""
    return anonymity.Tree(_tree_rows(cube), k)


def question_tree(q_cube: Cube, structure: anonymity.Tree, k: int) -> anonymity.Tree:
    """A question's published groups: the round's tree with its answering respondents."""
    return anonymity.Tree(_tree_rows(q_cube), k, structure=structure)


def _locate(tree: anonymity.Tree, filters: dict):
    """The node of ``filters`` in ``tree``; None when the view is outside it (an earlier round
    whose groups split differently) or selects nobody."""
    try:
        return tree.locate(filters)
    except anonymity.NotInHierarchy:
        return None


def check_view(survey_round: SurveyRound, filters: dict, breakdown: str | None) -> None:
    """Raises ``anonymity.NotInHierarchy`` for a view of the round outside its published tree
    (the results form turns it into an error message)."""
    k = anonymity.check_threshold(
        QualitySettings.for_partnership(survey_round.partnership).min_group
    )
    tree = response_tree(_response_cube([survey_round])[survey_round.pk], k)
    _check_view(tree, clean_filters(filters), breakdown)


def _check_view(tree: anonymity.Tree, filters: dict, breakdown: str | None):
    path = tree.locate(filters)
    if breakdown and path is not None and breakdown not in tree.breakdowns(path):
        raise anonymity.NotInHierarchy(breakdown, tree.split(path))
    return path


def hierarchy_labels() -> list[str]:
    labels = dimension_labels()
    return [labels[d] for d in anonymity.HIERARCHY]


def _response_cube(rounds) -> dict[int, Cube]:
    rows = defaultdict(list)
    for row in (
        Response.objects.filter(round__in=rounds)
        .values("round", *DIMENSIONS)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows[row["round"]].append(row)
    return {r.pk: Cube(rows[r.pk]) for r in rounds}


def _question_cubes(rounds) -> dict[tuple[int, int], Cube]:
    """Per (round, question): respondents who answered it, per combination of dimensions."""
    fields = {f"response__{d}": d for d in DIMENSIONS}
    rows = defaultdict(list)
    for row in (
        Answer.objects.filter(response__round__in=rounds)
        .values("response__round", "question", *fields)
        .annotate(n=Count("response", distinct=True))
        .order_by()
    ):
        rows[(row["response__round"], row["question"])].append(
            {d: row[f] for f, d in fields.items()} | {"n": row["n"]}
        )
    return defaultdict(lambda: Cube([]), {key: Cube(value) for key, value in rows.items()})


def _answer_filter(filters: dict) -> dict:
    return {f"response__{d}": v for d, v in filters.items()}


# --- labels -------------------------------------------------------------------------------


def _cell_key(value) -> str:
    return NONE_KEY if value in (None, "") else str(value)


def _value_label(dim: str, value, organisations: dict[int, str]) -> str:
    if value in (None, ""):
        return _("not recorded")
    if dim in ORGANISATION_DIMENSIONS:
        return organisations.get(value, _("another organisation"))
    if dim == "group":
        return str(RespondentGroup(value).label) if value in RespondentGroup.values else value
    if dim == "category":
        return _("category %(code)s") % {"code": value}
    return str(value)


def _area_label(area: str) -> str:
    return str(QualityArea(area).label) if area in QualityArea.values else ""


def round_label(survey_round: SurveyRound) -> str:
    return f"{survey_round.academic_year.label} · {survey_round.half}"


# --- statistics per question --------------------------------------------------------------


def _answer_counts(rounds, filters: dict, by: str | None, kinds) -> dict:
    """{(round, question, cell value): {(part, value, dont_know): n}} for non-open questions."""
    group = ["response__round", "question", "part", "value", "dont_know"]
    if by:
        group.append(f"response__{by}")
    out: dict = defaultdict(lambda: defaultdict(int))
    rows = (
        Answer.objects.filter(
            response__round__in=rounds, question__kind__in=kinds, **_answer_filter(filters)
        )
        .values(*group)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        cell = row[f"response__{by}"] if by else None
        key = (row["response__round"], row["question"], cell)
        out[key][(row["part"], row["value"], row["dont_know"])] += row["n"]
    return out


def _scale(counts: dict, part: str) -> dict:
    values = defaultdict(int)
    dont_know = 0
    for (p, value, dk), n in counts.items():
        if p != part:
            continue
        if dk:
            dont_know += n
        elif value is not None:
            values[value] += n
    return aggregate.scale_stats(values, dont_know)


def question_stats(question: Question, counts: dict, answered: int) -> dict:
    """The statistics of one question from its answer counts {(part, value, dont_know): n}."""
    if question.kind == QuestionKind.SCALE:
        return _scale(counts, AnswerPart.MAIN)
    if question.kind == QuestionKind.DOUBLE_SCALE:
        return aggregate.double_stats(
            _scale(counts, AnswerPart.DESIRED), _scale(counts, AnswerPart.ACTUAL)
        )
    options = defaultdict(int)
    for (_part, value, _dk), n in counts.items():
        if value is not None:
            options[value] += n
    return aggregate.choice_stats(options, list(question.options or []), answered)


def _chart_mean(question: Question, stats: dict) -> float | None:
    if question.kind == QuestionKind.DOUBLE_SCALE:
        return stats["actual"]["mean"]
    return stats.get("mean")


# --- the summary ----------------------------------------------------------------------------


def not_available(survey_round: SurveyRound) -> dict:
    return {"available": False, "round": _round_info(survey_round)}


def _round_info(survey_round: SurveyRound) -> dict:
    return {
        "id": survey_round.pk,
        "title": survey_round.title,
        "survey": survey_round.survey.name,
        "academic_year": survey_round.academic_year.label,
        "half": survey_round.half,
        "label": round_label(survey_round),
        "opens_on": survey_round.opens_on.isoformat(),
        "closes_on": survey_round.closes_on.isoformat(),
        "status": survey_round.status,
    }


SUMMARY_CACHE_SECONDS = 60 * 60


def _earlier_rounds(survey_round: SurveyRound) -> list[SurveyRound]:
    """The closed rounds of the same survey before this one (oldest first): the trend's."""
    return list(
        SurveyRound.objects.filter(
            partnership_id=survey_round.partnership_id,
            survey_id=survey_round.survey_id,
            status=RoundStatus.CLOSED,
            opens_on__lt=survey_round.opens_on,
        )
        .select_related("academic_year")
        .order_by("-opens_on", "-pk")[:TREND_ROUNDS]
    )[::-1]


def summary_version(survey_round: SurveyRound) -> str:
    """A digest of everything ``round_summary`` of a closed round reads that can still change,
    in four small queries: the round's state (review and release), the earlier closed rounds of
    its trend, the partnership's thresholds and target, the number of responses of those rounds
    and the organisations' names; plus the language of the labels. A closed round's answers are
    written with their responses and removed only at release (which changes the state); its
    survey is locked, so its questions no longer change."""
    settings = QualitySettings.for_partnership(survey_round.partnership)
    rounds = [*_earlier_rounds(survey_round), survey_round]
    responses = sorted(
        Response.objects.filter(round__in=rounds)
        .values_list("round")
        .annotate(n=Count("pk"))
        .order_by()
    )
    organisations = list(
        Organisation.objects.filter(partnership_id=survey_round.partnership_id)
        .order_by("pk")
        .values_list("pk", "name")
    )
    version = json.dumps(
        [
            [(r.pk, r.status, r.results_state, r.opens_on) for r in rounds],
            [settings.min_group, settings.min_group_open_text, settings.response_target],
            responses,
            organisations,
            get_language(),
        ],
        default=str,
    )
    return hashlib.sha256(version.encode()).hexdigest()


def cached_round_summary(
    *,
    round: SurveyRound,  # noqa: A002
    filters: dict | None = None,
    breakdown=None,
    version: str | None = None,
) -> dict:
    """``round_summary`` through the cache, keyed on ``summary_version`` (``version`` when the
    caller has it) and the view: the results of a closed round are read by many people and
    rarely change."""
    view = json.dumps([clean_filters(filters), breakdown or None], sort_keys=True)
    view_digest = hashlib.sha256(view.encode()).hexdigest()[:16]
    version = version or summary_version(round)
    key = f"quality:summary:{round.pk}:{version}:{view_digest}"
    summary = cache.get(key)
    if summary is None:
        summary = round_summary(round=round, filters=filters, breakdown=breakdown)
        cache.set(key, summary, SUMMARY_CACHE_SECONDS)
    return summary


def round_summary(*, round: SurveyRound, filters: dict | None = None, breakdown=None) -> dict:  # noqa: A002
    """The anonymity-safe results of a closed round (see the module docstring).

    Raises ValueError for a round that is not closed, an unknown dimension, a breakdown by a
    dimension that is also filtered, and (``anonymity.NotInHierarchy``) a view outside the
    round's published tree."""
    survey_round = round
    if survey_round.status != RoundStatus.CLOSED:
        raise ValueError("results exist only for closed rounds")
    filters = clean_filters(filters)
    if breakdown in ("", None):
        breakdown = None
    elif breakdown not in DIMENSIONS or breakdown in filters:
        raise ValueError(f"cannot break down by {breakdown!r} here")

    settings = QualitySettings.for_partnership(survey_round.partnership)
    k = anonymity.check_threshold(settings.min_group)
    k_open = max(settings.min_group_open_text, k)
    questions = list(
        Question.objects.filter(section__survey_id=survey_round.survey_id).select_related("section")
    )
    earlier = _earlier_rounds(survey_round)
    rounds = [*earlier, survey_round]
    cubes = _response_cube(rounds)
    q_cubes = _question_cubes(rounds)
    cube = cubes[survey_round.pk]
    trees = {r.pk: response_tree(cubes[r.pk], k) for r in rounds}
    tree = trees[survey_round.pk]
    path = _check_view(tree, filters, breakdown)
    invitations = Cube(
        Invitation.objects.filter(round=survey_round)
        .values(*DIMENSIONS)
        .annotate(n=Count("pk"))
        .order_by()
    )
    organisations = dict(
        Organisation.objects.filter(partnership_id=survey_round.partnership_id).values_list(
            "pk", "name"
        )
    )
    labels = dimension_labels()
    summary = {
        "available": True,
        "round": _round_info(survey_round),
        "min_group": k,
        "min_group_open_text": k_open,
        "filters": [
            {
                "dimension": d,
                "dimension_label": labels[d],
                "value": _cell_key(v),
                "label": _value_label(d, v, organisations),
            }
            for d, v in filters.items()
        ],
        "breakdown": None,
        "shown": tree.published(path),
        "responses": None,
        "participation": None,
        "open_text": False,
        "open_released": survey_round.results_state == ResultsState.RELEASED,
        "sections": [],
        "koos": None,
        "trend_rounds": [{"id": r.pk, "title": r.title, "label": round_label(r)} for r in rounds],
    }
    if not summary["shown"]:
        return summary

    n = cube.count(filters)
    invited = invitations.count(filters)
    summary["responses"] = n
    summary["participation"] = _participation(n, invited, settings.response_target)
    q_trees = {
        (r.pk, q.pk): question_tree(q_cubes[(r.pk, q.pk)], trees[r.pk], k)
        for r in rounds
        for q in questions
    }
    # open answers: never in a breakdown, and only for a node the question's tree publishes with
    # k_open respondents who wrote one (so differences of published lists hold k_open or none)
    open_ids = {
        q.pk
        for q in questions
        if q.kind == QuestionKind.OPEN
        and breakdown is None
        and q_trees[(survey_round.pk, q.pk)].published(path)
        and question_tree(q_cubes[(survey_round.pk, q.pk)], tree, k_open).published(path)
    }
    summary["open_text"] = bool(open_ids)

    counts = _answer_counts(rounds, filters, None, CLOSED_KINDS)
    cells = _cells(cube, filters, breakdown, tree, path, organisations) if breakdown else None
    cell_counts = (
        _answer_counts([survey_round], filters, breakdown, CLOSED_KINDS) if breakdown else {}
    )
    released = survey_round.results_state == ResultsState.RELEASED
    summary["open_released"] = released
    # open answers: only after review and release, and only the public ones
    texts = _open_texts(survey_round, filters) if breakdown is None and released else {}
    paths = {r.pk: _locate(trees[r.pk], filters) for r in earlier} | {survey_round.pk: path}
    if cells is not None:
        summary["breakdown"] = {
            "dimension": breakdown,
            "label": labels[breakdown],
            "cells": [
                {
                    "key": c["key"],
                    "label": c["label"],
                    "shown": c["shown"],
                    "responses": c["responses"] if c["shown"] else None,
                }
                for c in cells
            ],
        }

    sections: dict[int, dict] = {}
    double_items = []
    for question in questions:
        q_cube = q_cubes[(survey_round.pk, question.pk)]
        q_tree = q_trees[(survey_round.pk, question.pk)]
        entry = {
            "id": question.pk,
            "text": question.text,
            "kind": question.kind,
            "area": question.area,
            "area_label": _area_label(question.area),
            "shown": q_tree.published(path),
            "answered": None,
            "stats": None,
            "trend": [],
            "cells": [],
        }
        if entry["shown"]:
            answered = q_cube.count(filters)
            entry["answered"] = answered
            if question.kind == QuestionKind.OPEN:
                entry["stats"] = (
                    {"texts": aggregate.shuffled(texts.get(question.pk, []), str(question.pk))}
                    if question.pk in open_ids
                    else None
                )
            else:
                stats = question_stats(
                    question, counts.get((survey_round.pk, question.pk, None), {}), answered
                )
                entry["stats"] = stats
                if question.kind == QuestionKind.DOUBLE_SCALE and stats["gap"] is not None:
                    double_items.append(
                        {
                            "id": question.pk,
                            "text": question.text,
                            "area": question.area,
                            "area_label": entry["area_label"],
                            "desired": stats["desired"]["mean"],
                            "actual": stats["actual"]["mean"],
                            "gap": stats["gap"],
                        }
                    )
        if question.kind in CHART_KINDS:
            entry["trend"] = _trend(question, rounds, paths, q_trees, counts)
            if not entry["shown"]:
                entry["trend"][-1] = {**entry["trend"][-1], "mean": None, "shown": False}
        if cells is not None and question.kind != QuestionKind.OPEN:
            entry["cells"] = _question_cells(
                question, q_cube, q_tree, path, filters, breakdown, cells, cell_counts, survey_round
            )
        section = sections.setdefault(
            question.section_id,
            {
                "title": question.section.title,
                "area": question.section.quality_area,
                "area_label": _area_label(question.section.quality_area),
                "questions": [],
            },
        )
        section["questions"].append(entry)
    summary["sections"] = list(sections.values())
    if double_items:
        areas = aggregate.area_gaps(double_items)
        for area in areas:
            area["label"] = _area_label(area["area"])
        summary["koos"] = {"items": aggregate.rank_gaps(double_items), "areas": areas}
    return summary


def _participation(responses: int, invited: int, target: Fraction) -> dict:
    """The rate is rounded for display; ``meets_target`` compares the exact fraction. The target
    is kept as text ("2/3") so a report can freeze it as JSON."""
    rate = round(100 * responses / invited, 1) if invited else None
    return {
        "invitations": invited,
        "responses": responses,
        "rate": rate,
        "target": str(target),
        "target_label": response_target.label(target),
        "meets_target": response_target.meets(responses, invited, target),
    }


def _cells(cube: Cube, filters: dict, dim: str, tree, path, organisations) -> list[dict]:
    values = cube.values(dim)
    sizes = {v: cube.count(filters | {dim: v}) for v in values}
    shown = tree.shown_cells(path, dim)
    cells = [
        {
            "value": v,
            "key": _cell_key(v),
            "label": _value_label(dim, v, organisations),
            "shown": v in shown,
            "responses": sizes[v],
        }
        for v in values
        if sizes[v]
    ]
    return sorted(cells, key=lambda c: (c["value"] in (None, ""), c["label"].lower()))


def _question_cells(question, q_cube, q_tree, path, filters, dim, cells, cell_counts, survey_round):
    shown = q_tree.shown_cells(path, dim)
    out = []
    for c in cells:
        row = {"key": c["key"], "label": c["label"], "shown": c["value"] in shown}
        if row["shown"]:
            answered = q_cube.count(filters | {dim: c["value"]})
            row["answered"] = answered
            row["stats"] = question_stats(
                question,
                cell_counts.get((survey_round.pk, question.pk, c["value"]), {}),
                answered,
            )
        else:
            row["answered"] = None
            row["stats"] = None
        out.append(row)
    return out


def _trend(question, rounds, paths, q_trees, counts) -> list[dict]:
    """The question's mean in each round under the same filters, where that round's own tree
    publishes the node (each round's respondents are a different set)."""
    points = []
    for r in rounds:
        shown = q_trees[(r.pk, question.pk)].published(paths[r.pk])
        mean = None
        if shown:
            stats = question_stats(question, counts.get((r.pk, question.pk, None), {}), 0)
            mean = _chart_mean(question, stats)
        points.append({"round": r.pk, "label": round_label(r), "mean": mean, "shown": shown})
    return points


def _open_texts(survey_round: SurveyRound, filters: dict) -> dict[int, list[str]]:
    out = defaultdict(list)
    rows = (
        Answer.objects.filter(
            response__round=survey_round,
            question__kind=QuestionKind.OPEN,
            review=OpenAnswerReview.PUBLIC,
            **_answer_filter(filters),
        )
        .exclude(text="")
        .values_list("question_id", "text")
    )
    for question_id, text in rows:
        out[question_id].append(text)
    return out
