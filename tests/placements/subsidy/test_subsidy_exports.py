"""The subsidy list's files, read back: CSV (semicolons, BOM, formulas neutralised), XLSX (totals
sheet, a sheet per category, the students not counted), the PDF summary (and the HTML it is made
from), each download logged; and the same from ``manage.py export_subsidy_list``."""

import csv
import datetime
import io
import os
import subprocess
import sys

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AuditEntry, Person
from placements import services
from placements.subsidy import exports as export
from tests.factories import PartnershipFactory, academic_year
from tests.partnerships.conftest import dutch as gettext_nl
from tests.placements.subsidy.subsidy_world import LABEL, YEAR, build

pytestmark = pytest.mark.django_db
INJECTION = '=HYPERLINK("http://evil.example","klik")'
CATEGORY_SHEETS = slice(1, 8)


@pytest.fixture
def w():
    world = build()
    Person.objects.filter(pk=world.students["Ann"].person_id).update(
        first_name=INJECTION, last_name="", tussenvoegsel=""
    )
    return world


def download(client, w, fmt, who=None, **query):
    client.force_login(who or w.admin)
    response = client.get(reverse("placements:subsidy_export", args=[w.p.slug, LABEL, fmt]), query)
    assert response.status_code == 200, response
    assert f".{fmt}" in response["Content-Disposition"]
    return response.content


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_lists_the_counted_students_with_formulas_neutralised(client, w):
    rows = read_csv(download(client, w, "csv"))
    header, body = rows[0], rows[1:]
    assert len(header) == 9 and len(body) == 5
    assert [row[0] for row in body] == ["a", "a", "c", "e", "f"]
    names = [row[1] for row in body]
    assert "'" + INJECTION in names and INJECTION not in names
    cas = next(row for row in body if row[1] == "Cas Test")
    assert (cas[5], cas[6]) == ("Beekdal School", "Alfa College")
    entry = AuditEntry.objects.get(action="export")
    assert entry.person == w.admin and entry.partnership == w.p
    assert {"year": LABEL, "format": "csv", "what": "subsidy_list"}.items() <= entry.details.items()


def test_xlsx_has_totals_a_sheet_per_category_and_the_reconciliation(client, w):
    content = download(client, w, "xlsx", who=w.manager)
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheets = book.worksheets
    assert len(sheets) == 9
    totals = list(sheets[0].iter_rows(values_only=True))
    by_category = {row[0]: row[2] for row in totals[1:8]}
    assert by_category == {"a": 2, "b": 0, "c": 1, "d": 0, "e": 1, "f": 1, "g": 0}
    assert totals[8][2] == 5 and totals[9][2] == 5  # total counted, not counted
    schools = {row[0]: row[1:] for row in totals if row and row[0] in ("Alfa College",)}
    assert schools["Alfa College"] == (2, 0, 0, 0, 0, 1, 0, 3)
    per_sheet = [sheet.max_row - 1 for sheet in sheets[CATEGORY_SHEETS]]
    assert per_sheet == [2, 0, 1, 0, 1, 1, 0]
    cells = [row[1] for row in sheets[1].iter_rows(min_row=2)]
    injected = next(cell for cell in cells if cell.value == INJECTION)  # as entered, as text
    assert injected.data_type == "s" and injected.quotePrefix
    excluded = list(sheets[8].iter_rows(min_row=2, values_only=True))
    assert len(excluded) == 5 and any("Benoemd als docent" in row[4] for row in excluded)
    assert AuditEntry.objects.get(action="export").person == w.manager


def test_pdf_summary_states_who_exported_it_and_the_totals(client, w):
    assert download(client, w, "pdf").startswith(b"%PDF")
    assert AuditEntry.objects.get(action="export").details["format"] == "pdf"
    subsidy = services.subsidy_list_build(
        partnership=w.p, year=academic_year(YEAR), reference_date=datetime.date(2026, 10, 1)
    )
    html = export.summary_html(subsidy, by_name="Ada Min", at=timezone.now())
    assert 'id="total-a">2<' in html and 'id="total-c">1<' in html and 'id="total">5<' in html
    assert "Ada Min" in html and "Alfa College" in html


