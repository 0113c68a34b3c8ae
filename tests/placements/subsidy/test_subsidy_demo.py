"""The subsidy list of the demo (``seed_demo``, partnership hos) against a plain query: the totals
per category of the exported XLSX are the students with a confirmed, active or completed
placement this year, per category, less those whose category was overridden."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import gettext

from partnerships.models import AcademicYear, Partnership, Person, Student
from placements.choices import HOLDING_STATUSES
from placements.models import Placement
from placements.subsidy import rules
from tests.partnerships.conftest import FAST_HASHERS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_demo_totals_match_a_simple_query(seeded, db, tmp_path):
    hos = Partnership.objects.get(slug="hos")
    year = AcademicYear.current(datetime.date.today())
    placements = Placement.objects.filter(student__partnership=hos, academic_year=year)
    assert placements.exists(), "the demo has placements this year"
    shares = placements.filter(Q(practice_percent__isnull=False) | Q(practice_ec__isnull=False))
    assert not shares.exists(), "the demo records practice shares: compare with the minimums too"
    placed = Student.objects.filter(
        pk__in=placements.filter(status__in=HOLDING_STATUSES).values("student")
    )
    overridden = ~Q(subsidy_category_override="") & ~Q(
        subsidy_category_override=F("subsidy_category")
    )
    expected = dict.fromkeys(rules.CATEGORIES, 0) | dict(
        placed.exclude(overridden)
        .exclude(subsidy_category="")
        .values_list("subsidy_category")
        .annotate(n=Count("pk"))
    )
    assert sum(expected.values()) > 100

    target = tmp_path / "hos.xlsx"
    call_command(
        "export_subsidy_list",
        f"--year={year.label}",
        "--format=xlsx",
        f"--output={target}",
        "--partnership=hos",
        stdout=io.StringIO(),
    )
    sheets = openpyxl.load_workbook(target).worksheets
    totals = list(sheets[0].iter_rows(min_row=2, max_row=8, values_only=True))
    assert {row[0]: row[2] for row in totals} == expected
    category_rows = [sheet.max_row - 1 for sheet in sheets[1:8]]
    assert category_rows == [expected[c] for c in rules.CATEGORIES]
    not_counted = sheets[8].max_row - 1
    with_placement = Student.objects.filter(pk__in=placements.values("student")).count()
    assert not_counted == with_placement - sum(expected.values())
    assert placed.filter(overridden).exists() and not_counted > 0  # the demo has an override


def test_the_dashboard_card_and_the_subsidy_list_tell_one_story(seeded, db, client):
    """Issue 11: the steering group's card "placed students per subsidy category" shows the
    figures of the administrator's subsidy list, category by category."""
    year = AcademicYear.current(datetime.date.today())
    client.force_login(Person.objects.get(email="admin@hos.example"))
    listing = client.get(reverse("placements:subsidy", args=["hos", year.label])).context["subsidy"]
    expected = [f"{c}: {n}" for c, n in listing.totals.by_category.items() if n]

    client.force_login(Person.objects.get(email="stuurgroep@hos.example"))
    cards = client.get(reverse("partnerships:dashboard", args=["hos"])).context["cards"]
    title = gettext("Placed students per subsidy category, %(year)s") % {"year": year.label}
    (card,) = [card for card in cards if card.title == title]
    assert [label for label, _url in card.items][: len(expected)] == expected
