"""Pure rules of governance: the meeting norm and the word-by-word comparison of two texts."""

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Norm:
    held: int
    norm: int

    @property
    def met(self) -> bool:
        return self.held >= self.norm


def norm_status(held: int, norm: int) -> Norm:
    return Norm(held=max(held, 0), norm=max(norm, 0))


def next_number(numbers) -> int:
    """Decisions are numbered 1, 2, … per year; the next is one past the highest."""
    return max(numbers, default=0) + 1


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``(op, text)`` pieces, op in "same", "del", "ins": what changed between two texts."""
    a, b = re.findall(r"\S+|\s+", old or ""), re.findall(r"\S+|\s+", new or "")
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("ins", "".join(b[j1:j2])))
    return pieces
