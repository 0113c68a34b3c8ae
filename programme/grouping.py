"""Intervision groups and student pairs by rule (002 §4.2–4.3). Pure: ids in, ids out.

Groups: about five students (4–6 where the numbers allow), hbo and wo apart, schools spread
over the groups so that two students of one school share a group only when a school has more
students than there are groups.

Pairs: every student with a student of another school (a trio when the number is odd); among
the pairings that keep schools apart, mixed categories and someone other than last year's
partner are preferred.

Both are deterministic: the same students and the same seed give the same result, whatever the
order the students come in."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

GROUP_SIZE = 5
MIN_GROUP, MAX_GROUP = 4, 6

# Costs of a pairing; a shared school outweighs everything else together.
SAME_SCHOOL, LAST_YEARS_PARTNER, SAME_CATEGORY = 1000, 10, 1
MAX_PASSES = 25


@dataclass(frozen=True)
class Candidate:
    id: int
    school: int
    level: str = "hbo"  # "hbo" or "wo"
    category: str = ""
    previous: frozenset[int] = field(default_factory=frozenset)  # last year's partners


@dataclass(frozen=True)
class Group:
    level: str
    members: tuple[int, ...]


def _by_school(candidates: list[Candidate], rng: random.Random) -> list[Candidate]:
    """Candidates in school blocks, the largest school first; the order within and between
    equal blocks comes from ``rng``."""
    blocks: dict[int, list[Candidate]] = defaultdict(list)
    for c in sorted(candidates, key=lambda c: c.id):
        blocks[c.school].append(c)
    schools = sorted(blocks)
    rng.shuffle(schools)
    for school in schools:
        rng.shuffle(blocks[school])
    schools.sort(key=lambda s: -len(blocks[s]))  # stable: ties keep the shuffled order
    return [c for school in schools for c in blocks[school]]


def group_count(n: int) -> int:
    """How many groups ``n`` students make: about five each, 4–6 where that is possible,
    never more than six when it is not."""
    if n == 0:
        return 0
    low, high = math.ceil(n / MAX_GROUP), max(1, n // MIN_GROUP)
    if low > high:
        return low
    return min(max(round(n / GROUP_SIZE), low), high)


def intervision_groups(candidates: list[Candidate], *, seed: int | str) -> list[Group]:
    """Groups per level (hbo first); dealing the school blocks round the groups puts a
    school's students in different groups as long as there are enough groups."""
    groups: list[Group] = []
    for level in sorted({c.level for c in candidates}):
        rng = random.Random(f"groups-{seed}-{level}")
        ordered = _by_school([c for c in candidates if c.level == level], rng)
        count = group_count(len(ordered))
        dealt: list[list[int]] = [[] for _ in range(count)]
        for i, c in enumerate(ordered):
            dealt[i % count].append(c.id)
        groups += [Group(level, tuple(members)) for members in dealt]
    return groups


def unit_cost(members: list[Candidate]) -> int:
    cost = 0
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.school == b.school:
                cost += SAME_SCHOOL
            if b.id in a.previous or a.id in b.previous:
                cost += LAST_YEARS_PARTNER
            if a.category and a.category == b.category:
                cost += SAME_CATEGORY
    return cost


def student_pairs(candidates: list[Candidate], *, seed: int | str) -> list[tuple[int, ...]]:
    """Pairs (and one trio when the number is odd) of candidate ids.

    Start: the school blocks, largest first, with one student of each of the three largest
    schools as the trio; then position i pairs with position i + n/2, which keeps every pair
    across schools whenever no school has more than half of the students (and otherwise
    makes as many cross-school pairs as there can be). Then members are swapped between units
    while that lowers the cost (category mix, last year's partner); a swap never adds a
    same-school unit because that cost outweighs all others."""
    if len(candidates) < 2:
        return [tuple(c.id for c in candidates)] if candidates else []
    rng = random.Random(f"pairs-{seed}")
    ordered = _by_school(list(candidates), rng)
    units: list[list[Candidate]] = []
    if len(ordered) % 2:
        trio = _trio(ordered)
        units.append(trio)
        ordered = [c for c in ordered if c not in trio]
    half = len(ordered) // 2
    units += [[ordered[i], ordered[i + half]] for i in range(half)]
    _improve(units)
    return [tuple(c.id for c in unit) for unit in units]


def _trio(ordered: list[Candidate]) -> list[Candidate]:
    """The first student of each of the three largest schools (fewer schools: the first
    students that differ from what is already taken, then anyone)."""
    trio: list[Candidate] = []
    seen: set[int] = set()
    for c in ordered:
        if c.school not in seen:
            trio.append(c)
            seen.add(c.school)
        if len(trio) == 3:
            return trio
    for c in ordered:
        if c not in trio:
            trio.append(c)
        if len(trio) == 3:
            break
    return trio


def _improve(units: list[list[Candidate]]) -> None:
    for _pass in range(MAX_PASSES):
        improved = False
        for i, u in enumerate(units):
            for v in units[i + 1 :]:
                improved |= _best_swap(u, v)
        if not improved:
            return


def _best_swap(u: list[Candidate], v: list[Candidate]) -> bool:
    before = unit_cost(u) + unit_cost(v)
    best, best_cost = None, before
    for a in range(len(u)):
        for b in range(len(v)):
            u[a], v[b] = v[b], u[a]
            cost = unit_cost(u) + unit_cost(v)
            u[a], v[b] = v[b], u[a]
            if cost < best_cost:
                best, best_cost = (a, b), cost
    if best is None:
        return False
    a, b = best
    u[a], v[b] = v[b], u[a]
    return True


def same_school_units(units, schools: dict[int, int]) -> int:
    """How many units hold two students of the same school (for checks and tests)."""
    count = 0
    for unit in units:
        members = [m for m in unit if m is not None]
        count += len({schools[m] for m in members}) < len(members)
    return count
