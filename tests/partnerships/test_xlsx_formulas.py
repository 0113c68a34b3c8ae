"""No XLSX the product offers carries a formula from user data (issue 13, item 4).

The demo data is loaded and every school, institute, cluster, subject and person is renamed (and
every open survey answer rewritten) to text Excel would run as a formula (``=HYPERLINK(…)``,
``+1``, ``-1+2``, ``@SUM(A1)``). Then every XLSX address of the product (found in the URL
configuration, so a new one cannot be missed) is downloaded by a user allowed to, for every year,
school, round and snapshot of the demo, and read back with openpyxl: no cell is a formula cell,
formula-like text is a string cell with Excel's quote prefix, and the names read back exactly as
entered (no visible apostrophe). The CSV templates keep the apostrophe, as the CSV exports do."""

import csv
import io
import itertools
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, reverse

from partnerships.demo import login_rows
from partnerships.exports import FORMULA_STARTS, write_xlsx
from partnerships.imports.kinds import IMPORTERS
from partnerships.models import AcademicYear, Cluster, Organisation, Partnership, Person, Subject
from placements.models import SubsidySnapshot
from placements.subsidy.services import subsidy_default_reference_date, subsidy_snapshot_take
from quality.models import Answer, SurveyRound

PATTERNS = ('=HYPERLINK("http://x","y{}")', "+1{}", "-1+2{}", "@SUM(A{})")


def _xlsx_urls() -> set[str]:
    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, route, inner)
            elif "xlsx" in route or "<str:fmt>" in route:
                yield f"{namespace}:{pattern.name}"

    return set(walk(get_resolver().url_patterns, "", ""))


def _rename_everything() -> set[str]:
    names = (pattern.format(i) for i in itertools.count() for pattern in PATTERNS)
    entered = set()

    def rename(queryset, *fields):
        for obj in queryset:
            for field in fields:
                setattr(obj, field, next(names))
                entered.add(getattr(obj, field))
            obj.save(update_fields=fields)

    rename(Organisation.objects.all(), "name")
    rename(Cluster.objects.all(), "name")
    rename(Subject.objects.all(), "name")
    rename(Person.objects.all(), "first_name", "last_name")
    open_answer = '=HYPERLINK("http://x","open answer")'  # a respondent's text, in the results
    Answer.objects.exclude(text="").update(text=open_answer)
    return entered | {open_answer}


def _take_snapshots() -> None:
    admin = Person.objects.filter(is_superuser=True).first()
    for partnership in Partnership.objects.all():
        for year in AcademicYear.objects.all():
            try:
                subsidy_snapshot_take(
                    partnership=partnership,
                    year=year,
                    reference_date=subsidy_default_reference_date(year),
                    by=admin,
                )
            except ValidationError:
                continue  # a reference date outside what the year allows


def _addresses(partnership: Partnership):
    """(URL name, address) of every XLSX download in ``partnership``."""
    slug = partnership.slug
    years = [year.label for year in AcademicYear.objects.order_by("start_year")]
    for kind in IMPORTERS:
        yield (
            "partnerships:import_template",
            reverse("partnerships:import_template", args=[slug, kind, "xlsx"]),
        )
    for year in years:
        for name in ("facilitation_export", "travel_template"):
            yield f"placements:{name}", reverse(f"placements:{name}", args=[slug, year])
        yield (
            "placements:subsidy_export",
            reverse("placements:subsidy_export", args=[slug, year, "xlsx"]),
        )
        for school in partnership.organisations.filter(kind="school"):
            yield (
                "placements:capacity_template",
                reverse("placements:capacity_template", args=[slug, year, school.pk]),
            )
        for organisation in partnership.organisations.all():  # the money statements
            yield (
                "placements:funding_statement_export",
                reverse(
                    "placements:funding_statement_export",
                    args=[slug, year, organisation.pk, "xlsx"],
                ),
            )
    yield (
        "finance:declaration_export",
        reverse("finance:declaration_export", args=[slug, "xlsx"]),
    )
    for snapshot in SubsidySnapshot.objects.filter(partnership=partnership):
        yield (
            "placements:subsidy_snapshot_export",
            reverse("placements:subsidy_snapshot_export", args=[slug, snapshot.pk, "xlsx"]),
        )
    for survey_round in SurveyRound.objects.filter(partnership=partnership):
        yield (
            "quality:round_results_xlsx",
            reverse("quality:round_results_xlsx", args=[slug, survey_round.pk]),
        )
    yield "programme:codocent_hours_xlsx", reverse("programme:codocent_hours_xlsx", args=[slug])
    yield (
        "professionalisation:pro_overview_xlsx",
        reverse("professionalisation:pro_overview_xlsx", args=[slug]),
    )


