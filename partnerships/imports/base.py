"""What every kind of import provides: its columns, a check per row, a save per checked row."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from ..models import Partnership
from .cells import Lookup
from .columns import Cells, Column, Row


def name_key(text) -> str:
    """Names of organisations, subjects and clusters match ignoring case and extra spaces."""
    return " ".join(str(text).casefold().split())


def name_lookup(pairs=()) -> Lookup:
    return Lookup(pairs, key=name_key)


@dataclass(frozen=True)
class Duplicate:
    """A value that may occur only once in a file; ``message`` takes %(row)s, the first row."""

    key: str
    value: object
    message: str = gettext_lazy("This value is already in row %(row)s.")


@dataclass
class Checked:
    record: object | None = None
    duplicates: list[Duplicate] = field(default_factory=list)


@dataclass(frozen=True)
class Note:
    """Allowed values of a column, for the page and the template's notes sheet."""

    title: str
    values: list[tuple[str, str]]  # (what to type, what it means)


class Importer(ABC):
    kind: str = ""
    label = ""
    description = ""  # how rows find existing records, shown on the import page
    list_url_name = ""
    columns: list[Column] = []
    # True: the upload leads to a check page (what will be added and changed) before saving;
    # such a kind also defines ``describe(record) -> Change`` (see duo.py).
    needs_check = False

    def __init__(self, *, partnership: Partnership, academic_year: int | None = None):
        self.partnership = partnership
        self.academic_year = academic_year

    def prepare(self, rows: list[Row]) -> None:  # noqa: B027 (an optional hook)
        """Load what the rows refer to, in a few queries for the whole file."""

    @abstractmethod
    def check(self, cells: Cells) -> Checked:
        """Validate one row: the cleaned record, or the errors per column."""

    @abstractmethod
    def save(self, record) -> bool:
        """Save one checked row; True when it created a record, False when it updated one."""

    def examples(self) -> dict[str, str]:
        return {column.key: column.example for column in self.columns}

    def notes(self) -> list[Note]:
        return []

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True)
class Change:
    name: str
    new: bool
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (what, before, after)