def test_a_snapshot_downloads_as_it_was_frozen(client, w):
    snapshot = services.subsidy_snapshot_take(
        partnership=w.p,
        year=academic_year(YEAR),
        reference_date=datetime.date(2026, 10, 1),
        by=w.planner,
    )
    Person.objects.filter(pk=w.students["Bob"].person_id).update(first_name="Robert")
    client.force_login(w.admin)
    url = reverse("placements:subsidy_snapshot_export", args=[w.p.slug, snapshot.pk, "csv"])
    rows = read_csv(client.get(url).content)
    assert "Bob Test" in [row[1] for row in rows]
    assert AuditEntry.objects.get(action="export").object_id == str(snapshot.pk)


def test_the_users_language_heads_the_files(client, w):
    Person.objects.filter(pk=w.admin.pk).update(language="en")
    english = read_csv(download(client, w, "csv"))[0]
    assert english[:2] == ["Category", "Student"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = read_csv(download(client, w, "csv"))[0]
    assert dutch[0] == gettext_nl("Category")


def test_command_line_export_matches_the_browser(client, w, tmp_path):
    PartnershipFactory(slug="another")  # several partnerships: --partnership is needed
    target = tmp_path / "list.xlsx"
    out = io.StringIO()
    call_command(
        "export_subsidy_list",
        "--year",
        LABEL,
        "--format",
        "xlsx",
        "--output",
        str(target),
        "--partnership",
        w.p.slug,
        stdout=out,
    )
    assert "5 students counted, 5 not counted" in out.getvalue()
    sheets = openpyxl.load_workbook(target).worksheets
    assert [sheet.max_row - 1 for sheet in sheets[CATEGORY_SHEETS]] == [2, 0, 1, 0, 1, 1, 0]
    entry = AuditEntry.objects.get(action="export")
    assert entry.person is None and entry.details["via"].startswith("command line")

    csv_file = tmp_path / "list.csv"
    call_command(
        "export_subsidy_list",
        f"--year={LABEL}",
        "--format=csv",
        f"--output={csv_file}",
        f"--partnership={w.p.slug}",
        "--reference-date=2025-10-01",
        stdout=io.StringIO(),
    )
    body = read_csv(csv_file.read_bytes())[1:]
    assert next(row for row in body if row[1] == "Cas Test")[5] == "Alfa College"
    pdf_file = tmp_path / "list.pdf"
    call_command(
        "export_subsidy_list",
        f"--year={LABEL}",
        "--format=pdf",
        f"--output={pdf_file}",
        f"--partnership={w.p.slug}",
        stdout=io.StringIO(),
    )
    assert pdf_file.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year=2025/26", "--format=csv"], "2025-2026"),
        (["--year=2025-2026", "--format=doc"], "csv, xlsx, pdf"),
        (["--year=2025-2026", "--format=csv"], "--partnership"),
        (["--year=2025-2026", "--format=csv", "--partnership=nope"], "nope"),
        (
            [
                "--year=2025-2026",
                "--format=csv",
                "--partnership=subsidy-test",
                "--reference-date=x",
            ],
            "2026-10-01",
        ),
        (
            [
                "--year=2025-2026",
                "--format=csv",
                "--partnership=subsidy-test",
                "--reference-date=2024-01-01",
            ],
            "2025-2026",
        ),
    ],
)
def test_command_line_errors_are_clear(w, args, message, tmp_path):
    PartnershipFactory(slug="another")
    with pytest.raises(CommandError, match=message):
        call_command("export_subsidy_list", *args, f"--output={tmp_path / 'x'}")
    assert not (tmp_path / "x").exists()


def test_a_bad_format_exits_non_zero():
    result = subprocess.run(
        [sys.executable, "manage.py", "export_subsidy_list", "--year=2025-2026", "--format=doc"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        timeout=120,
    )
    assert result.returncode != 0
    assert "csv, xlsx, pdf" in result.stderr
