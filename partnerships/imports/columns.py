"""Columns of an import, matching a file's headings to them, and checking one row's cells.

A column has a Dutch and an English heading; both are accepted whatever the user's language,
as are a few common variants (``aliases``). Headings match ignoring case, accents, spaces and
punctuation, so 'E-mailadres', 'email' and ' E-mail ' are the same column."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .cells import as_text, is_empty, normalise
from .readers import ImportFileError


def english() -> bool:
    return (get_language() or "nl").startswith("en")


@dataclass(frozen=True)
class Column:
    key: str
    nl: str
    en: str
    required: bool = False
    example: str = ""
    help: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return self.en if english() else self.nl

    @property
    def other_heading(self) -> str:
        """The heading in the other language, also accepted; empty when it is the same."""
        other = self.nl if english() else self.en
        return "" if other == self.heading else other

    def names(self) -> set[str]:
        return {normalise(name) for name in (self.key, self.nl, self.en, *self.aliases)}


@dataclass
class Row:
    number: int
    cells: dict[str, object]  # by column key, only the columns the file has

    def has(self, key: str) -> bool:
        return key in self.cells

    def value(self, key: str):
        return self.cells.get(key, "")


@dataclass
class Layout:
    """Which position in the file holds which column, and the headings as the file has them."""

    positions: dict[str, int]
    headings: dict[str, str]
    ignored: list[str] = field(default_factory=list)

    def row(self, number: int, values: list) -> Row:
        cells = {
            key: (values[index] if index < len(values) else "")
            for key, index in self.positions.items()
        }
        return Row(number=number, cells=cells)


def match_columns(headings: list[str], columns: list[Column]) -> Layout:
    by_name = {name: column for column in columns for name in column.names()}
    layout = Layout(positions={}, headings={})
    twice = []
    for index, heading in enumerate(headings):
        column = by_name.get(normalise(heading))
        if column is None:
            if heading.strip():
                layout.ignored.append(heading.strip())
        elif column.key in layout.positions:
            twice.append(heading.strip())
        else:
            layout.positions[column.key] = index
            layout.headings[column.key] = heading.strip()
    if twice:
        raise ImportFileError(
            _("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(twice)}
        )
    missing = [c.heading for c in columns if c.required and c.key not in layout.positions]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
    return layout


class Cells:
    """One row's cells while it is checked: parsed values and the errors found, per column."""

    def __init__(self, row: Row):
        self.row = row
        self.errors: list[tuple[str, str]] = []  # (column key, message)

    def has(self, key: str) -> bool:
        return self.row.has(key)

    def empty(self, key: str) -> bool:
        return is_empty(self.row.value(key))

    def text(self, key: str) -> str:
        return as_text(self.row.value(key))

    def parse(self, key: str, parser: Callable, **kwargs):
        """The parsed value, None for an empty cell, or None with the parser's messages noted."""
        if self.empty(key):
            return None
        try:
            return parser(self.row.value(key), **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                self.add(key, message)
            return None

    def add(self, key: str, message: str) -> None:
        if (key, message) not in self.errors:
            self.errors.append((key, str(message)))

    def ok(self, *keys: str) -> bool:
        return not any(key in keys for key, _message in self.errors)

    def add_model_errors(self, exc: ValidationError, keys: dict[str, str] | None = None) -> None:
        """A model's full_clean() messages, on the column of the field (or the row as a whole)."""
        keys = keys or {}
        for name, messages in exc.message_dict.items():
            key = "" if name == NON_FIELD_ERRORS else keys.get(name, name)
            if key and not self.ok(key):
                continue  # the cell's own message says it better
            for message in messages:
                self.add(key, message)

    def check_required(self, columns: list[Column]) -> None:
        for column in columns:
            if column.required and self.empty(column.key):
                self.add(column.key, _("This field is required."))
