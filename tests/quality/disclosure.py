"""A disclosure audit for published groups of respondents (issue 13, item 3).

Each published figure — a count, or the answers of a question tallied over a group — is the sum
over a set of respondents. An attacker can add and subtract published figures; the result is the
figure of a group exactly when the combination of the sets' indicator vectors is a 0/1 vector.
``pairs_and_triples`` tries every signed combination of two or three published sets (A − B for
B ⊂ A, A + B − A∩B, A − B + C as in the issue: group A − hbo + (B∧hbo) = A∧wo, …);
``isolatable`` decides exactly, with rational linear algebra, whether *any* combination of the
published sets isolates a group of 1..k-1 respondents."""

import itertools
from collections import defaultdict
from collections.abc import Iterable
from fractions import Fraction


def pairs_and_triples(sets: Iterable[frozenset], k: int) -> list[tuple]:
    """Signed combinations of two or three published sets that give a group of 1..k-1."""
    sets = sorted(set(sets), key=lambda s: (len(s), sorted(map(str, s))))
    found = []
    for size in (2, 3):
        for combo in itertools.combinations(sets, size):
            for signs in itertools.product((1, -1), repeat=size):
                if signs[0] < 0:  # the negation of a 0/1 vector is never 0/1 (unless empty)
                    continue
                weight: dict = defaultdict(int)
                for sign, members in zip(signs, combo, strict=True):
                    for member in members:
                        weight[member] += sign
                if all(w in (0, 1) for w in weight.values()):
                    group = frozenset(m for m, w in weight.items() if w == 1)
                    if 0 < len(group) < k:
                        found.append((signs, combo, group))
    return found


def _reduce(basis: list[tuple[int, list[Fraction]]], vector: list[Fraction]) -> list[Fraction]:
    vector = list(vector)
    for pivot, row in basis:
        if vector[pivot]:
            factor = vector[pivot]
            vector = [v - factor * r for v, r in zip(vector, row, strict=True)]
    return vector


def _basis(rows: list[list[int]]) -> list[tuple[int, list[Fraction]]]:
    basis: list[tuple[int, list[Fraction]]] = []
    for row in rows:
        vector = _reduce(basis, [Fraction(v) for v in row])
        pivot = next((i for i, v in enumerate(vector) if v), None)
        if pivot is None:
            continue
        vector = [v / vector[pivot] for v in vector]
        # keep the basis reduced: clear the new pivot from the earlier rows
        basis = [
            (p, [a - r[pivot] * b for a, b in zip(r, vector, strict=True)] if r[pivot] else r)
            for p, r in basis
        ]
        basis.append((pivot, vector))
    return basis


def isolatable(sets: Iterable[frozenset], k: int) -> list[frozenset]:
    """Every group of 1..k-1 respondents whose figure follows from the published sets by any
    linear combination (rational coefficients, so also sums, differences and averages)."""
    sets = list(set(sets))
    signature: dict = defaultdict(set)
    for member in set().union(*sets) if sets else ():
        signature[tuple(member in s for s in sets)].add(member)
    atoms = [frozenset(members) for members in signature.values()]
    basis = _basis([[1 if atom <= s else 0 for atom in atoms] for s in sets])
    small_atoms = [i for i, atom in enumerate(atoms) if len(atom) < k]
    found = []
    for size in range(1, k):
        for combo in itertools.combinations(small_atoms, size):
            group = frozenset().union(*(atoms[i] for i in combo))
            if not 0 < len(group) < k:
                continue
            vector = [Fraction(1 if i in combo else 0) for i in range(len(atoms))]
            if not any(_reduce(basis, vector)):
                found.append(group)
    return found
