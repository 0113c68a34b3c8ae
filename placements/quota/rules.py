"""Distributing the quota over schools in proportion to pupil numbers (pure Python).

Method: largest remainder (Hamilton). Each unit (a school, or a cluster acting as one school)
first gets the whole part of ``quota × pupils / total pupils``; the places left over go one by one
to the units with the largest fractional remainders; ties go to the unit with more pupils, then
by name. The result always adds up exactly to the quota. Units with no pupils get nothing.
Exact arithmetic with fractions, so no floating-point surprises."""

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Unit:
    key: str
    name: str
    pupils: int


def distribute(quota: int, units: list[Unit]) -> dict[str, int]:
    if quota < 0:
        raise ValueError("quota must not be negative")
    total = sum(u.pupils for u in units)
    if total == 0:
        return {u.key: 0 for u in units}
    exact = {u.key: Fraction(quota * u.pupils, total) for u in units}
    shares = {key: int(value) for key, value in exact.items()}
    left = quota - sum(shares.values())
    order = sorted(units, key=lambda u: (-(exact[u.key] - shares[u.key]), -u.pupils, u.name))
    for unit in order[:left]:
        shares[unit.key] += 1
    return shares


def over_margin(realised: int | Fraction, share: int, margin_percent: int) -> bool:
    """A unit is over its share when it exceeds the share plus the agreed margin."""
    return realised * 100 > share * (100 + margin_percent)
