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


# --- one closed set of published groups per round ---------------------------------------------
#
# Every view of a round (the results page with its filters and breakdown, the PDF, the XLSX, a
# report) shows groups of respondents that are nodes of one tree: the round, split by the
# dimensions of ``HIERARCHY`` in that order. A dimension that does not split a node (every
# respondent in it has the same value, e.g. the level of mentors) is skipped there. A view may
# filter on a dimension only when every dimension that splits the node before it is filtered too,
# and break down only by the next dimension that splits (or by one that does not split the node at
# all: its one cell is the node itself).
#
# The published nodes are decided top-down: the round when it holds at least ``k``; the children
# of a published node by ``visible_cells`` (at least ``k`` each, and the hidden children together
# 0 or at least ``k``); nothing under a hidden node. The published groups are therefore nested or
# disjoint (a laminar family), and every published group minus its published sub-groups holds
# 0 or at least ``k`` respondents. Whatever an attacker adds or subtracts — any linear combination
# of published figures — is constant on each such remainder, so the only groups it can isolate are
# unions of remainders: never 1..k-1 respondents. Per question the same tree is used with the
# respondents who answered it (a node is published for a question only when it is published for
# the round), and open answers with ``k_open`` respondents who wrote one.

HIERARCHY = ("group", "level", "institute", "school", "category")

Path = tuple  # ((dimension, value), ...): the dimensions that split on the way down, in order


class NotInHierarchy(ValueError):
    """A view outside the published tree: ``dimension`` is filtered or broken down while
    ``needs`` (a dimension that splits the group before it) is not filtered."""

    def __init__(self, dimension: str, needs: str | None):
        self.dimension, self.needs = dimension, needs
        super().__init__(f"{dimension!r} needs a filter on {needs!r} first")


class Tree:
    """The published groups of one round (or, with ``structure``, of one question of a round).

    ``rows`` are ``(key, n)`` pairs: ``key`` holds a value per dimension of ``dims`` (in that
    order), ``n`` the respondents with exactly those values. With ``structure`` (the round's
    tree) the splits are the round's and a node is published only when the round publishes it."""

    def __init__(
        self,
        rows: Iterable[tuple[tuple, int]],
        k: int,
        *,
        dims: tuple[str, ...] = HIERARCHY,
        structure: "Tree | None" = None,
    ):
        self.k = check_threshold(k)
        self.dims = tuple(dims) if structure is None else structure.dims
        self.structure = structure
        self.rows = [(tuple(key), n) for key, n in rows if n > 0]
        self._shown: dict = {}

    # counting
    def _matches(self, key: tuple, path: Path) -> bool:
        return all(key[self.dims.index(d)] == v for d, v in path)

    def count(self, path: Path | None) -> int:
        if path is None:
            return 0
        return sum(n for key, n in self.rows if self._matches(key, path))

    def _values(self, path: Path, dim: str) -> set:
        i = self.dims.index(dim)
        return {key[i] for key, _n in self.rows if self._matches(key, path)}

    # the shape of the tree (the round's)
    def split(self, path: Path) -> str | None:
        """The dimension that splits the node ``path`` into its children (None for a leaf)."""
        if self.structure is not None:
            return self.structure.split(path)
        start = self.dims.index(path[-1][0]) + 1 if path else 0
        for dim in self.dims[start:]:
            if len(self._values(path, dim)) > 1:
                return dim
        return None

    def constant(self, path: Path, dim: str) -> bool:
        """Does every respondent of the node have the same value of ``dim`` (no split)?"""
        if self.structure is not None:
            return self.structure.constant(path, dim)
        return len(self._values(path, dim)) <= 1

    def children(self, path: Path) -> dict:
        """{value of the splitting dimension: respondents} for the node's children."""
        dim = self.split(path)
        if dim is None:
            return {}
        source = self.structure or self
        return {v: self.count((*path, (dim, v))) for v in source._values(path, dim)}

    def locate(self, filters: Mapping[str, Hashable]) -> Path | None:
        """The node a view with ``filters`` shows; None when the filters select nobody (a value
        that does not occur there). Raises ``NotInHierarchy`` for filters outside the tree."""
        remaining = dict(filters)
        unknown = set(remaining) - set(self.dims)
        if unknown:
            raise ValueError(f"unknown dimension {sorted(unknown)[0]!r}")
        path: Path = ()
        source = self.structure or self
        while remaining:
            for dim in [d for d in remaining if self.constant(path, d)]:
                # the same for everyone here: the filter only confirms it (or selects nobody)
                if remaining.pop(dim) not in source._values(path, dim):
                    return None
            if not remaining:
                break
            dim = self.split(path)
            if dim is None or dim not in remaining:
                raise NotInHierarchy(sorted(remaining, key=self.dims.index)[0], dim)
            path = (*path, (dim, remaining.pop(dim)))
            if not source.count(path):
                return None
        return path

    def breakdowns(self, path: Path | None) -> set[str]:
        """The dimensions a view of the node may break down by."""
        if path is None:
            return set()
        dims = {d for d in self.dims if self.constant(path, d)}
        nxt = self.split(path)
        return dims | ({nxt} if nxt else set())

    # what is published
    def published(self, path: Path | None) -> bool:
        if path is None:
            return False
        if not path:
            root = self.count(()) >= self.k
            return root and (self.structure is None or self.structure.published(()))
        return path[-1][1] in self.shown_children(path[:-1])

    def shown_children(self, path: Path) -> set:
        """The values of the splitting dimension whose children of ``path`` are published."""
        if path not in self._shown:
            shown: set = set()
            if self.published(path):
                cells = self.children(path)
                dim = self.split(path)
                blocked = set()
                if self.structure is not None:
                    blocked = {v for v in cells if not self.structure.published((*path, (dim, v)))}
                shown = visible_cells(cells, self.k, population=self.count(path), blocked=blocked)
            self._shown[path] = shown
        return self._shown[path]

    def shown_cells(self, path: Path | None, dim: str) -> set:
        """The cells of a breakdown of the node by ``dim`` that are published: the children for
        the splitting dimension, the node itself (its one value) for a constant one."""
        if path is None or not self.published(path):
            return set()
        if dim == self.split(path):
            return self.shown_children(path)
        if self.constant(path, dim):
            return (self.structure or self)._values(path, dim)
        raise NotInHierarchy(dim, self.split(path))

    def published_paths(self) -> list[Path]:
        """Every published node, parents before children (for audits and tests)."""
        out, todo = [], [()] if self.published(()) else []
        while todo:
            path = todo.pop(0)
            out.append(path)
            dim = self.split(path)
            todo += [(*path, (dim, v)) for v in sorted(self.shown_children(path), key=str)]
        return out
