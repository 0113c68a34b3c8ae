"""Targets (streefdoelen) and their measures, pure: no Django, no database.

A target compares a measured value with a set value: ``value ≥ target``, ``≤`` or ``=``.
Every measure is a small function from counts (fetched by ``quality.selectors.targets``) to a
``Measurement``: an exact ``Fraction`` with the figures behind it, or "not measurable" with the
reason. Verdicts compare fractions exactly, never rounded percentages: 2 of 3 meets two thirds,
666 of 1000 does not.

Survey measures respect the anonymity threshold ``k`` (``quality.anonymity``): every round that
holds answers must hold at least ``k`` valued answers to the question (area: to each question of
the area), else the measure is "not measurable (too few answers)" — a round below ``k`` is
never added to another, so no difference of published figures singles out a small group."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

SCALE = (1, 2, 3, 4, 5)
AGREE = (4, 5)

# measure keys; SHARE measures are fractions 0..1 shown as percentages, SCALE measures are on 1–5
MEAN, AGREE_SHARE, KOOS_GAP, AREA_MEAN, AREA_GAP = (
    "question_mean",
    "question_agree",
    "question_gap",
    "area_mean",
    "area_gap",
)
RESPONSE, DROPOUT, COMPLIANCE, QUOTA, ATTENDANCE, PARTICIPATION = (
    "response_rate",
    "dropout",
    "compliance",
    "quota_realisation",
    "attendance",
    "participation",
)
QUESTION_MEASURES = (MEAN, AGREE_SHARE, KOOS_GAP)
AREA_MEASURES = (AREA_MEAN, AREA_GAP)
SCALE_MEASURES = (MEAN, KOOS_GAP, AREA_MEAN, AREA_GAP)
SHARE_MEASURES = (AGREE_SHARE, RESPONSE, DROPOUT, COMPLIANCE, QUOTA, ATTENDANCE, PARTICIPATION)
ALL_MEASURES = (*QUESTION_MEASURES, *AREA_MEASURES, *SHARE_MEASURES[1:])

GE, LE, EQ = "ge", "le", "eq"
COMPARISONS = {GE: "≥", LE: "≤", EQ: "="}

# reasons a measure cannot be taken (the selectors translate them)
TOO_FEW, NO_DATA, NO_QUOTA = "too_few", "no_data", "no_quota"

MET, NOT_MET, NOT_MEASURABLE = "met", "not_met", "not_measurable"


@dataclass(frozen=True)
class Measurement:
    value: Fraction | None = None
    numerator: int | None = None  # the counts behind a share ("200 of 300")
    denominator: int | None = None
    n: int | None = None  # answers behind a survey measure
    reason: str = ""  # TOO_FEW, NO_DATA, NO_QUOTA when value is None
    detail: dict = field(default_factory=dict)

    @property
    def measurable(self) -> bool:
        return self.value is not None


def not_measurable(reason: str, **detail) -> Measurement:
    return Measurement(reason=reason, detail=detail)


def share(numerator: int, denominator: int) -> Measurement:
    """``numerator`` of ``denominator`` as an exact fraction; nothing to count: not measurable."""
    if not denominator:
        return not_measurable(NO_DATA)
    return Measurement(Fraction(numerator, denominator), numerator, denominator)


# --- survey measures: counts per round {round: {value: count}} ---------------------------------
def _valued(counts: Mapping[int, int]) -> int:
    return sum(counts.get(v, 0) for v in SCALE)


def _anonymous(per_round: Mapping, k: int) -> bool:
    return all(_valued(c) == 0 or _valued(c) >= k for c in per_round.values())


def _merge(per_round: Mapping) -> dict[int, int]:
    total: dict[int, int] = {}
    for counts in per_round.values():
        for v in SCALE:
            total[v] = total.get(v, 0) + counts.get(v, 0)
    return total


def _exact_mean(counts: Mapping[int, int]) -> Fraction | None:
    n = _valued(counts)
    return Fraction(sum(v * counts.get(v, 0) for v in SCALE), n) if n else None


def question_mean(per_round: Mapping, k: int) -> Measurement:
    """The mean over 1–5 ("don't know" left out) of every valued answer in the period."""
    if not _anonymous(per_round, k):
        return not_measurable(TOO_FEW, k=k)
    total = _merge(per_round)
    n = _valued(total)
    if not n:
        return not_measurable(NO_DATA)
    return Measurement(_exact_mean(total), n=n)


def question_agree(per_round: Mapping, k: int) -> Measurement:
    """The share of valued answers that agree (4 or 5)."""
    if not _anonymous(per_round, k):
        return not_measurable(TOO_FEW, k=k)
    total = _merge(per_round)
    n = _valued(total)
    if not n:
        return not_measurable(NO_DATA)
    agree = sum(total.get(v, 0) for v in AGREE)
    return Measurement(Fraction(agree, n), agree, n, n=n)


def question_gap(desired: Mapping, actual: Mapping, k: int) -> Measurement:
    """A KOOS double question: mean desired minus mean actual (positive: falls short)."""
    if not (_anonymous(desired, k) and _anonymous(actual, k)):
        return not_measurable(TOO_FEW, k=k)
    want, have = _exact_mean(_merge(desired)), _exact_mean(_merge(actual))
    if want is None or have is None:
        return not_measurable(NO_DATA)
    return Measurement(want - have, n=min(_valued(_merge(desired)), _valued(_merge(actual))))


def area_mean(per_question: Mapping[int, Mapping], k: int) -> Measurement:
    """A quality area: the mean of its questions' means (each question weighs the same, as the
    results' area table does)."""
    measured = [question_mean(per_round, k) for per_round in per_question.values()]
    return _average(measured)


