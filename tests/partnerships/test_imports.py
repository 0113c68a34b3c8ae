"""Bulk import of schools, staff and students: through the page, all-or-nothing, templates."""

import csv
import datetime
import html
import io
from unittest import mock

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.utils import translation

from partnerships import services
from partnerships.glossary import OrganisationKind, ProgrammeVariant, Role
from partnerships.imports import cells
from partnerships.imports.columns import match_columns
from partnerships.imports.kinds import IMPORTERS
from partnerships.imports.readers import ImportFileError
from partnerships.models import (
    AcademicYear,
    Cluster,
    Organisation,
    Person,
    PupilCount,
    RoleAssignment,
    Student,
)
from tests.factories import (
    PASSWORD,
    InstituteFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    StudentFactory,
    SubjectFactory,
)

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THIS_YEAR = AcademicYear.start_year_for(datetime.date.today())

SCHOOL_HEADINGS = [
    "Naam", "Korte naam", "Soort", "Schooltypen", "Niveau instituut", "Cluster", "BRIN",
    "Bestuur", "Adres", "Postcode", "Plaats", "E-mail", "Telefoon", "Leerlingen",
]  # fmt: skip
SCHOOL_ROWS = [
    ["Het Lyceum", "HL", "school", "havo, vwo, gymnasium", "", "Cluster West", "12AB",
     "Stichting X", "Laan 1", "2511ab", "Den Haag", "info@lyceum.nl", "070 1234567", 1450],
    ["Vakcollege", "", "School", "vmbo-b; vmbo-k", "", "Cluster West", "", "", "", "",
     "Delft", "", "", ""],
    ["Hogeschool Rotterdam", "HR", "instituut", "", "hbo", "", "", "", "", "", "Rotterdam",
     "", "", ""],
]  # fmt: skip
STAFF_HEADINGS = [
    "E-mail", "Voornaam", "Tussenvoegsel", "Achternaam", "Telefoon", "Voor de klas sinds",
    "Rol", "Organisatie", "Vak", "Geldig vanaf", "Geldig tot en met",
]  # fmt: skip
STAFF_ROWS = [
    ["a.boer@lyceum.nl", "Anna", "de", "Boer", "06 12345678", 2010, "wpb", "Het Lyceum",
     "Nederlands", datetime.datetime(2025, 8, 1), ""],
    ["A.Boer@lyceum.nl", "Anna", "de", "Boer", "", "", "schoolopleider", "HL", "",
     "01-08-2025", "31-07-2026"],
    ["s.jansen@os.nl", "Sam", "", "Jansen", "", "", "stagecoördinator", "", "", "", ""],
    ["i.smit@hs.nl", "Ivo", "", "Smit", "", "", "Instituutsopleider", "hogeschool", "NED",
     "2025-08-01", ""],
]  # fmt: skip
STUDENT_HEADINGS = [
    "E-mail", "Voornaam", "Tussenvoegsel", "Achternaam", "Studentnummer", "Instituut",
    "Opleidingsvariant", "Studiejaar hbo", "Wo-opleiding", "Vak", "Graad", "Postcode",
    "Startjaar", "School", "Leerdoelen",
]  # fmt: skip
STUDENT_ROWS = [
    ["sara@student.nl", "Sara", "", "Bakker", "500001", "Hogeschool", "hbo voltijd", 2, "",
     "Nederlands", "tweedegraads", "2511ab", "2025-2026", "Het Lyceum", "Klassenmanagement"],
    ["tim@student.nl", "Tim", "van", "Dam", 500002, "Universiteit", "wo 60", "", "MLI Engels",
     "ned", "1", "", "2025/26", "", ""],
]  # fmt: skip


