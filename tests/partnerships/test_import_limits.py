"""Files cannot exhaust the import, and large imports run in the background (issue 13, item 5).

The hostile files are built with ``zipfile`` directly (streamed, a few hundred KB packed), as the
probe built them: two million blank rows, a shared-string bomb, a sheet that declares two million
rows, a single row far down (openpyxl pads the rows in between). The tests assert that the reader
stops early — ``ImportFileError.lines_read`` counts the rows it looked at — not the wall clock."""

import io
import os
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import redis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError

from partnerships import services
from partnerships.imports import readers
from partnerships.imports.jobs import run_job
from partnerships.imports.readers import EXTRA_LINES, ImportFileError, read_table
from partnerships.models import ImportJob, Organisation
from partnerships.tasks import run_import
from tests.conftest import require_service
from tests.frozen import database_url, frozen_command, frozen_env
from tests.outbox_helpers import capture_publishes
from tests.partnerships import test_imports as base
from tests.partnerships.test_imports import csv_file, nl, upload, xlsx

pytestmark = pytest.mark.django_db
manager, partnership = base.manager, base.partnership  # the import tests' fixtures
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
HEADINGS = '<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c></row>'
TOO_LARGE = (
    "The file is too large when unpacked (more than %(max)s MB, or packed unusually tightly, "
    "for instance with very many empty rows); copy only your data to a new file or split it "
    "into smaller files."
)
TOO_MANY_LINES = (
    "The file has more than %(max)s rows, empty rows included; delete the empty rows below your "
    "data or split the file into smaller files."
)


def hostile_xlsx(sheet_chunks, strings_chunks=None, name="import.xlsx") -> SimpleUploadedFile:
    """An XLSX whose sheet (and shared strings) are streamed from ``*_chunks`` (str)."""
    source = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Naam"
    workbook.save(source)
    extra = {
        "xl/_rels/workbook.xml.rels": (
            "</Relationships>",
            '<Relationship Id="rId99" Target="sharedStrings.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
            "</Relationships>",
        ),
        "[Content_Types].xml": (
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        ),
    }
    out = io.BytesIO()
    with (
        zipfile.ZipFile(source) as parts,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for member in parts.infolist():
            if member.filename == SHEET:
                _stream(target, SHEET, sheet_chunks)
            elif strings_chunks is not None and member.filename in extra:
                old, new = extra[member.filename]
                target.writestr(member, parts.read(member).decode().replace(old, new))
            else:
                target.writestr(member, parts.read(member))
        if strings_chunks is not None:
            _stream(target, STRINGS, strings_chunks)
    return SimpleUploadedFile(name, out.getvalue())


def _stream(target: zipfile.ZipFile, name: str, chunks) -> None:
    with target.open(name, "w", force_zip64=True) as stream:
        for chunk in chunks:
            stream.write(chunk.encode())


def blank_rows(count: int, *, dimension: str = ""):
    """A sheet of headings and ``count`` blank rows (``<row/>``: the next row, no number)."""
    yield HEAD + (f'<dimension ref="{dimension}"/>' if dimension else "") + "<sheetData>"
    yield HEADINGS
    for start in range(0, count, 100_000):
        yield "<row/>" * min(100_000, count - start)
    yield "</sheetData></worksheet>"


def refusal(file, max_rows=5000, **kwargs) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        read_table(file, max_rows=max_rows, **kwargs)
    return caught.value


# --- the hostile files are refused early --------------------------------------------------


def test_two_million_blank_rows_are_refused_before_parsing(client, partnership):
    file = hostile_xlsx(blank_rows(2_000_000))
    assert file.size < 300 * 1024  # like the probe's 280 KB
    error = refusal(file)
    assert error.lines_read == 0  # refused from the zip directory, nothing parsed
    assert error.message == nl(TOO_LARGE, max=25)
    file.seek(0)
    response = upload(client, partnership, "schools", file)
    assert response.context["form"].errors["file"] == [nl(TOO_LARGE, max=25)]
    assert not ImportJob.objects.exists()


def test_a_shared_string_bomb_is_refused_before_parsing():
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        *("<si><t>" + "x" * 1000 + "</t></si>" for _ in range(40_000)),  # 40 MB unpacked
        "</sst>",
    )
    file = hostile_xlsx(blank_rows(1), strings)
    assert file.size < 400 * 1024
    error = refusal(file)
    assert error.lines_read == 0 and error.message == nl(TOO_LARGE, max=25)


