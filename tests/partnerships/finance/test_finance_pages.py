"""The money pages add up (issue 19: "every sum shown adds up"): each page's parts are summed
from the HTML (every amount carries its cents in ``data-cents``) and compared with the totals it
shows. Also the exports read back, the dashboard card and the check page's GET changing nothing."""

import csv
import io
from html.parser import HTMLParser

import openpyxl
import pytest
from django.urls import reverse

from partnerships.finance import services
from partnerships.finance.choices import LineCategory
from tests.partnerships.finance import helpers
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


class Amounts(HTMLParser):
    """Every element with ``data-cents``: its attributes, the id of its table and whether it
    sits in the table's body or foot."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[dict] = []
        self.table = ""
        self.section = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.table = attrs.get("id", "")
        elif tag in ("tbody", "tfoot", "thead"):
            self.section = tag
        if "data-cents" in attrs:
            self.found.append(attrs | {"table": self.table, "section": self.section})

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = self.section = ""

    def cents(self, **match) -> list[int]:
        return [
            int(a["data-cents"])
            for a in self.found
            if all(a.get(k.replace("_", "-")) == v for k, v in match.items())
        ]


@pytest.fixture
def money(world):
    """A budget with amounts on several lines, entered amounts and declarations in each state."""
    pm, admin = world["programmamanager"], world["administratief_ondersteuner"]
    budget = helpers.budget(world.a, pm)
    for n, line in enumerate(budget.lines.all()):
        line.budgeted_cents = (n + 1) * 123_457
        services.line_save(line=line, by=pm)
    contributions = budget.lines.get(category=LineCategory.CONTRIBUTIONS)
    for cents in (250_001, 99_999, -1_234):
        services.entry_add(
            line=contributions,
            by=admin,
            date=budget.academic_year.start_date,
            description="Bijdrage",
            amount_cents=cents,
        )
    sc = world["schoolcoordinator"]
    for n, status in enumerate(("draft", "submitted", "approved", "rejected", "paid", "paid")):
        helpers.declaration(
            world.a,
            sc,
            pm,
            status=status,
            hours=f"{n + 1}.25",
            organisation=world.school1,
            payer=admin,
        )
    return budget


def get(client, person, name, **kwargs):
    client.force_login(person)
    response = client.get(reverse(f"finance:{name}", kwargs=kwargs))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_budget_page_adds_up(client, world, money):
    html = get(
        client,
        world["stuurgroeplid"],
        "budget_detail",
        partnership=world.a.slug,
        year=money.academic_year.label,
    )
    page = Amounts(html)
    totals = {}
    for table in ("income", "costs"):
        for part in ("budgeted", "realised"):
            parts = page.cents(table=table, section="tbody", data_part=part)
            (total,) = page.cents(table=table, section="tfoot", data_total=part)
            assert sum(parts) == total, (table, part)
            totals[table, part] = total
    # (other apps' sources may add to these; the lines' own pages pin their parts)
    assert totals["income", "realised"] >= 250_001 + 99_999 - 1_234
    balance = [int(a["data-cents"]) for a in page.found if a["table"] == ""]
    assert balance == [
        totals["income", "budgeted"] - totals["costs", "budgeted"],
        totals["income", "realised"] - totals["costs", "realised"],
    ]


def test_the_budget_list_adds_up(client, world, money):
    page = Amounts(get(client, world["programmamanager"], "budget_list", partnership=world.a.slug))
    income_b, cost_b, balance_b, income_r, cost_r, balance_r = page.cents(table="budgets")
    assert balance_b == income_b - cost_b and balance_r == income_r - cost_r


@pytest.mark.parametrize("category", [LineCategory.CONTRIBUTIONS, LineCategory.CODOCENT])
def test_a_line_page_adds_up(client, world, money, category):
    line = money.lines.get(category=category)
    page = Amounts(
        get(client, world["programmamanager"], "line_detail", partnership=world.a.slug, pk=line.pk)
    )
    parts = page.cents(table="parts", section="tbody")
    assert parts and sum(parts) == page.cents(id="realised")[0]
    expected = {
        LineCategory.CONTRIBUTIONS: 250_001 + 99_999 - 1_234,
        LineCategory.CODOCENT: (3.25 + 5.25 + 6.25) * helpers.RATE,  # approved and paid
    }[category]
    assert (
        sum(page.cents(table="parts", section="tbody", data_kind="entry"))
        + sum(page.cents(table="parts", section="tbody", data_kind="declaration"))
        == expected
    )


@pytest.mark.parametrize("status", ["", "paid", "approved"])
def test_the_declaration_list_adds_up(client, world, money, status):
    client.force_login(world["administratief_ondersteuner"])
    url = reverse("finance:declaration_list", args=[world.a.slug]) + (
        f"?status={status}" if status else ""
    )
    page = Amounts(client.get(url).content.decode())
    parts = page.cents(table="declarations", section="tbody")
    assert len(parts) == {"": 5, "paid": 2, "approved": 1}[status]  # not the sc's draft
    assert sum(parts) == page.cents(id="total")[0]


def test_exports_read_back(client, world, money):
    client.force_login(world["administratief_ondersteuner"])
    base = reverse("finance:declaration_export", args=[world.a.slug, "csv"])
    text = client.get(base + "?status=paid").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Nummer" and len(rows) == 3
    assert {r[9] for r in rows[1:]} == {"236,25", "281,25"}  # 5.25 h and 6.25 h at € 45
    xlsx = client.get(reverse("finance:declaration_export", args=[world.a.slug, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 6  # the heading and five declarations (a draft is its declarant's)
    declared = money.lines.get(category=LineCategory.CODOCENT).declarations.exclude(status="draft")
    assert sum(r[9] for r in values[1:]) * 100 == sum(d.amount_cents for d in declared)


def test_the_programme_manager_sees_the_declarations_to_decide(client, world, money):
    client.force_login(world["programmamanager"])
    html = client.get(reverse("partnerships:dashboard", args=[world.a.slug])).content.decode()
    assert "Declaraties om over te beslissen" in html
    assert html.count("/finance/declarations/") >= 1


def test_the_check_page_changes_nothing_until_submitted(client, world, money, mailoutbox):
    sc = world["schoolcoordinator"]
    draft = helpers.declaration(world.a, sc, world["programmamanager"], organisation=world.school1)
    client.force_login(sc)
    check = reverse("finance:declaration_check", args=[world.a.slug, draft.pk])
    html = client.get(check).content.decode()
    assert draft.number in html and "Declaratie indienen" in html
    draft.refresh_from_db()
    assert draft.status == "draft" and not mailoutbox
    response = client.post(check)
    assert response["Location"].endswith(f"/declarations/{draft.pk}/submitted/")
    assert "Wat er nu gebeurt" in client.get(response["Location"]).content.decode()
    assert client.post(check).status_code == 302  # a second press submits nothing again
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_declaring_through_the_form(client, world, money):
    sc = world["schoolcoordinator"]
    line = money.lines.get(category=LineCategory.CODOCENT)
    client.force_login(sc)
    url = reverse("finance:declaration_create", args=[world.a.slug])
    form = client.get(url).context["form"]
    assert list(form.fields["organisation"].queryset) == [world.school1, world.school3]  # cluster
    response = client.post(
        url,
        {
            "line": line.pk,
            "organisation": world.school1.pk,
            "kind": "hours",
            "date": "2026-11-20",
            "hours": "3.5",  # a number input sends a dot whatever the locale
            "description": "Praktijkdag",
            "attachment": helpers.pdf(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    declaration = sc.declarations.latest("pk")
    assert declaration.amount_cents == 3.5 * helpers.RATE and declaration.status == "draft"


def test_pages_take_the_same_queries_for_1_and_10_rows(client, world):
    pm, sc = world["programmamanager"], world["schoolcoordinator"]
    client.force_login(pm)
    budget = helpers.budget(world.a, pm)
    pages = [
        reverse("finance:declaration_list", args=[world.a.slug]),
        budget.get_absolute_url(),
        budget.lines.get(category=LineCategory.CODOCENT).get_absolute_url(),
    ]
    helpers.declaration(world.a, sc, pm, status="approved", organisation=world.school1)
    for url in pages:  # the first look makes the partnership's defaults (co-docent norms)
        client.get(url)
    counts = []
    for n in (1, 10):
        while helpers.codocent_line(world.a, pm).declarations.count() < n:
            helpers.declaration(world.a, sc, pm, status="approved", organisation=world.school1)
        counts.append([queries_of(lambda url=url: client.get(url)) for url in pages])
    assert counts[0] == counts[1]
