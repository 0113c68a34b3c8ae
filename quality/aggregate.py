"""From answer counts to statistics (pure Python, no Django).

The results module counts answer rows in the database (grouped by question, part, value and
"don't know") and hands the counts here; ``tally`` does the same for plain answer tuples.
Every function returns plain dicts and lists of str/int/float/None, ready for JSON."""

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping

SCALE = (1, 2, 3, 4, 5)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def tally(answers: Iterable[tuple]) -> Counter:
    """Count ``(question_id, part, value, dont_know)`` tuples: the shape ``scale_stats`` and
    friends read."""
    return Counter(tuple(answer) for answer in answers)


def mean(counts: Mapping[int, int]) -> float | None:
    """The mean over the scale points 1–5 (other values are ignored)."""
    n = sum(counts.get(v, 0) for v in SCALE)
    if not n:
        return None
    return sum(v * counts.get(v, 0) for v in SCALE) / n


def scale_stats(counts: Mapping[int, int], dont_know: int = 0) -> dict:
    """A 1–5 question: count per value, "don't know" count and share of everyone who answered,
    the mean over 1–5 (without "don't know")."""
    values = {v: counts.get(v, 0) for v in SCALE}
    valued = sum(values.values())
    answered = valued + dont_know
    return {
        "counts": [values[v] for v in SCALE],
        "valued": valued,
        "dont_know": dont_know,
        "dont_know_share": _round(dont_know / answered) if answered else None,
        "answered": answered,
        "mean": _round(mean(values)),
    }


def choice_stats(counts: Mapping[int, int], options: list, respondents: int) -> dict:
    """A single or multiple choice question: count per option and its share of the respondents
    who answered the question (for multiple choice the shares may add up to more than 1)."""
    return {
        "options": [
            {
                "label": str(label),
                "count": counts.get(index, 0),
                "share": _round(counts.get(index, 0) / respondents) if respondents else None,
            }
            for index, label in enumerate(options)
        ],
        "answered": respondents,
    }


def double_stats(desired: dict, actual: dict) -> dict:
    """A KOOS double question from the ``scale_stats`` of its two parts; the gap is
    desired minus actual (positive: the situation falls short of the wish)."""
    gap = None
    if desired["mean"] is not None and actual["mean"] is not None:
        gap = _round(desired["mean"] - actual["mean"])
    return {"desired": desired, "actual": actual, "gap": gap}


def rank_gaps(items: Iterable[dict]) -> list[dict]:
    """Items with a ``gap``, largest gap first; items without a gap are left out. Ties keep
    their given order."""
    return sorted((i for i in items if i.get("gap") is not None), key=lambda i: -i["gap"])


def area_gaps(items: Iterable[dict]) -> list[dict]:
    """Per quality area (``area`` of each item): the mean desired, actual and gap of its
    questions, ranked largest gap first."""
    areas: dict[str, list[dict]] = {}
    for item in items:
        if item.get("gap") is not None and item.get("area"):
            areas.setdefault(item["area"], []).append(item)
    rows = []
    for area, members in areas.items():
        count = len(members)
        rows.append(
            {
                "area": area,
                "questions": count,
                "desired": _round(sum(m["desired"] for m in members) / count),
                "actual": _round(sum(m["actual"] for m in members) / count),
                "gap": _round(sum(m["gap"] for m in members) / count),
            }
        )
    return rank_gaps(rows)


def shuffled(texts: Iterable[str], seed: str) -> list[str]:
    """Open answers in an order that depends only on their content and ``seed`` (never on when
    they were given — the database keeps no such order anyway, and we do not let one leak)."""

    def key(text: str) -> str:
        return hashlib.sha256(f"{seed}\x00{text}".encode()).hexdigest()

    return sorted((t for t in texts if t.strip()), key=key)