def test_a_tightly_packed_member_is_refused_even_below_the_total(monkeypatch):
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        *("<si><t>" + "x" * 1000 + "</t></si>" for _ in range(5_000)),  # 5 MB, ratio > 100
        "</sst>",
    )
    file = hostile_xlsx(blank_rows(1), strings)
    assert refusal(file).lines_read == 0


def test_a_declared_dimension_over_the_limit_is_refused_before_iterating():
    file = hostile_xlsx(blank_rows(3, dimension="A1:B2000000"))
    error = refusal(file)
    assert error.lines_read == 0
    assert error.message == nl(TOO_MANY_LINES, max=f"{5000 + EXTRA_LINES:,}".replace(",", "."))


def test_rows_are_counted_while_reading_blank_ones_included():
    # One row far down and no dimension: openpyxl yields two million empty rows before it.
    sheet = (HEAD, "<sheetData>", HEADINGS, '<row r="2000000"><c r="A2000000" t="inlineStr">'
             "<is><t>X</t></is></c></row>", "</sheetData></worksheet>")  # fmt: skip
    error = refusal(hostile_xlsx(sheet), max_rows=10)
    assert error.lines_read == 10 + EXTRA_LINES + 1  # stopped at the first row over the limit
    rows = [["Naam", "Soort"]] + [[""]] * (10 + EXTRA_LINES)
    assert refusal(csv_file(rows), max_rows=10).lines_read == 10 + EXTRA_LINES + 1


def test_too_many_columns_are_refused():
    sheet = (HEAD, '<dimension ref="A1:ZZ2"/><sheetData>', HEADINGS, "</sheetData></worksheet>")
    error = refusal(hostile_xlsx(sheet))
    assert error.message == nl(
        "The file has more than %(max)s columns; delete the columns you do not need.", max=100
    )


def test_the_parse_is_time_boxed():
    rows = [["Naam", "Soort"]] + [[f"School {i}", "school"] for i in range(500)]
    error = refusal(xlsx(rows), seconds=0)
    assert error.lines_read == readers.CHECK_EVERY  # the first deadline check stops it
    assert error.message == nl("Reading the file took too long; split it into smaller files.")


def test_a_normal_file_with_a_few_blank_rows_still_imports(client, partnership):
    rows = [["Naam", "Soort"], ["A", "school"], [], [], ["B", "school"]]
    response = upload(client, partnership, "schools", xlsx(rows))
    assert response.context.get("report") is None
    assert set(Organisation.objects.values_list("name", flat=True)) == {"A", "B"}


# --- large imports in the background ------------------------------------------------------


@pytest.fixture
def background(monkeypatch, django_capture_on_commit_callbacks):
    """Files of more than 3 rows go to the background; the published task runs inline."""
    monkeypatch.setattr("partnerships.imports.service.SYNC_ROWS", 3)
    published = capture_publishes(monkeypatch, {"partnerships.tasks.run_import": run_import})

    def post(client, partnership, rows):
        """Upload, run the task once the upload committed, then show the page it led to."""
        with django_capture_on_commit_callbacks(execute=True):
            response = upload(client, partnership, "schools", xlsx(rows))
        page = client.get(response.redirect_chain[-1][0])
        page.redirect_chain = response.redirect_chain
        return page

    post.published = published
    return post


def schools(n):
    return [["Naam", "Soort"]] + [[f"School {i}", "school"] for i in range(n)]


def test_a_large_import_runs_in_the_background(client, manager, partnership, background):
    response = background(client, partnership, schools(250))
    job = ImportJob.objects.get()
    assert response.redirect_chain[-1][0] == f"/p/{partnership.slug}/import/jobs/{job.pk}/"
    assert background.published == [("partnerships.tasks.run_import", [job.pk])]
    assert (job.status, job.rows, job.checked, job.created) == ("done", 250, 250, 250)
    assert job.content == b"" and job.created_by == manager.person
    assert Organisation.objects.filter(partnership=partnership).count() == 250
    text = response.content.decode()
    assert nl("Imported") in text and "hx-get" not in text  # finished: no more polling


