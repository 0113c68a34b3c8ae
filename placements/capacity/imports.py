"""The capacity form schools fill in today, as an XLSX template and as an import.

One sheet per school and year. Above the table: the school, the school year and the **total
number of students the school takes** (the cell to the right of its label). Then one row per
line: subject, onderbouw/bovenbouw, hbo/wo/beide, September/Februari, number of places, maybe
(ja/nee). Headings and values are written in the user's language; Dutch and English headings
and values (and a few common variants) are accepted whatever the language. Files are read with
``partnerships.imports`` (XLSX or CSV, row numbers as Excel shows them). Every row is checked
first; when one is wrong nothing is saved and the report lists each problem per row. A correct
file replaces the school's declaration for the year (``services.capacity.capacity_save``). The
form itself is written by ``capacity_template``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partnerships.imports.cells import Lookup, as_text, is_empty, normalise, parse_int
from partnerships.imports.columns import Cells, Column, english, match_columns
from partnerships.imports.directory import Directory
from partnerships.imports.readers import ImportFileError, read_table
from partnerships.imports.report import ImportReport, RowError
from placements.capacity.services import LineInput, capacity_save

MAX_ROWS = 1000
COLUMNS = [
    Column("subject", "Vak", "Subject", required=True, aliases=("vakgebied", "vaksectie")),
    Column(
        "stage",
        "Onderbouw/Bovenbouw",
        "Lower/upper secondary",
        required=True,
        aliases=("bouw", "ob/bb", "stage", "onderbouw of bovenbouw"),
    ),
    Column("level", "hbo/wo/beide", "hbo/wo/either", required=True, aliases=("niveau", "level")),
    Column(
        "start",
        "September/Februari",
        "September/February",
        required=True,
        aliases=("start", "startmoment", "instroom", "instroommoment"),
    ),
    Column("places", "Aantal", "Places", required=True, aliases=("plaatsen", "aantal plaatsen")),
    Column("maybe", "Misschien (ja/nee)", "Maybe (yes/no)", aliases=("misschien", "maybe")),
]
# value -> (Dutch word, English word, other accepted spellings)
VALUES = {
    "stage": {
        "onderbouw": ("onderbouw", "lower", ("ob", "lower secondary")),
        "bovenbouw": ("bovenbouw", "upper", ("bb", "upper secondary")),
    },
    "level": {
        "hbo": ("hbo", "hbo", ()),
        "wo": ("wo", "wo", ()),
        "either": ("beide", "either", ("hbo of wo", "hbo/wo", "hbo or wo", "both")),
    },
    "start": {
        "september": ("september", "September", ("sep", "sept")),
        "february": ("februari", "February", ("feb", "febr")),
    },
    "maybe": {
        True: ("ja", "yes", ("j", "y", "x", "1", "misschien", "maybe")),
        False: ("nee", "no", ("n", "0")),
    },
}
PREAMBLE = {
    "school": ("School", "School", ()),
    "year": ("Schooljaar", "School year", ("jaar", "year")),
    "total_cap": (
        "Maximum aantal studenten (totaal)",
        "Total number of students the school takes",
        ("maximum aantal studenten", "totaal", "total", "total cap", "max totaal"),
    ),
}


def word(key: str, value) -> str:
    """How the template writes ``value`` in the user's language."""
    nl, en, _others = VALUES[key][value]
    return en if english() else nl


def label(key: str) -> str:
    nl, en, _others = PREAMBLE[key]
    return en if english() else nl


def _lookup(pairs) -> Lookup:
    lookup = Lookup()
    for value, (nl, en, others) in pairs.items():
        for name in (nl, en, *others):
            lookup.add(name, value)
    return lookup


def _parser(key: str):
    lookup = _lookup(VALUES[key])

    def parse(cell):
        if (found := lookup.get(cell)) is None:
            words = " / ".join(word(key, value) for value in VALUES[key])
            raise ValidationError(_("Fill in one of: %(values)s.") % {"values": words})
        return found

    return parse


