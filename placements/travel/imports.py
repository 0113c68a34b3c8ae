"""Travel times as a file: the template (XLSX) and its import (XLSX or CSV).

One row per travel time: the school, then either a postcode area (four digits; a full
postcode is cut to its area) or a student (student number or e-mail address), and the minutes
one way. Files are read with ``partnerships.imports`` (row numbers as Excel shows them). Every
row is checked first; when one is wrong nothing is saved and the report lists each problem per
row. A correct file adds its times and replaces those already known for the same school and
area or student; times not in the file stay (``services.travel.travel_times_save``)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from partnerships.exports import workbook_bytes
from partnerships.imports.cells import as_text, normalise, parse_int
from partnerships.imports.columns import Cells, Column, match_columns
from partnerships.imports.directory import Directory
from partnerships.imports.readers import ImportFileError, read_table
from partnerships.imports.report import ImportReport, RowError
from partnerships.models import Student
from placements.models import TravelTime
from placements.travel.services import TravelInput, travel_times_save

MAX_ROWS = 5000
MAX_MINUTES = 600
COLUMNS = [
    Column("school", "School", "School", required=True),
    Column(
        "area",
        "Postcodegebied",
        "Postcode area",
        aliases=("postcode", "pc4", "gebied", "area"),
    ),
    Column(
        "student",
        "Student (studentnummer of e-mail)",
        "Student (student number or e-mail)",
        aliases=("student", "studentnummer", "student number", "e-mail", "email"),
    ),
    Column("minutes", "Minuten", "Minutes", required=True, aliases=("reistijd", "travel time")),
]


def _area(value) -> str:
    digits = normalise(as_text(value))[:4]
    if len(digits) != 4 or not digits.isdigit() or digits[0] == "0":
        raise ValidationError(_("Enter the four digits of a postcode, such as 2514."))
    return digits


class _Students:
    def __init__(self, partnership):
        self.by_key = {}
        for student in Student.objects.filter(partnership=partnership).select_related("person"):
            for key in (student.student_number, student.person.email):
                if key:
                    self.by_key.setdefault(normalise(key), student)

    def __call__(self, value) -> Student:
        student = self.by_key.get(normalise(as_text(value)))
        if student is None:
            raise ValidationError(
                _("There is no student with this student number or e-mail address.")
            )
        return student


def _school(directory):
    def parse(value):
        school = directory.organisation(value)
        if school.kind != "school":
            raise ValidationError(_("This organisation is not a school."))
        return school

    return parse


def read_travel(file, *, partnership, report: ImportReport) -> list[TravelInput] | None:
    try:
        table = read_table(file, max_rows=MAX_ROWS)
        layout = match_columns(table.headings, COLUMNS)
    except ImportFileError as exc:
        report.file_errors.append(exc.message)
        return None
    report.ignored_columns = layout.ignored
    directory = Directory(partnership)
    students = _Students(partnership)
    school = _school(directory)
    first_rows: dict[tuple, int] = {}
    lines = []
    for number, values in table.rows:
        cells = Cells(layout.row(number, values))
        cells.check_required(COLUMNS)
        found = cells.parse("school", school)
        area = cells.parse("area", _area) or ""
        student = cells.parse("student", students)
        minutes = cells.parse("minutes", parse_int, minimum=0, maximum=MAX_MINUTES)
        if cells.empty("area") == cells.empty("student"):
            cells.add("", _("Fill in either a postcode area or a student, not both."))
        if not cells.errors:
            line = TravelInput(
                school_id=found.pk,
                minutes=minutes,
                student_id=student.pk if student else None,
                area="" if student else area,
            )
            key = (line.school_id, line.student_id, line.area)
            first = first_rows.setdefault(key, number)
            if first != number:
                cells.add("", _("This travel time repeats row %(row)s.") % {"row": first})
            else:
                lines.append(line)
        for key, message in cells.errors:
            report.errors.append(RowError(number, layout.headings.get(key, ""), message))
    report.rows = len(table.rows)
    return None if report.errors or report.file_errors else lines


def travel_import(*, partnership, file, by) -> ImportReport:
    """Read, check and save a travel-times file: all its rows, or nothing."""
    report = ImportReport(kind="travel_times")
    lines = read_travel(file, partnership=partnership, report=report)
    if lines is None:
        return report
    try:
        report.created, report.updated = travel_times_save(
            partnership=partnership, lines=lines, by=by
        )
    except ValidationError as exc:
        report.file_errors.extend(exc.messages)
    return report


def travel_template(*, partnership) -> bytes:
    """The template with the partnership's travel times so far (download, change, upload)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Travel times")[:31]
    sheet.append([column.heading for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rows = TravelTime.objects.filter(partnership=partnership).select_related(
        "school", "student__person"
    )
    for row in rows.order_by("school__name", "area", "student__student_number"):
        student = row.student
        who = (student.student_number or student.person.email) if student else ""
        sheet.append([row.school.name, row.area, who, row.minutes])
    for letter, width in zip("ABCD", (44, 18, 36, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("Notes")[:31])
    notes.append(
        [
            _(
                "One row per travel time, in minutes one way: the school and either a postcode "
                "area (the four digits of a postcode) or a student (student number or e-mail "
                "address). A student's own time wins over the time of their postcode area. "
                "Rows in the file replace the same school and area or student; other times stay."
            )
        ]
    )
    notes.append([])
    notes.append([_("Schools")])
    notes[notes.max_row][0].font = Font(bold=True)
    for school in partnership.organisations.filter(kind="school").order_by("name"):
        notes.append([school.name])
    notes.column_dimensions["A"].width = 80
    return workbook_bytes(workbook)  # names as text cells, never formulas
