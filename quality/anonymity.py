"""The anonymity rules for survey results (pure Python, no Django).

A group of respondents — the whole round, the population under a filter, or one cell of a
breakdown — is shown only when

* it holds at least ``k`` responses, and
* its complement within every population it was cut from is either empty or also holds at
  least ``k`` responses, so "everyone minus the shown group" never reveals a small group.

Inside a breakdown the suppressed cells are complemented: while the suppressed cells together
hold 1..k-1 responses, the smallest cell still shown is suppressed as well. Then the shown cells
never add up to the population minus a small group.

``k`` is the partnership's ``min_group`` and never lower than ``FLOOR``."""

from collections.abc import Hashable, Iterable, Mapping

FLOOR = 5


def check_threshold(k: int) -> int:
    if not isinstance(k, int) or k < FLOOR:
        raise ValueError(f"the anonymity threshold is at least {FLOOR}, not {k!r}")
    return k


def small(n: int, k: int) -> bool:
    """A count that would single out a small group: 1..k-1 (0 is nobody, fine)."""
    return 0 < n < k


def may_show(n: int, population: int, k: int) -> bool:
    """May a group of ``n`` responses, cut from ``population``, be shown?"""
    check_threshold(k)
    if n < 0 or population < n:
        raise ValueError("a group cannot be larger than its population")
    return n >= k and not small(population - n, k)


def may_show_within(n: int, populations: Iterable[int], k: int) -> bool:
    """``may_show`` against every population the group was cut from (for combined filters:
    the whole round and each looser combination of the same filters)."""
    check_threshold(k)
    return n >= k and all(may_show(n, p, k) for p in populations)


def visible_cells(
    cells: Mapping[Hashable, int],
    k: int,
    *,
    population: int | None = None,
    blocked: Iterable[Hashable] = (),
) -> set:
    """The cells of a breakdown that may be shown.

    ``cells`` maps each cell to its count; ``population`` (default: their sum) may be larger
    when some responses sit in no cell — that remainder counts as suppressed. ``blocked`` cells
    are suppressed whatever their size (e.g. because a looser view already hides them)."""
    check_threshold(k)
    total = sum(cells.values())
    population = total if population is None else population
    if population < total or any(n < 0 for n in cells.values()):
        raise ValueError("cells cannot hold more than their population")
    blocked = set(blocked)
    shown = {cell for cell, n in cells.items() if n >= k and cell not in blocked}
    suppressed = population - sum(cells[cell] for cell in shown)
    # complementary suppression: smallest shown cell first, ties broken by the cell's name
    order = sorted(shown, key=lambda cell: (cells[cell], str(cell)))
    while small(suppressed, k) and order:
        cell = order.pop(0)
        shown.discard(cell)
        suppressed += cells[cell]
    if small(suppressed, k):
        return set()
    return shown
