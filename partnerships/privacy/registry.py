"""Where every app declares the personal data it holds, without the base importing the apps.

An app calls ``register(PersonalData(...))`` in its ``AppConfig.ready``:

* ``retain(today, cutoff) -> int``: delete or anonymise what is past its term (rows changed;
  0 when run again the same day — the task is idempotent);
* ``export(person, partnership) -> dict``: the person's data of this kind in a partnership, as
  plain JSON data, for the subject-access export;
* ``files(person, partnership) -> list[(name, bytes)]``: documents about the person (PDFs,
  attachments) that go into the export's ZIP as they are."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from .terms import Term, term

Retain = Callable[[datetime.date, datetime.date], int]
Export = Callable[..., dict]
Files = Callable[..., list[tuple[str, bytes]]]


@dataclass(frozen=True)
class PersonalData:
    key: str  # also the key of settings.RETENTION, when the data has a term
    label: str  # what it is, for the privacy statement and the export's index
    after: str = ""  # what the term counts from ("after the end of the school year …")
    outcome: str = ""  # what happens at the end of the term (deleted, made anonymous)
    retain: Retain | None = None
    export: Export | None = None
    files: Files | None = None
    order: int = 100

    @property
    def term(self) -> Term | None:
        return term(self.key) if self.retain else None


KINDS: dict[str, PersonalData] = {}


def register(kind: PersonalData) -> None:
    KINDS[kind.key] = kind


def kinds() -> list[PersonalData]:
    return sorted(KINDS.values(), key=lambda kind: (kind.order, kind.key))