def _download(client, address: str, users: list[Person]) -> bytes | None:
    """The file as the first user allowed to download it gets it; that user is tried first
    next time."""
    for user in users:
        client.force_login(user)
        response = client.get(address)
        if response.status_code == 200:
            users.remove(user)
            users.insert(0, user)
            return response.content
    return None


def _csv_template_problems(client, partnership, entered: set[str]) -> list[str]:
    """The CSV templates keep the visible apostrophe, as the CSV exports do."""
    problems = []
    client.force_login(Person.objects.filter(is_superuser=True).first())
    for kind in IMPORTERS:
        address = reverse("partnerships:import_template", args=[partnership.slug, kind, "csv"])
        text = client.get(address).content.decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text), delimiter=";"):
            for value in row:
                if value.startswith(FORMULA_STARTS):
                    problems.append(f"{address}: {value!r} without the apostrophe")
    return problems


def formula_problems(content: bytes, entered: set[str]) -> tuple[list[str], set[str]]:
    """What is unsafe in an XLSX file, and which of the entered names it shows as entered."""
    problems, shown = [], set()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                where = f"{sheet.title}!{cell.coordinate} {value!r}"
                if cell.data_type == "f":
                    problems.append(f"formula cell {where}")
                if not isinstance(value, str):
                    continue
                if value in entered:
                    shown.add(value)
                if value.startswith(FORMULA_STARTS) and not cell.quotePrefix:
                    problems.append(f"formula-like text without the quote prefix {where}")
                if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
                    problems.append(f"a visible apostrophe {where}")
    return problems, shown


def test_write_xlsx_cells_are_text_with_the_quote_prefix():
    names = {pattern.format("") for pattern in PATTERNS}
    content = write_xlsx([("S", sorted(names), [sorted(names), [1, None, 2.5, "plain"]])])
    problems, shown = formula_problems(content, names)
    assert not problems and shown == names


@pytest.mark.django_db
def test_no_xlsx_of_the_product_carries_a_formula_from_user_data(client):
    call_command("seed_demo", verbosity=0)
    entered = _rename_everything()
    _take_snapshots()  # the demo has none; a snapshot stores the names as they were
    users = [Person.objects.get(email=email) for _role, email, _password in login_rows()]
    users.sort(key=lambda person: not person.is_superuser)  # the widest access first
    covered: dict[str, int] = {}
    shown_anywhere: set[str] = set()
    problems: list[str] = []
    for partnership in Partnership.objects.all():
        for name, address in _addresses(partnership):
            content = _download(client, address, users)
            if content is None:
                continue
            found, shown = formula_problems(content, entered)
            problems += [f"{address}: {problem}" for problem in found]
            covered[name] = covered.get(name, 0) + len(shown)
            shown_anywhere |= shown
        problems += _csv_template_problems(client, partnership, entered)
    assert not problems, "\n".join(problems[:30])
    assert set(covered) == _xlsx_urls(), "an XLSX address was not downloaded"
    without_names = sorted(name for name, count in covered.items() if not count)
    assert not without_names, f"no renamed name reached {without_names}"
    assert {name[:2] for name in shown_anywhere} == {pattern[:2] for pattern in PATTERNS}


def test_every_workbook_is_saved_through_the_safe_helper():
    """A module that builds an openpyxl workbook hands it to ``workbook_bytes`` (or uses
    ``write_xlsx``); only ``partnerships/exports.py`` saves a workbook itself."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for app in ("partnerships", "placements", "programme", "professionalisation", "quality"):
        for path in (root / app).rglob("*.py"):
            text = path.read_text()
            relative = path.relative_to(root).as_posix()
            if relative == "partnerships/exports.py" or "Workbook(" not in text:
                continue
            if ".save(" in text.split("Workbook(", 1)[1] or "workbook_bytes(" not in text:
                offenders.append(relative)
    assert not offenders