def area_gap(per_question: Mapping[int, tuple[Mapping, Mapping]], k: int) -> Measurement:
    """A quality area of the KOOS self-evaluation: the mean of its double questions' gaps."""
    measured = [question_gap(d, a, k) for d, a in per_question.values()]
    return _average(measured)


def _average(measured: list[Measurement]) -> Measurement:
    if any(m.reason == TOO_FEW for m in measured):
        return next(m for m in measured if m.reason == TOO_FEW)
    values = [m for m in measured if m.measurable]
    if not values:
        return not_measurable(NO_DATA)
    return Measurement(
        sum((m.value for m in values), Fraction(0)) / len(values),
        n=min(m.n for m in values),
        detail={"questions": len(values)},
    )


# --- the other measures ------------------------------------------------------------------------
def response_rate(groups: Iterable[tuple[int, int]]) -> Measurement:
    """(responded, invited) per round or group: responded of invited over all of them."""
    rows = list(groups)
    return share(sum(r for r, _i in rows), sum(i for _r, i in rows))


def dropout(cancelled: int, placements: int) -> Measurement:
    """Cancelled placements of all the period's placements (cancelled ones included)."""
    return share(cancelled, placements)


def compliance(schools_without_gaps: int, schools: int) -> Measurement:
    """Schools that meet every professionalisation norm of all schools."""
    return share(schools_without_gaps, schools)


def quota_realisation(realised: int | Fraction, quota: int | None) -> Measurement:
    """Students placed (counted as the quota monitor does) of the year's quota."""
    if not quota:
        return not_measurable(NO_QUOTA)
    realised = Fraction(realised)
    whole = realised.denominator == 1  # "57 of 60"; a part-year count has no whole numerator
    return Measurement(realised / quota, int(realised) if whole else None, quota)


def attendance(present: int, expected: int) -> Measurement:
    """Attendances recorded "present" of every mandatory event meant for a student."""
    return share(present, expected)


def participation(taking_part: int, staff: int) -> Measurement:
    """Staff enrolled in a professionalisation run of the year, of all staff."""
    return share(taking_part, staff)


# --- verdicts ------------------------------------------------------------------------------------
def verdict(measurement: Measurement, comparison: str, target: Fraction) -> str:
    if not measurement.measurable:
        return NOT_MEASURABLE
    value = measurement.value
    ok = {GE: value >= target, LE: value <= target, EQ: value == target}[comparison]
    return MET if ok else NOT_MET


def movement(before: Measurement, now: Measurement, comparison: str) -> str:
    """How a measure moved: "better", "worse", "same" (as seen from the target's comparison;
    for "=" a move towards… is not defined, so up/down) or "unknown"."""
    if not (before.measurable and now.measurable):
        return "unknown"
    if now.value == before.value:
        return "same"
    up = now.value > before.value
    if comparison == GE:
        return "better" if up else "worse"
    if comparison == LE:
        return "worse" if up else "better"
    return "up" if up else "down"


# --- reading and writing values ------------------------------------------------------------------
_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(%?)\s*$")


def parse_value(text: str, measure: str) -> Fraction:
    """A target value as typed: "4,0" or "4.0" (scale measures, 1–5; a gap −4..4), "2/3",
    "95%" or "95" (share measures: a number above 1 is a percentage). Raises ValueError."""
    text = str(text)
    if match := _FRACTION.match(text):
        if int(match[2]) == 0:
            raise ValueError(text)
        value = Fraction(int(match[1]), int(match[2]))
    elif match := _NUMBER.match(text):
        try:
            value = Fraction(Decimal(match[1].replace(",", ".")))
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(text) from exc
        if match[2] or (measure in SHARE_MEASURES and value > 1):
            value /= 100
    else:
        raise ValueError(text)
    if measure in SHARE_MEASURES and not 0 <= value <= 1:
        raise ValueError(text)
    if measure in (MEAN, AREA_MEAN) and not 1 <= value <= 5:
        raise ValueError(text)
    if measure in (KOOS_GAP, AREA_GAP) and not -4 <= value <= 4:
        raise ValueError(text)
    return value


def _decimal(value: Fraction, places: int) -> str:
    text = f"{float(value):.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def display(value: Fraction | None, measure: str, *, places: int = 1) -> str:
    """A value for people: shares as a percentage ("66.7%"), scale values with two decimals.
    Rounded for reading only; ``verdict`` uses the exact value. A rounded value that would read
    as the target while the verdict differs is shown with more places by the caller."""
    if value is None:
        return "—"
    if measure in SHARE_MEASURES:
        return f"{_decimal(value * 100, places)}%"
    return _decimal(value, places + 1)


def display_distinct(value: Fraction, target: Fraction, measure: str) -> str:
    """``display`` with as many places as it takes to not read as the target when it differs."""
    places = 1
    while value != target and display(value, measure, places=places) == display(
        target, measure, places=places
    ):
        places += 1
        if places > 6:
            break
    return display(value, measure, places=places)