def _find_table(lines):
    """(preamble values by key, layout, rows after the headings); headings start with Vak."""
    subject = COLUMNS[0].names()
    labels = _lookup(PREAMBLE)
    preamble = {}
    for index, (number, values) in enumerate(lines):
        texts = [as_text(v) for v in values]
        if any(normalise(t) in subject for t in texts):
            return preamble, match_columns(texts, COLUMNS), lines[index + 1 :]
        found = labels.get(texts[0]) if texts else None
        if found:
            filled = [v for v in values[1:] if as_text(v)]
            preamble[found] = (number, filled[0] if filled else "")
    raise ImportFileError(
        _("The table's headings were not found: %(columns)s. Start from the form.")
        % {"columns": ", ".join(c.heading for c in COLUMNS)}
    )


def read_capacity(file, *, partnership, school, academic_year, report: ImportReport):
    """The lines and total cap of a file, or None with the problems added to ``report``."""
    try:
        table = read_table(file, max_rows=MAX_ROWS)
        preamble, layout, rows = _find_table([(None, table.headings), *table.rows])
    except ImportFileError as exc:
        report.file_errors.append(exc.message)
        return None
    report.ignored_columns = layout.ignored
    _check_preamble(preamble, school, academic_year, report)
    total_cap = _total_cap(preamble, report)
    directory = Directory(partnership)
    parsers = {key: _parser(key) for key in VALUES}
    first_rows: dict[tuple, int] = {}
    lines = []
    for number, values in rows:
        cells = Cells(layout.row(number, values))
        cells.check_required(COLUMNS)
        line = LineInput(
            subject_id=getattr(cells.parse("subject", directory.subject), "pk", None),
            stage=cells.parse("stage", parsers["stage"]),
            level=cells.parse("level", parsers["level"]),
            start=cells.parse("start", parsers["start"]),
            places=cells.parse("places", parse_int, minimum=0, maximum=99),
            maybe=bool(cells.parse("maybe", parsers["maybe"])),
        )
        if not cells.errors:
            first = first_rows.setdefault(line.key, number)
            if first != number:
                cells.add("", _("This line repeats row %(row)s.") % {"row": first})
        for key, message in cells.errors:
            heading = layout.headings.get(key, "")
            report.errors.append(RowError(number, heading, message))
        lines.append(line)
    report.rows = len(lines)
    if not lines and total_cap is None and not report.errors:
        report.file_errors.append(_("The form has no places and no total; nothing to import."))
    return None if report.errors or report.file_errors else (lines, total_cap)


def _total_cap(preamble, report) -> int | None:
    number, value = preamble.get("total_cap", (None, ""))
    if is_empty(value):
        return None
    try:
        return parse_int(value, minimum=0, maximum=999)
    except ValidationError as exc:
        # The label's row; the first row of the file when the label is in it.
        report.errors.extend(RowError(number or 1, label("total_cap"), m) for m in exc.messages)
        return None


def _check_preamble(preamble, school, academic_year, report) -> None:
    if "school" in preamble:
        _row, value = preamble["school"]
        if as_text(value) and normalise(value) not in {
            normalise(school.name),
            normalise(school.short_name),
        }:
            report.file_errors.append(
                _("This form is for %(other)s, not for %(school)s.")
                % {"other": as_text(value), "school": school.name}
            )
    if "year" in preamble:
        _row, value = preamble["year"]
        if as_text(value) and as_text(value).replace(" ", "") != academic_year.label:
            report.file_errors.append(
                _("This form is for %(other)s, not for %(year)s.")
                % {"other": as_text(value), "year": academic_year.label}
            )


def capacity_import(*, school, academic_year, file, by) -> ImportReport:
    """Read, check and save a capacity form: all its lines, or nothing."""
    report = ImportReport(kind="capacity")
    result = read_capacity(
        file,
        partnership=school.partnership,
        school=school,
        academic_year=academic_year,
        report=report,
    )
    if result is None:
        return report
    lines, total_cap = result
    try:
        capacity_save(
            school=school, academic_year=academic_year, total_cap=total_cap, lines=lines, by=by
        )
    except ValidationError as exc:
        report.file_errors.extend(exc.messages)
        return report
    report.created = len([line for line in lines if line.places])
    return report