def test_progress_is_written_while_checking(client, partnership, background, monkeypatch):
    progress = []
    from partnerships.imports import service

    real = service._check_rows

    def check_rows(importer, rows, layout, report, progress_cb=None):
        def record(stage, checked):
            progress.append((stage, checked))
            progress_cb(stage, checked)

        return real(importer, rows, layout, report, record)

    monkeypatch.setattr(service, "_check_rows", check_rows)
    background(client, partnership, schools(250))
    assert progress == [("checking", 0), ("checking", 100), ("checking", 200)]
    assert ImportJob.objects.get().status == "done"


def test_a_large_import_with_one_bad_row_saves_nothing(client, partnership, background):
    rows = schools(250) + [["Bad", "castle"]]
    response = background(client, partnership, rows)
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.created == 0
    assert [error["row"] for error in job.errors] == [252]
    assert not Organisation.objects.filter(partnership=partnership).exists()
    text = response.content.decode()
    assert "252" in text and nl("Fix these cells in your file and upload it again.") in text


def test_a_database_error_in_the_background_rolls_everything_back(
    client, partnership, background, monkeypatch
):
    real, calls = services.organisation_save, []

    def fail_late(**kwargs):
        calls.append(1)
        if len(calls) == 200:
            raise DatabaseError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services, "organisation_save", fail_late)
    background(client, partnership, schools(250))
    job = ImportJob.objects.get()
    assert job.status == "failed" and len(calls) == 200
    assert job.file_errors == [nl("Saving failed, so nothing has been saved. Please try again.")]
    assert not Organisation.objects.filter(partnership=partnership).exists()


def test_a_job_runs_once_and_the_page_polls_while_it_runs(client, partnership):
    job = ImportJob.objects.create(
        partnership=partnership, kind="schools", status="checking", rows=400, checked=100
    )
    address = f"/p/{partnership.slug}/import/jobs/{job.pk}/"
    response = client.get(address + "?poll=1", headers={"HX-Request": "true"})
    text = response.content.decode()
    assert 'id="job-status"' in text and "hx-get" in text and "100" in text and "400" in text
    assert run_job(job.pk) == "skipped"  # claimed by another worker, not stale
    job.status = "done"
    job.save()
    response = client.get(address + "?poll=1", headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"


def test_a_queued_job_waits_for_the_broker_without_an_error(client, partnership, monkeypatch):
    """The broker is down: the upload still answers, the page says the job waits."""
    monkeypatch.setattr("partnerships.imports.service.SYNC_ROWS", 3)

    def down(message, connection):
        raise ConnectionError("broker down")

    from partnerships import outbox

    monkeypatch.setattr(outbox, "broker_publish", down)
    response = upload(client, partnership, "schools", xlsx(schools(5)))
    assert response.status_code == 200
    assert ImportJob.objects.get().status == "queued"
    assert nl(outbox.WAITING_TEXT) in response.content.decode()


# --- a real worker ------------------------------------------------------------------------


def _redis_url():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return url
    except redis.exceptions.ConnectionError:
        return None


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_a_large_file(manager):
    url = _redis_url()
    require_service("Redis", url is not None)
    redis.Redis.from_url(url).flushdb()
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    for row in schools(400):
        workbook.active.append(row)
    workbook.save(buffer)
    job = ImportJob.objects.create(
        partnership=manager.partnership,
        kind="schools",
        file_name="big.xlsx",
        content=buffer.getvalue(),
        created_by=manager.person,
        rows=400,
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "VAR_DIR": str(settings.VAR_DIR),
    }
    command = frozen_command(
        "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=WARNING",
        "--without-heartbeat", "--without-gossip", "--without-mingle",
    )  # fmt: skip
    root = Path(__file__).resolve().parents[2]
    worker = subprocess.Popen(
        command, cwd=root, env=frozen_env(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        from celery import Celery

        client = Celery(broker=url, backend=url, set_as_current=False)
        result = client.send_task("partnerships.tasks.run_import", args=[job.pk])
        assert result.get(timeout=90) == "done"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
    job.refresh_from_db()
    assert (job.status, job.created, job.content) == ("done", 400, b"")
    assert Organisation.objects.filter(partnership=manager.partnership).count() == 400