def xlsx(rows, name="import.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_TYPE)


def csv_file(rows, *, delimiter=";", bom=True, name="import.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def nl(message: str, **params) -> str:
    """Our own message as a Dutch user reads it (the catalogue is filled in later)."""
    with translation.override("nl"):
        text = translation.gettext(message)
    return text % params if params else text


@pytest.fixture
def manager(client):
    role = RoleFactory(role=Role.STAGECOORDINATOR)
    assert client.login(username=role.person.email, password=PASSWORD)
    return role


@pytest.fixture
def partnership(manager):
    return manager.partnership


@pytest.fixture
def setting(partnership):
    """The organisations and subject the staff and student rows refer to."""
    return {
        "school": SchoolFactory(partnership=partnership, name="Het Lyceum", short_name="HL"),
        "hbo": InstituteFactory(partnership=partnership, name="Hogeschool"),
        "wo": InstituteFactory(partnership=partnership, name="Universiteit", institute_level="wo"),
        "subject": SubjectFactory(partnership=partnership, name="Nederlands", code="ned"),
    }


def upload(client, partnership, kind, file, **extra):
    url = f"/p/{partnership.slug}/import/"
    data = {"kind": kind, "file": file, "academic_year": THIS_YEAR} | extra
    return client.post(url, data, follow=True)


def confirmed(client, partnership, response):
    """For kinds with a check page (schools from DUO): confirm it, as the user would."""
    if response.redirect_chain and response.redirect_chain[-1][0].endswith("/import/check/"):
        return client.post(f"/p/{partnership.slug}/import/check/", follow=True)
    return response


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def assert_imported(response, created, updated=0):
    """The import succeeded and the page says how many rows were new and updated."""
    assert response.status_code == 200
    report = response.context.get("report")
    assert report is None, report and (report.file_errors, report.errors)
    rows = created + updated
    with translation.override("nl"):
        expected = translation.ngettext(
            "%(rows)s row imported: %(created)s new, %(updated)s updated.",
            "%(rows)s rows imported: %(created)s new, %(updated)s updated.",
            rows,
        ) % {"rows": rows, "created": created, "updated": updated}
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith(expected) for m in messages), messages


# --- good files through the page ----------------------------------------------------------


@pytest.mark.parametrize("make", [xlsx, csv_file])
def test_schools_import(client, partnership, make):
    response = upload(client, partnership, "schools", make([SCHOOL_HEADINGS, *SCHOOL_ROWS]))
    assert_imported(response, created=3)
    lyceum = Organisation.objects.get(partnership=partnership, name="Het Lyceum")
    assert lyceum.kind == OrganisationKind.SCHOOL
    assert lyceum.postcode == "2511 AB"
    assert lyceum.brin == "12AB"
    assert sorted(t.code for t in lyceum.school_types.all()) == ["gymnasium", "havo", "vwo"]
    college = Organisation.objects.get(partnership=partnership, name="Vakcollege")
    assert sorted(t.code for t in college.school_types.all()) == ["vmbo-b", "vmbo-k"]
    assert Cluster.objects.get(partnership=partnership).schools.count() == 2
    assert PupilCount.objects.get(organisation=lyceum).academic_year.start_year == THIS_YEAR
    hogeschool = Organisation.objects.get(partnership=partnership, name="Hogeschool Rotterdam")
    assert hogeschool.kind == OrganisationKind.INSTITUTE
    assert hogeschool.institute_level == "hbo"
    assert "/organisations/" in str(list(response.context["messages"])[0])


@pytest.mark.parametrize("make", [xlsx, csv_file])
def test_staff_import(client, partnership, setting, make):
    response = upload(client, partnership, "staff", make([STAFF_HEADINGS, *STAFF_ROWS]))
    assert_imported(response, created=4)
    anna = Person.objects.get(email="a.boer@lyceum.nl")
    assert (anna.first_name, anna.tussenvoegsel, anna.last_name) == ("Anna", "de", "Boer")
    assert anna.phone == "06 12345678" and anna.teaching_since == 2010
    assert not anna.has_usable_password()
    roles = RoleAssignment.objects.filter(person=anna, partnership=partnership)
    wpb = roles.get(role=Role.WERKPLEKBEGELEIDER)
    assert wpb.organisation == setting["school"] and wpb.subject == setting["subject"]
    assert wpb.valid_from == datetime.date(2025, 8, 1)
    so = roles.get(role=Role.SCHOOLOPLEIDER)
    assert so.valid_until == datetime.date(2026, 7, 31)
    sam = RoleAssignment.objects.get(person__email="s.jansen@os.nl", partnership=partnership)
    assert sam.role == Role.STAGECOORDINATOR and sam.organisation is None
    ivo = RoleAssignment.objects.get(person__email="i.smit@hs.nl")
    assert ivo.role == Role.INSTITUUTSOPLEIDER and ivo.organisation == setting["hbo"]


@pytest.mark.parametrize("make", [xlsx, csv_file])
def test_students_import(client, partnership, setting, make):
    response = upload(client, partnership, "students", make([STUDENT_HEADINGS, *STUDENT_ROWS]))
    assert_imported(response, created=2)
    sara = Student.objects.get(partnership=partnership, person__email="sara@student.nl")
    assert sara.programme_variant == ProgrammeVariant.HBO_BACHELOR_VOLTIJD
    assert sara.hbo_year == 2 and sara.grade == "2" and sara.postcode == "2511 AB"
    assert sara.institute == setting["hbo"] and sara.school == setting["school"]
    assert sara.start_year.start_year == 2025 and sara.subsidy_category == "a"
    assert not sara.person.has_usable_password()
    tim = Student.objects.get(partnership=partnership, person__email="tim@student.nl")
    assert tim.programme_variant == ProgrammeVariant.WO_MASTER_60
    assert tim.student_number == "500002" and tim.hbo_year is None and tim.grade == "1"
    assert tim.person.tussenvoegsel == "van" and tim.wo_programme == "MLI Engels"
    assert tim.subsidy_category == "c"


def test_comma_csv_without_bom_and_windows_1252(client, partnership, setting):
    rows = [STUDENT_HEADINGS, *STUDENT_ROWS]
    rows[1] = [*rows[1][:1], "Zoë", *rows[1][2:]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    file = SimpleUploadedFile("leerlingen.csv", buffer.getvalue().encode("cp1252"))
    assert_imported(upload(client, partnership, "students", file), created=2)
    assert Person.objects.get(email="sara@student.nl").first_name == "Zoë"


def test_english_headings_are_accepted(client, partnership, setting):
    headings = ["e-mail", "First name", "Prefix", "LAST NAME", "Role", "Organisation", "Subject"]
    rows = [["x@school.nl", "Xena", "", "Kok", "werkplekbegeleider", "Het Lyceum", "Nederlands"]]
    assert_imported(upload(client, partnership, "staff", xlsx([headings, *rows])), created=1)
    assert RoleAssignment.objects.filter(person__email="x@school.nl").count() == 1


def test_unknown_columns_are_ignored_with_a_warning(client, partnership):
    rows = [["Naam", "Soort", "Opmerking"], ["Het Lyceum", "school", "nieuw"]]
    response = upload(client, partnership, "schools", xlsx(rows))
    assert_imported(response, created=1)
    assert "Opmerking" in page_text(response)


# --- all or nothing ------------------------------------------------------------------------


def test_one_bad_row_saves_nothing_and_is_listed_in_dutch(client, partnership, setting):
    rows = [STUDENT_HEADINGS, *STUDENT_ROWS]
    bad = ["geen-adres", "Els", "", "", "", "Hogeschool", "hbo voltijd", 1, "", "Nederlands"]
    rows.append(bad)
    response = upload(client, partnership, "students", xlsx(rows))
    assert response.status_code == 200
    assert not Student.objects.filter(partnership=partnership).exists()
    assert not Person.objects.filter(email="sara@student.nl").exists()
    errors = {(e.row, e.column, e.message) for e in response.context["report"].errors}
    assert errors == {
        (4, "E-mail", "Voer een geldig e-mailadres in."),
        (4, "Achternaam", "Dit veld is verplicht."),
    }
    text = page_text(response)
    assert "Voer een geldig e-mailadres in." in text and "Dit veld is verplicht." in text
    assert 'name="file"' in text  # the form is kept for the next upload


def test_model_rules_are_reported_on_the_row(client, partnership, setting):
    rows = [
        STAFF_HEADINGS,
        ["a@x.nl", "A", "", "B", "", "", "schoolopleider", "Hogeschool", "", "", ""],
        ["c@x.nl", "C", "", "D", "", "", "programmamanager", "", "Nederlands", "", ""],
        ["e@x.nl", "E", "", "F", "", "", "wpb", "Het Lyceum", "", "01-08-2026", "01-08-2025"],
    ]
    response = upload(client, partnership, "staff", csv_file(rows))
    errors = {(e.row, e.column, e.message) for e in response.context["report"].errors}
    assert errors == {
        (2, "Organisatie", nl("This role is held at a school.")),
        (3, "Vak", nl("This role is not held per subject.")),
        (4, "Geldig tot en met", nl("The end date lies before the start date.")),
    }
    assert not RoleAssignment.objects.filter(person__email__endswith="@x.nl").exists()


def test_unknown_references_and_bad_values(client, partnership, setting):
    rows = [
        STUDENT_HEADINGS,
        ["a@x.nl", "A", "", "B", "", "Nergens", "hbo voltijd", 7, "", "Latijn", "3",
         "12345", "volgend jaar", "Hogeschool", ""],
        ["c@x.nl", "C", "", "D", "", "Hogeschool", "hbo voltijd", "", "", "ned", "", "", "",
         "", ""],
    ]  # fmt: skip
    response = upload(client, partnership, "students", csv_file(rows))
    errors = {(e.row, e.column): e.message for e in response.context["report"].errors}
    assert errors == {
        (2, "Instituut"): nl("There is no organisation with this name in this partnership."),
        (2, "Studiejaar hbo"): "Zorg ervoor dat deze waarde hoogstens 4 is.",
        (2, "Vak"): nl("There is no subject with this name or code in this partnership."),
        (2, "Graad"): nl("Fill in 1 (eerstegraads) or 2 (tweedegraads)."),
        (2, "Postcode"): nl("Enter a Dutch postcode such as 1234 AB."),
        (2, "Startjaar"): nl("Enter a school year such as 2025-2026."),
        (3, "Studiejaar hbo"): nl("An hbo bachelor student has a year (1–4)."),
    }


def test_bad_dates_and_roles(client, partnership, setting):
    rows = [
        STAFF_HEADINGS,
        ["a@x.nl", "A", "", "B", "", "ooit", "directrice", "Het Lyceum", "", "32-13-2025", ""],
    ]
    response = upload(client, partnership, "staff", xlsx(rows))
    errors = {e.column: e.message for e in response.context["report"].errors}
    assert errors == {
        "Voor de klas sinds": "Voer een geheel getal in.",
        "Rol": nl("Unknown role; the template's notes list the roles."),
        "Geldig vanaf": nl("Enter a date as dd-mm-yyyy, for example 31-07-2026."),
    }


def test_duplicates_in_the_file(client, partnership, setting):
    response = upload(
        client, partnership, "students", xlsx([STUDENT_HEADINGS, *STUDENT_ROWS, STUDENT_ROWS[0]])
    )
    errors = {(e.row, e.column, e.message) for e in response.context["report"].errors}
    assert errors == {
        (4, "E-mail", nl("This value is already in row %(row)s.", row=2)),
        (4, "Studentnummer", nl("This value is already in row %(row)s.", row=2)),
    }
    staff_rows = [STAFF_HEADINGS, *STAFF_ROWS[:2], STAFF_ROWS[0]]
    staff = upload(client, partnership, "staff", csv_file(staff_rows))
    errors = {(e.row, e.column, e.message) for e in staff.context["report"].errors}
    assert errors == {(4, "", nl("This row repeats row %(row)s.", row=2))}
    school_rows = [SCHOOL_HEADINGS, *SCHOOL_ROWS, ["het  LYCEUM", "", "school"]]
    schools = upload(client, partnership, "schools", xlsx(school_rows))
    assert [(e.row, e.column) for e in schools.context["report"].errors] == [(5, "Naam")]
    assert not Student.objects.exists() and not Organisation.objects.filter(name="Vakcollege")


def test_same_person_with_different_details_in_two_rows(client, partnership, setting):
    rows = [STAFF_HEADINGS, STAFF_ROWS[0], ["a.boer@lyceum.nl", "Anne", *STAFF_ROWS[1][2:]]]
    response = upload(client, partnership, "staff", xlsx(rows))
    errors = {(e.row, e.column, e.message) for e in response.context["report"].errors}
    assert errors == {
        (3, "Voornaam", nl("Row %(row)s gives this person a different value.", row=2))
    }


def test_database_error_half_way_rolls_everything_back(client, partnership):
    real = services.organisation_save
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise DatabaseError("disk full")
        return real(**kwargs)

    with mock.patch.object(services, "organisation_save", side_effect=fail_on_second):
        response = upload(client, partnership, "schools", xlsx([SCHOOL_HEADINGS, *SCHOOL_ROWS]))
    assert len(calls) == 2
    assert not Organisation.objects.filter(partnership=partnership).exists()
    assert not Cluster.objects.exists() and not PupilCount.objects.exists()
    assert response.context["form"].errors["file"] == [
        nl("Saving failed, so nothing has been saved. Please try again.")
    ]


def test_database_error_in_a_big_kind_rolls_back_people_too(client, partnership, setting):
    real = Student.save
    calls = []

    def fail_on_second(student, *args, **kwargs):
        calls.append(student)
        if len(calls) == 2:
            raise DatabaseError("connection lost")
        return real(student, *args, **kwargs)

    with mock.patch.object(Student, "save", autospec=True, side_effect=fail_on_second):
        response = upload(
            client, partnership, "students", csv_file([STUDENT_HEADINGS, *STUDENT_ROWS])
        )
    assert len(calls) == 2
    assert not Student.objects.exists()
    assert not Person.objects.filter(email__endswith="@student.nl").exists()
    assert response.context["form"].errors["file"]


def test_a_row_refused_while_saving_rolls_back_and_is_reported(client, partnership):
    """Someone else changed the data between the check and the save."""
    real = services.organisation_save
    calls = []

    def refuse_third(**kwargs):
        calls.append(kwargs)
        if len(calls) == 3:
            raise ValidationError({"name": ["Taken meanwhile."]})
        return real(**kwargs)

    with mock.patch.object(services, "organisation_save", side_effect=refuse_third):
        response = upload(client, partnership, "schools", xlsx([SCHOOL_HEADINGS, *SCHOOL_ROWS]))
    errors = [(e.row, e.column, e.message) for e in response.context["report"].errors]
    assert errors == [(4, "Naam", "Taken meanwhile.")]
    assert not Organisation.objects.filter(partnership=partnership).exists()


def test_a_duplicate_is_found_even_when_its_first_row_has_errors(client, partnership):
    rows = [["Naam", "Soort"], ["Het Lyceum", "kerk"], ["het lyceum", "school"]]
    response = upload(client, partnership, "schools", xlsx(rows))
    errors = [(e.row, e.column, e.message) for e in response.context["report"].errors]
    assert errors == [
        (2, "Soort", nl("Fill in school or instituut.")),
        (3, "Naam", nl("This value is already in row %(row)s.", row=2)),
    ]


def test_errors_follow_the_columns_of_the_file(client, partnership, setting):
    headings = ["Vak", "Achternaam", "E-mail", "Voornaam", "Instituut", "Opleidingsvariant"]
    rows = [headings, ["Latijn", "", "mis", "A", "Hogeschool", "hbo voltijd"]]
    response = upload(client, partnership, "students", xlsx(rows))
    columns = [e.column for e in response.context["report"].errors]
    assert columns == ["Vak", "Achternaam", "E-mail"]


# --- files that are not right --------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         "This is not a spreadsheet. Upload an XLSX or CSV file."),
        (SimpleUploadedFile("brief.pdf", b"%PDF-1.4 hello"),
         "This is not a spreadsheet. Upload an XLSX or CSV file."),
        (SimpleUploadedFile("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
         "This is an old Excel file (.xls). Save it as .xlsx or CSV and upload it again."),
        (SimpleUploadedFile("kapot.xlsx", b"PK\x03\x04 this is no workbook"),
         "The file could not be read as an Excel file."),
        (SimpleUploadedFile("nep.xlsx", b"Naam;Soort\nA;school\n"),
         "The file could not be read as an Excel file."),
        (SimpleUploadedFile("leeg.csv", b"\xef\xbb\xbf  \r\n"), "The file is empty."),
        (SimpleUploadedFile("kop.csv", b"Naam;Soort\r\n;\r\n"),
         "The file has headings but no rows below them."),
    ],
)  # fmt: skip
def test_unreadable_files_give_a_form_error(client, partnership, file, message):
    response = upload(client, partnership, "schools", file)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [nl(message)]
    assert not Organisation.objects.filter(partnership=partnership).exists()


def test_a_really_empty_upload_is_refused_by_the_form(client, partnership):
    response = upload(client, partnership, "schools", SimpleUploadedFile("leeg.xlsx", b""))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_an_empty_workbook(client, partnership):
    response = upload(client, partnership, "schools", xlsx([]))
    assert response.context["form"].errors["file"] == [nl("The file is empty.")]


def test_missing_required_columns_are_named_in_one_message(client, partnership):
    response = upload(client, partnership, "students", xlsx([["E-mail", "Voornaam"], ["a", "b"]]))
    missing = "Achternaam, Instituut, Opleidingsvariant, Vak"
    message = nl("Required columns are missing: %(columns)s. Start from the template.")
    assert response.context["form"].errors["file"] == [message % {"columns": missing}]


def test_a_column_twice(client, partnership):
    rows = [["Naam", "Soort", "name"], ["A", "school", "A"]]
    response = upload(client, partnership, "schools", csv_file(rows))
    assert response.context["form"].errors["file"] == [
        nl("These columns appear more than once: %(columns)s.") % {"columns": "name"}
    ]


def test_too_many_rows(client, partnership, monkeypatch):
    monkeypatch.setattr("partnerships.imports.service.MAX_ROWS", 2)
    rows = [["Naam", "Soort"], ["A", "school"], ["B", "school"], ["C", "school"]]
    response = upload(client, partnership, "schools", csv_file(rows))
    [message] = response.context["form"].errors["file"]
    assert message == nl(
        "The file has more than %(max)s rows; split it into smaller files.", max="2"
    )
    assert not Organisation.objects.filter(partnership=partnership).exists()


def test_no_kind_chosen(client, partnership):
    url = f"/p/{partnership.slug}/import/"
    response = client.post(url, {"kind": "pets", "file": csv_file([["Naam"], ["A"]])})
    assert response.status_code == 200
    assert response.context["form"].errors["kind"]


# --- updating instead of duplicating ---------------------------------------------------------


def test_reimporting_updates(client, partnership, setting):
    response = upload(client, partnership, "schools", xlsx([SCHOOL_HEADINGS, *SCHOOL_ROWS]))
    assert_imported(response, created=2, updated=1)  # Het Lyceum was there already
    assert_imported(upload(client, partnership, "staff", xlsx([STAFF_HEADINGS, *STAFF_ROWS])), 4)
    students = xlsx([STUDENT_HEADINGS, *STUDENT_ROWS])
    assert_imported(upload(client, partnership, "students", students), 2)
    counts = (Organisation.objects.count(), RoleAssignment.objects.count(), Student.objects.count())

    changed = [[*SCHOOL_ROWS[0][:10], "Rijswijk", *SCHOOL_ROWS[0][11:13], 1500], *SCHOOL_ROWS[1:]]
    response = upload(client, partnership, "schools", csv_file([SCHOOL_HEADINGS, *changed]))
    assert_imported(response, created=0, updated=3)
    assert_imported(
        upload(client, partnership, "staff", csv_file([STAFF_HEADINGS, *STAFF_ROWS])), 0, 4
    )
    moved = [[*STUDENT_ROWS[0][:7], 3, *STUDENT_ROWS[0][8:]], STUDENT_ROWS[1]]
    assert_imported(upload(client, partnership, "students", xlsx([STUDENT_HEADINGS, *moved])), 0, 2)

    assert counts == (
        Organisation.objects.count(),
        RoleAssignment.objects.count(),
        Student.objects.count(),
    )
    lyceum = Organisation.objects.get(name="Het Lyceum")
    assert lyceum.city == "Rijswijk" and lyceum.pupil_counts.get().pupils == 1500
    assert Student.objects.get(person__email="sara@student.nl").hbo_year == 3


def test_columns_left_out_change_nothing(client, partnership, setting):
    StudentFactory(
        partnership=partnership,
        person=PersonFactory(email="sara@student.nl", first_name="S"),
        institute=setting["hbo"],
        subject=setting["subject"],
        postcode="1000 AA",
        learning_goals="old goals",
    )
    headings = STUDENT_HEADINGS[:2] + STUDENT_HEADINGS[3:4] + STUDENT_HEADINGS[5:8] + ["Vak"]
    row = ["sara@student.nl", "Sara", "Bakker", "Hogeschool", "hbo deeltijd", 4, "ned"]
    assert_imported(upload(client, partnership, "students", xlsx([headings, row])), 0, 1)
    student = Student.objects.get(person__email="sara@student.nl")
    assert student.postcode == "1000 AA" and student.learning_goals == "old goals"
    assert student.programme_variant == ProgrammeVariant.HBO_BACHELOR_DEELTIJD
    assert student.hbo_year == 4 and student.person.first_name == "Sara"


def test_people_of_other_partnerships_keep_their_details(client, partnership, setting):
    outsider = PersonFactory(email="kim@elders.nl", first_name="Kim", last_name="Elders")
    row = ["kim@elders.nl", "Hacked", "", "Name", "", "", "wpb", "HL"]
    rows = [STAFF_HEADINGS, row]
    assert_imported(upload(client, partnership, "staff", xlsx(rows)), created=1)
    outsider.refresh_from_db()
    assert (outsider.first_name, outsider.last_name) == ("Kim", "Elders")
    assert outsider.roles.get().partnership == partnership


# --- templates --------------------------------------------------------------------------------


def download(client, partnership, kind, fmt, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # as the language switch does
    return client.get(f"/p/{partnership.slug}/import/{kind}/template.{fmt}")


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_xlsx_template_round_trip(client, partnership, setting, kind):
    response = download(client, partnership, kind, "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(XLSX_TYPE)
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    data, notes = workbook.worksheets
    headings = [cell.value for cell in data[1]]
    assert headings == [column.nl for column in IMPORTERS[kind].columns]
    assert notes.title == nl("Notes")
    assert data.max_row == 2
    file = SimpleUploadedFile("template.xlsx", response.content)
    assert_imported(confirmed(client, partnership, upload(client, partnership, kind, file)), 1)


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_csv_template_round_trip(client, partnership, setting, kind):
    response = download(client, partnership, kind, "csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [column.nl for column in IMPORTERS[kind].columns]
    assert len(rows) == 2
    file = SimpleUploadedFile("template.csv", response.content)
    assert_imported(confirmed(client, partnership, upload(client, partnership, kind, file)), 1)


def test_templates_follow_the_users_language(client, partnership):
    response = download(client, partnership, "staff", "xlsx", language="en")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    data, notes = workbook.worksheets
    assert [cell.value for cell in data[1]][:4] == ["E-mail", "First name", "Prefix", "Last name"]
    assert notes.title == "Notes"
    values = [row[0] for row in notes.iter_rows(values_only=True)]
    assert "werkplekbegeleider / wpb" in values
    response = download(client, partnership, "students", "csv", language="en")
    assert response.content.decode("utf-8-sig").startswith("E-mail;First name;Prefix;Last name")


def test_template_notes_list_the_allowed_values(client, partnership):
    notes = openpyxl.load_workbook(
        io.BytesIO(download(client, partnership, "schools", "xlsx").content)
    ).worksheets[1]
    values = [row[0] for row in notes.iter_rows(values_only=True)]
    assert {"vmbo-b", "havo", "gymnasium", "instituut", "hbo", "wo"} <= set(values)
    notes = openpyxl.load_workbook(
        io.BytesIO(download(client, partnership, "students", "xlsx").content)
    ).worksheets[1]
    values = [row[0] for row in notes.iter_rows(values_only=True)]
    assert {"hbo voltijd", "wo 60", "educatieve minor", "zij-instromer"} <= set(values)


@pytest.mark.parametrize("path", ["pets/template.xlsx", "staff/template.pdf", "staff/template."])
def test_unknown_kind_or_format_is_404(client, partnership, path):
    assert client.get(f"/p/{partnership.slug}/import/{path}").status_code == 404


def test_the_page_documents_every_kind(client, partnership):
    response = client.get(f"/p/{partnership.slug}/import/")
    assert response.status_code == 200
    text = page_text(response)
    for kind, importer in IMPORTERS.items():
        assert f"/p/{partnership.slug}/import/{kind}/template.xlsx" in text
        assert f"/p/{partnership.slug}/import/{kind}/template.csv" in text
        for column in importer.columns:
            assert column.nl in text
    assert "werkplekbegeleider" in text and "educatieve minor" in text


# --- who may import --------------------------------------------------------------------------


def test_schoolcoordinator_is_forbidden(client):
    school = SchoolFactory()
    role = RoleFactory(
        role=Role.SCHOOLCOORDINATOR, partnership=school.partnership, organisation=school
    )
    assert client.login(username=role.person.email, password=PASSWORD)
    base = f"/p/{school.partnership.slug}/import/"
    assert client.get(base).status_code == 403
    assert client.get(base + "schools/template.xlsx").status_code == 403
    file = csv_file([["Naam", "Soort"], ["Nieuw", "school"]])
    assert client.post(base, {"kind": "schools", "file": file}).status_code == 403
    assert not Organisation.objects.filter(name="Nieuw").exists()


def test_anonymous_goes_to_login_and_other_partnership_is_404(client, manager):
    other = SchoolFactory().partnership
    assert client.get(f"/p/{other.slug}/import/").status_code == 404
    client.logout()
    response = client.get(f"/p/{manager.partnership.slug}/import/")
    assert response.status_code == 302 and "login" in response["Location"]


# --- the parts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31-07-2026", datetime.date(2026, 7, 31)),
        ("1-8-2025", datetime.date(2025, 8, 1)),
        ("31/07/2026", datetime.date(2026, 7, 31)),
        ("2026-07-31", datetime.date(2026, 7, 31)),
        ("2026-07-31 00:00:00", datetime.date(2026, 7, 31)),
        (datetime.datetime(2026, 7, 31, 0, 0), datetime.date(2026, 7, 31)),
        (46234, datetime.date(2026, 7, 31)),
        ("46234", datetime.date(2026, 7, 31)),
    ],
)
def test_dates(value, expected):
    assert cells.parse_date(value) == expected


@pytest.mark.parametrize("value", ["2026", "31-02-2026", "morgen", 12, "07-31-2026"])
def test_bad_dates(value):
    with pytest.raises(cells.ValidationError):
        cells.parse_date(value)


def test_small_parsers():
    assert cells.parse_postcode("2511ab") == "2511 AB"
    assert cells.parse_postcode(" 2511  AB") == "2511 AB"
    assert cells.parse_school_year("2025-2026") == 2025
    assert cells.parse_school_year("2025/26") == 2025
    assert cells.parse_school_year(2025) == 2025
    with pytest.raises(cells.ValidationError):
        cells.parse_school_year("2025-2027")
    assert cells.parse_int("1.200", minimum=0, maximum=5000) == 1200
    assert cells.parse_int(12.0, minimum=0, maximum=20) == 12
    assert cells.parse_email(" Jan@Example.ORG ") == "jan@example.org"
    assert cells.normalise(" Schoolcoördinator ") == "schoolcoordinator"


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_every_column_name_belongs_to_one_column(kind):
    names = [name for column in IMPORTERS[kind].columns for name in column.names()]
    assert len(names) == len(set(names))


def test_headings_match_loosely():
    columns = IMPORTERS["staff"].columns
    layout = match_columns([" E-MAILADRES", "voornaam", "Last name", "ROL", "x"], columns)
    assert set(layout.positions) == {"email", "first_name", "last_name", "role"}
    assert layout.ignored == ["x"]
    with pytest.raises(ImportFileError):
        match_columns(["E-mail"], columns)
