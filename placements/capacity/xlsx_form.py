"""The capacity form for one school and year as an XLSX file (read back by ``capacity_import``).

Rows 2–4 hold the school, the school year and the total cap (a yellow cell to fill in); row 6 the
headings; below them what the school declared so far, so the form can be downloaded, changed
and uploaded again. Lists in the cells of stage, level, start and maybe offer the allowed
values; a second sheet lists them and the partnership's subjects."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from partnerships.exports import workbook_bytes
from placements.capacity.imports import COLUMNS, MAX_ROWS, VALUES, label, word

_BOLD = Font(bold=True)
_INPUT = PatternFill("solid", fgColor="FFF2CC")
HEADING_ROW = 6


def capacity_template(*, school, academic_year, capacity, lines, subjects) -> bytes:
    """The form for one school and year, filled in with what the school declared so far."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Capacity")[:31]
    sheet["A1"] = _("Student places %(school)s %(year)s") % {
        "school": school.name,
        "year": academic_year.label,
    }
    sheet["A1"].font = Font(bold=True, size=14)
    for row, key, value in (
        (2, "school", school.name),
        (3, "year", academic_year.label),
        (4, "total_cap", capacity.total_cap if capacity else None),
    ):
        sheet.cell(row=row, column=1, value=label(key)).font = _BOLD
        sheet.cell(row=row, column=2, value=value)
    sheet["B4"].fill = _INPUT
    for index, column in enumerate(COLUMNS, 1):
        sheet.cell(row=HEADING_ROW, column=index, value=column.heading).font = _BOLD
    for line in lines:
        sheet.append(
            [
                line.subject.name,
                word("stage", line.stage),
                word("level", line.level),
                word("start", line.start),
                line.places,
                word("maybe", line.availability == "maybe"),
            ]
        )
    for letter, key in zip("BCDF", ("stage", "level", "start", "maybe"), strict=True):
        choices = ",".join(word(key, value) for value in VALUES[key])
        check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        sheet.add_data_validation(check)
        check.add(f"{letter}{HEADING_ROW + 1}:{letter}{HEADING_ROW + MAX_ROWS}")
    for letter, width in zip("ABCDEF", (44, 22, 16, 20, 10, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{HEADING_ROW + 1}"
    _notes(workbook.create_sheet(_("Notes")[:31]), subjects)
    return workbook_bytes(workbook)  # names as text cells, never formulas


def _notes(sheet, subjects) -> None:
    sheet.append(
        [
            _(
                "Fill in the total number of students the school takes (yellow cell) and one "
                "row per subject, stage, level and start with the number of places. Choose "
                "'maybe' for places that are not certain yet. Rows you delete are no longer "
                "declared when you upload the form."
            )
        ]
    )
    sheet.append([])
    for key, column in zip(VALUES, (COLUMNS[1], COLUMNS[2], COLUMNS[3], COLUMNS[5]), strict=True):
        sheet.append([_("Allowed values: %(column)s") % {"column": column.heading}])
        sheet[sheet.max_row][0].font = _BOLD
        for value, (nl, en, others) in VALUES[key].items():
            sheet.append([word(key, value), ", ".join(dict.fromkeys((nl, en, *others)))])
        sheet.append([])
    sheet.append([_("Subjects")])
    sheet[sheet.max_row][0].font = _BOLD
    for subject in subjects:
        sheet.append([subject.name, subject.code])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 20
