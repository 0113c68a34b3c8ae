"""A co-docent's school declares hours, the programme manager approves, the administrative
support marks them paid and the budget's realisation moves (issue 19, done when), in chromium
with axe on every page.

The schoolcoördinator of Segbroek College declares 8,5 co-docent hours for the school with a
time sheet (PDF), checks the declaration and submits it; the confirmation says what happens
next. The programme manager finds it on the dashboard and approves it; the administrative
support marks it paid from the list of approved declarations. The budget's co-docent line then
shows € 382,50 realised, and each step mailed the schoolcoördinator."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.glossary import Role
from tests.e2e.axe import assert_accessible
from tests.e2e.test_governance import log_in
from tests.factories import PartnershipFactory, PersonFactory, RoleFactory, SchoolFactory
from tests.partnerships.finance import helpers

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(transactional_db, settings):
    settings.MFA_ENFORCE = False
    partnership = PartnershipFactory(name="Opleidingsschool Delta", slug="delta")
    school = SchoolFactory(partnership=partnership, name="Segbroek College")
    people = {}
    for name, role, org in (
        ("pm", Role.PROGRAMMAMANAGER, None),
        ("admin", Role.ADMINISTRATIEF_ONDERSTEUNER, None),
        ("sc", Role.SCHOOLCOORDINATOR, school),
        ("codocent", Role.CO_DOCENT, school),
    ):
        people[name] = PersonFactory(email=f"{name}@delta.example", first_name=name.title())
        RoleFactory(person=people[name], partnership=partnership, role=role, organisation=org)
    line = helpers.codocent_line(partnership, people["pm"])  # € 45,00 an hour, open
    return partnership, school, line, people


def test_a_school_declares_hours_approved_paid_and_realised(
    browser, live_server, world, mailoutbox, tmp_path
):
    partnership, school, line, people = world
    slug = partnership.slug
    sheet = tmp_path / "urenbriefje.pdf"
    sheet.write_bytes(helpers.PDF)

    # The schoolcoördinator declares the co-docent's hours for the school.
    context, page = log_in(browser, live_server, people["sc"])
    page.locator(f"nav a[href='{reverse('finance:home', args=[slug])}']").click()
    expect(page).to_have_url(re.compile(r"/finance/declarations/$"))
    assert_accessible(page)
    page.locator(f"main a[href='{reverse('finance:declaration_create', args=[slug])}']").click()
    assert_accessible(page)
    page.locator("select[name=line]").select_option(str(line.pk))
    page.locator("select[name=organisation]").select_option(str(school.pk))
    page.locator("input[name=kind][value=hours]").check()
    page.locator("input[name=hours]").fill("8.5")
    page.locator("textarea[name=description]").fill("Co-docent intervisie, drie bijeenkomsten")
    page.locator("input[name=attachment]").set_input_files(str(sheet))
    page.locator("main form button[type=submit]").click()

    # The check page: nothing sent yet; the amount at the line's hourly rate.
    expect(page.locator("main h1")).to_have_text("Controleer uw declaratie voordat u die indient")
    assert_accessible(page)
    expect(page.locator("#declaration-summary")).to_contain_text("Segbroek College")
    expect(page.locator("#amount")).to_have_text("€ 382,50")
    assert not mailoutbox
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#confirmation")).to_contain_text("ingediend")
    expect(page.locator("main")).to_contain_text("Wat er nu gebeurt")
    assert_accessible(page)
    declaration = line.declarations.get()
    assert declaration.status == "submitted"
    context.close()

    # The programme manager decides from the dashboard card.
    context, page = log_in(browser, live_server, people["pm"])
    card = page.locator("main .card", has_text="Declaraties om over te beslissen")
    expect(card).to_contain_text("€ 382,50")
    assert_accessible(page)
    card.locator(f"a[href='{declaration.get_absolute_url()}']").click()
    assert_accessible(page)
    page.locator("input[name=decision][value=approve]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#status")).to_have_text("Goedgekeurd, wacht op betaling")
    assert_accessible(page)
    context.close()

    # The administrative support pays it, from the list of approved declarations.
    context, page = log_in(browser, live_server, people["admin"])
    page.goto(reverse("finance:declaration_list", args=[slug]) + "?status=approved")
    assert_accessible(page)
    page.locator(f"main a[href='{declaration.get_absolute_url()}']").click()
    page.locator("main form button[type=submit]", has_text="Markeren als betaald").click()
    expect(page.locator("#status")).to_have_text("Betaald")
    assert_accessible(page)

    # The budget's realisation has moved: the co-docent line shows the hours paid.
    page.goto(line.budget.get_absolute_url())
    assert_accessible(page)
    row = page.locator(f"#costs tr[data-line='{line.pk}']")
    expect(row.locator("[data-part=realised]")).to_have_text("€ 382,50")
    expect(page.locator("#costs [data-total=realised]")).to_have_text("€ 382,50")
    page.locator(f"#costs a[href='{line.get_absolute_url()}']").click()
    expect(page.locator("#realised")).to_have_text("€ 382,50")
    assert_accessible(page)
    context.close()

    subjects = [m.subject for m in mailoutbox]
    assert subjects == [
        f"Declaratie {declaration.number} ontvangen",
        f"Declaratie {declaration.number} goedgekeurd",
        f"Declaratie {declaration.number} betaald",
    ]
    assert all(m.to == [people["sc"].email] for m in mailoutbox)
