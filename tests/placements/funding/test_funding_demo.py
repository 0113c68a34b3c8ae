"""The demo's money (``seed_demo``, partnership hos): amounts, a December snapshot, a decided
key and a first instalment; the pages render filled for the administrator and a school's
coordinator and add up; seeding again changes nothing; the budget's sources see the figures."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from partnerships.finance import registry
from partnerships.glossary import Role
from partnerships.models import AcademicYear, Partnership, RoleAssignment
from placements.models import DistributionKey, FundingPayment, SubsidyRate, SubsidySnapshot
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


@pytest.fixture
def hos(seeded, db):
    return Partnership.objects.get(slug="hos")


def holder(hos, role):
    return RoleAssignment.objects.filter(partnership=hos, role=role).order_by("pk").first()


def counts():
    return [
        m.objects.count() for m in (SubsidyRate, SubsidySnapshot, DistributionKey, FundingPayment)
    ]


def test_demo_money_is_filled_and_adds_up(hos, client):
    year = AcademicYear.current(datetime.date.today())
    key = DistributionKey.objects.get(partnership=hos, academic_year=year)
    assert key.decision_code and key.total_cents > 0
    assert FundingPayment.objects.filter(partnership=hos, academic_year=year).exists()
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before

    client.force_login(holder(hos, Role.ADMINISTRATIEF_ONDERSTEUNER).person)
    html = client.get(
        reverse("placements:funding", kwargs={"partnership": hos.slug, "year": year.label})
    ).content.decode()
    shares = [int(v) for v in re.findall(r'data-share="(\d+)"', html)]
    (own,) = [int(v) for v in re.findall(r'data-own="(\d+)"', html)]
    assert sum(shares) + own == key.total_cents

    coordinator = holder(hos, Role.SCHOOLCOORDINATOR)
    client.force_login(coordinator.person)
    kwargs = {"partnership": hos.slug, "year": year.label}
    listing = client.get(reverse("placements:funding_statements", kwargs=kwargs))
    assert coordinator.organisation.name in listing.content.decode()
    page = client.get(
        reverse(
            "placements:funding_statement",
            kwargs=kwargs | {"organisation": coordinator.organisation.pk},
        )
    )
    assert page.status_code == 200 and "data-paid" in page.content.decode()

    subsidy = registry.amounts(registry.Source.SUBSIDY, hos, year)
    assert subsidy and subsidy[0].cents == key.total_cents and not subsidy[0].provisional
    distributed = registry.amounts(registry.Source.DISTRIBUTION, hos, year)
    assert sum(a.cents for a in distributed) + own == key.total_cents
