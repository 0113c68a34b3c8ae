"""Where the other apps plug into governance without governance importing them.

* ``CHAPTER_PROVIDERS[source]``: functions ``(partnership, academic_year) -> Fragment | None``
  that assemble a chapter of the policy document from live data. ``chapters.CHAPTERS`` names
  the sources each chapter reads. Apps append their providers in ``AppConfig.ready``.
* ``LINK_PROVIDERS``: functions ``(partnership) -> list[Link]``: product pages an agenda item
  can point at (a quota proposal, a division, a quality report, a plan version)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Fragment:
    """Plain data for a chapter: an optional heading, lines of text, and tables
    (header row + rows of strings)."""

    heading: str = ""
    lines: list[str] = field(default_factory=list)
    tables: list[tuple[list[str], list[list[str]]]] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


CHAPTER_PROVIDERS: dict[str, list[Callable]] = defaultdict(list)
LINK_PROVIDERS: list[Callable] = []


def register_chapter(source: str, provider: Callable) -> None:
    if provider not in CHAPTER_PROVIDERS[source]:
        CHAPTER_PROVIDERS[source].append(provider)


def register_links(provider: Callable) -> None:
    if provider not in LINK_PROVIDERS:
        LINK_PROVIDERS.append(provider)
