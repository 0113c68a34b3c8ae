"""Dividing the declared places over hbo and wo (pure: no Django).

* Lines a school offers to hbo or to wo carry over as they are.
* A line offered to either level is split evenly: half to hbo, half to wo.
* An odd number leaves one place over. It goes to the level with fewer places in the whole
  partnership so far, counting every hbo and wo line first and then each split before this one;
  on a tie it goes to hbo. Split lines are handled in the order given (the caller sorts them by
  school, subject, stage and start), so one declaration always gives one division.
* A split line yields a share for both levels, also when one of them gets 0 places, so the
  coordinator can move places between hbo and wo by hand afterwards.
* A school that offers a line to hbo (or wo) and the same subject, stage and start to either
  level gets one share per level: the places add up, and the share is "maybe" when any part is.
* "Maybe" places count like other places in the running totals.

Places reserved for students who rotate within the partnership start at 0: the coordinator
fills them in per place, helped by the number of hbo students per subject who continue next
year (shown next to the division)."""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

HBO, WO, EITHER = "hbo", "wo", "either"
LEVELS = (HBO, WO)


@dataclass(frozen=True)
class Offer:
    key: Hashable  # what the place is: (school, subject, stage, start)
    level: str  # hbo, wo or either
    places: int
    maybe: bool = False


@dataclass
class Share:
    key: Hashable
    level: str  # hbo or wo
    places: int
    maybe: bool = False
    split: bool = False  # (partly) from a line offered to either level


def split_even(places: int, totals: Counter) -> dict[str, int]:
    """hbo and wo places for one 'either' line, given the partnership's totals so far."""
    half, extra = divmod(places, 2)
    parts = {HBO: half, WO: half}
    if extra:
        parts[WO if totals[WO] < totals[HBO] else HBO] += 1
    return parts


def divide(offers: Iterable[Offer]) -> list[Share]:
    """The shares per (key, level), in the order they first appear."""
    offers = list(offers)
    shares: dict[tuple, Share] = {}
    totals: Counter = Counter()

    def add(offer: Offer, level: str, places: int, split: bool) -> None:
        share = shares.setdefault((offer.key, level), Share(offer.key, level, 0))
        share.places += places
        share.maybe = share.maybe or offer.maybe
        share.split = share.split or split
        totals[level] += places

    for offer in offers:
        if offer.level in LEVELS:
            add(offer, offer.level, offer.places, split=False)
    for offer in offers:
        if offer.level == EITHER:
            for level, places in split_even(offer.places, totals).items():
                add(offer, level, places, split=True)
    return list(shares.values())
