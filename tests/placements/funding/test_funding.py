"""Money through the services and the pages: the amounts (audit-logged), the expected subsidy
of a snapshot and of today's list (one story per student), deciding the key (a numbered
decision, a frozen result that adds up), payments, statements that add up, the exports."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partnerships.access import Access
from partnerships.contributions import CODOCENT, SCHOOL_HOURS
from partnerships.governance.models import Decision
from partnerships.models import AuditEntry
from placements.funding import rules, selectors, services
from placements.models import Placement
from placements.subsidy.services import subsidy_list_build
from tests.placements.funding.funding_world import AMOUNTS, KEY, decided, snapshot, with_amounts
from tests.placements.funding.funding_world import world as build_world
from tests.placements.subsidy.subsidy_world import LABEL

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def test_amounts_are_saved_per_year_and_logged(w):
    with_amounts(w)
    assert services.funding_amounts(partnership=w.p, year=w.year) == AMOUNTS
    services.funding_amounts_save(
        partnership=w.p, year=w.year, amounts={"a": None, "g": 100}, by=w.admin
    )
    amounts = services.funding_amounts(partnership=w.p, year=w.year)
    assert "a" not in amounts and amounts["g"] == 100
    entry = AuditEntry.objects.filter(details__what="subsidy_amounts").latest("pk")
    assert entry.person == w.admin and entry.details["after"]["g"] == 100


def test_expected_subsidy_counts_the_students_of_the_list_once(w):
    with_amounts(w)
    taken = snapshot(w)
    overview = selectors.funding_overview(access=Access(w.admin), partnership=w.p, year=w.year)
    (shot, expected), today = overview.snapshots[0], overview.provisional
    assert shot == taken
    # Ann, Bob (a), Cas (c, counted once although at two schools), Eva (e), Fay (f)
    assert expected.total == 2 * 250_000 + 300_000 + 150_000 + 400_000
    assert expected.students == len(taken.rows) == 5
    live = subsidy_list_build(partnership=w.p, year=w.year, reference_date=taken.reference_date)
    assert {line.category: line.students for line in today.lines} == live.totals.by_category
    # a change after the snapshot moves today's (provisional) figure, not the snapshot's
    Placement.objects.filter(student=w.students["Fay"]).update(status="cancelled")
    overview = selectors.funding_overview(access=Access(w.admin), partnership=w.p, year=w.year)
    assert overview.snapshots[0][1].total == expected.total
    assert overview.provisional.total == expected.total - 400_000


def test_deciding_the_key_records_a_decision_and_freezes_a_result_that_adds_up(w):
    decided(w)
    key = w.key
    decision = Decision.objects.get(partnership=w.p)
    assert key.decision_code == decision.code and decision.subject_id == key.pk
    total = 2 * 250_000 + 300_000 + 150_000 + 400_000
    assert key.total_cents == total
    lines = selectors.recipients(key.result, {})
    assert key.result["parts"]["own"] + sum(line.share for line in lines) == total
    alfa = next(line for line in lines if line.pk == w.alfa.pk)
    assert alfa.count == 3  # Ann, Bob, Fay (Cas counts at Beekdal, as on the subsidy list)
    # fixed 30% over two schools; per student 40%: Alfa 60+60+40 of 60+60+40+60+50
    assert alfa.fixed == total * 30 // 100 // 2
    assert alfa.students == round(total * 40 / 100 * 160 / 270)
    # the result is frozen: a later change of the data does not alter it
    Placement.objects.filter(student=w.students["Fay"]).delete()
    key.refresh_from_db()
    assert selectors.recipients(key.result, {}) == lines


def test_a_key_over_100_percent_is_refused(w):
    with_amounts(w)
    taken = snapshot(w)
    with pytest.raises(Exception, match="100%"):
        services.funding_preview(
            partnership=w.p,
            year=w.year,
            snapshot=taken,
            proposal=services.Proposal(60, 30, 20, KEY.weights),
        )


def test_statement_adds_up_with_payments_and_codocent_balance(w, monkeypatch):
    decided(w)
    services.funding_payment_record(
        partnership=w.p,
        year=w.year,
        organisation=w.alfa,
        amount_cents=100_000,
        paid_on=w.year.start_date,
        reference="F-1",
        by=w.admin,
    )
    monkeypatch.setitem(
        SCHOOL_HOURS,
        CODOCENT,
        [lambda access, p, y: {w.alfa.pk: Decimal("12"), w.beekdal.pk: Decimal("4")}],
    )
    statement = selectors.funding_statement(access=Access(w.admin), key=w.key, organisation=w.alfa)
    assert statement.paid == 100_000
    assert statement.outstanding == statement.line.share - 100_000
    assert statement.line.share == statement.line.fixed + statement.line.students
    assert [s["name"].split()[0] for s in statement.students] == ["Ann", "Bob", "Fay"]
    beekdal_share = sum(w.key.result["schools"][str(w.beekdal.pk)].values())
    fair = Decimal(16) * statement.line.share / (statement.line.share + beekdal_share)
    assert statement.codocent.fair_share == fair.quantize(Decimal("0.1"))
    assert statement.codocent.balance == Decimal(12) - statement.codocent.fair_share


def test_codocent_hours_come_from_the_programme_through_the_base(w):
    """programme registers its provider in partnerships.contributions at start-up; a school
    whose people gave no co-docent hours has 0 against a fair share of 0."""
    assert SCHOOL_HOURS[CODOCENT]
    decided(w)
    statement = selectors.funding_statement(access=Access(w.admin), key=w.key, organisation=w.alfa)
    assert statement.codocent == rules.Balance(Decimal(0), Decimal(0))
    assert statement.facilitation_hours > 0


def amounts_of(html: str, attribute: str) -> list[int]:
    import re

    return [int(v) for v in re.findall(rf'{attribute}="(-?\d+)"', html)]


def test_every_page_adds_up(client, w):
    """The overview's shares and own costs add up to its total; every statement's parts to its
    share; the statements together to the total distributed."""
    decided(w)
    client.force_login(w.admin)
    url = reverse("placements:funding", kwargs={"partnership": w.p.slug, "year": LABEL})
    html = client.get(url).content.decode()
    shares = amounts_of(html, "data-share")
    own = amounts_of(html, "data-own")
    total = amounts_of(html, "data-total")
    assert sum(shares) + sum(own) == w.key.total_cents
    assert w.key.total_cents in total
    statement_total = 0
    for org in (w.alfa, w.beekdal, w.hbo, w.wo):
        page = client.get(
            reverse(
                "placements:funding_statement",
                kwargs={"partnership": w.p.slug, "year": LABEL, "organisation": org.pk},
            )
        ).content.decode()
        (share,) = amounts_of(page, "data-share")
        assert sum(amounts_of(page, "data-part")) == share
        statement_total += share
    assert statement_total + own[0] == w.key.total_cents


def test_school_coordinator_reads_only_their_own_statement(client, w):
    decided(w)
    client.force_login(w.coordinator)
    kwargs = {"partnership": w.p.slug, "year": LABEL}
    own = reverse("placements:funding_statement", kwargs=kwargs | {"organisation": w.alfa.pk})
    other = reverse("placements:funding_statement", kwargs=kwargs | {"organisation": w.beekdal.pk})
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    assert client.get(reverse("placements:funding", kwargs=kwargs)).status_code == 403


def test_statement_exports(client, w):
    decided(w)
    client.force_login(w.admin)
    kwargs = {"partnership": w.p.slug, "year": LABEL, "organisation": w.alfa.pk}
    xlsx = client.get(
        reverse("placements:funding_statement_export", kwargs=kwargs | {"fmt": "xlsx"})
    )
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    statement = selectors.funding_statement(access=Access(w.admin), key=w.key, organisation=w.alfa)
    assert Decimal(str(rows["Aandeel"])) * 100 == statement.line.share
    assert len(list(book.worksheets[1].iter_rows())) == 1 + 3
    pdf = client.get(reverse("placements:funding_statement_export", kwargs=kwargs | {"fmt": "pdf"}))
    assert pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(details__what="funding_statement").count() == 2


def test_check_pages_before_amounts_and_key_are_stored(client, w):
    client.force_login(w.admin)
    kwargs = {"partnership": w.p.slug, "year": LABEL}
    url = reverse("placements:funding_amounts", kwargs=kwargs)
    data = {"a": "2.500,00", "c": "3000"}
    check = client.post(url, data)
    assert "placements/funding_amounts_check.html" in [t.name for t in check.templates]
    assert services.funding_amounts(partnership=w.p, year=w.year) == {}
    done = client.post(url, data | {"confirm": "1"})
    assert done.status_code == 200 and "placements/funding_done.html" in [
        t.name for t in done.templates
    ]
    assert services.funding_amounts(partnership=w.p, year=w.year) == {"a": 250_000, "c": 300_000}

    taken = snapshot(w)
    client.force_login(w.stuurgroep)
    url = reverse("placements:funding_key", kwargs=kwargs)
    data = {
        "snapshot": taken.pk,
        "own_costs_percent": 10,
        "institutes_percent": 20,
        "fixed_percent": 30,
        "weight_1": 60,
        "weight_2": 50,
        "weight_3": 40,
        "weight_hbo1": 0,
        "decided_at": "written",
    }
    check = client.post(url, data)
    assert "placements/funding_key_check.html" in [t.name for t in check.templates]
    assert not selectors.funding_key(partnership=w.p, year=w.year)
    client.post(url, data | {"confirm": "1"})
    key = selectors.funding_key(partnership=w.p, year=w.year)
    assert key.total_cents == 2 * 250_000 + 300_000  # e and f have no amount
    assert rules.OWN in key.result["parts"]
