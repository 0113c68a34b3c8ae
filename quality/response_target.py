"""The response-rate target (002 §2.5 "2/3 respons") as an exact fraction, pure.

Choice: the target is stored per partnership as a fraction, numerator and denominator
(``QualitySettings.response_target_numerator`` / ``_denominator``, default 2/3), never as a
rounded percentage. A partnership may enter a fraction ("2/3") or a percentage ("70%", which is
70/100). The verdict compares whole numbers, ``responded × denominator ≥ invited × numerator``,
so 200 of 300 meets two thirds and 199 of 300 (66.3 %) or 333 of 500 (66.6 %) does not, even
though 333 of 500 rounds to 67 %. Percentages shown to people stay rounded; the verdict never
uses them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

TWO_THIRDS = Fraction(2, 3)
_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")


def meets(responded: int, invited: int, target: Fraction) -> bool:
    """Whether ``responded`` of ``invited`` reaches ``target`` exactly; nobody invited: no."""
    if not invited:
        return False
    return responded * target.denominator >= invited * target.numerator


def parse(text: str) -> Fraction:
    """ "2/3" → 2/3; "70", "70%" or "66,5 %" → that percentage as a fraction. A target is above
    0 and at most 1; anything else raises ValueError."""
    text = str(text)
    if match := _FRACTION.match(text):
        numerator, denominator = int(match[1]), int(match[2])
        if denominator == 0:
            raise ValueError(text)
        value = Fraction(numerator, denominator)
    elif match := _PERCENT.match(text):
        try:
            value = Fraction(Decimal(match[1].replace(",", "."))) / 100
        except InvalidOperation as exc:
            raise ValueError(text) from exc
    else:
        raise ValueError(text)
    if not 0 < value <= 1:
        raise ValueError(text)
    return value


def label(target: Fraction) -> str:
    """How the target reads: a whole percentage when it is one ("70%"), otherwise the fraction
    ("2/3", "133/200")."""
    percent = target * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    return f"{target.numerator}/{target.denominator}"


def from_stored(value) -> Fraction:
    """A target as a report froze it: "2/3" (text) now; reports drafted before the target was
    a fraction hold a whole percentage, where 67 stood for the seed's two thirds."""
    if isinstance(value, str):
        return Fraction(value)
    if value is None or value == 67:
        return TWO_THIRDS
    return Fraction(int(value), 100)
