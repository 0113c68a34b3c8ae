"""One date format for reading across the product (config/formats/): nl "7 december 2026",
en "7 December 2026" — in tables too (SHORT_DATE_FORMAT) and with a time."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from placements.models import CapacityRequest
from tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    academic_year,
)

DAY = datetime.date(2026, 12, 7)


@pytest.mark.parametrize(
    "language, expected", [("nl", "7 december 2026"), ("en", "7 December 2026")]
)
def test_every_named_date_format_reads_the_same(language, expected):
    moment = datetime.datetime(2026, 12, 7, 14, 5)
    with translation.override(language):
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
            assert date_format(DAY, name) == expected
        for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            assert date_format(moment, name) == f"{expected} 14:05"
        assert Template("{{ d }}|{{ d|date }}").render(Context({"d": DAY})) == (
            f"{expected}|{expected}"
        )


def test_templates_print_dates_through_the_named_formats():
    """No template formats a date for reading by hand (ISO in attributes and the weekday's
    name excepted), so the settings above decide every date on every page."""
    import re
    from pathlib import Path

    from django.conf import settings

    allowed = {"DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"}
    allowed |= {"c", "Y-m-d", "l", "F", "M"}  # machine formats; a weekday or month name alone
    found = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(folder).rglob("*.*"):
            for match in re.finditer(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
                if match.group(1) not in allowed:
                    found.append(f"{path}: {match.group(0)}")
    assert found == []


@pytest.mark.django_db
def test_pages_show_dates_as_7_december_2026(client):
    p = PartnershipFactory(slug="dates")
    SchoolFactory(partnership=p, name="Alfa College")
    year = academic_year(2027)
    stage = PersonFactory()
    RoleFactory(person=stage, partnership=p, role="stagecoordinator")
    CapacityRequest.objects.create(partnership=p, academic_year=year, deadline=DAY, sent_by=stage)
    client.force_login(stage)
    with translation.override("nl"):
        html = client.get(
            reverse("placements:capacity", args=[p.slug, year.label]), HTTP_ACCEPT_LANGUAGE="nl"
        ).content.decode()
    assert "7 december 2026" in html
    assert "7-12-2026" not in html and "2026-12-07" not in html.replace('datetime="2026-12-07', "")
