"""The outcome of an import: counts when it was saved, or the errors that stopped it."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    row: int  # as the user sees it in Excel: the headings are row 1
    column: str  # the heading as the file has it; empty for the row as a whole
    message: str


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    file_errors: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.errors

    @property
    def rows_with_errors(self) -> int:
        return len({error.row for error in self.errors})
