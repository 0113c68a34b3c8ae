"""The internal evaluation opens pre-filled, in chromium, with axe-core on every page (issue 15,
item 5 and "done when").

Segbroek College's school coordinator opens the year's internal evaluations on a phone (390×844),
chooses "Fill in" for the school and finds the school's own facts above the form — among them the
response of its invitees to the closed student round (3 of 4) — and every theme asked as a
question with its facts written under it. She adds a finding, saves a draft and reads it back;
submitting refuses the themes she left untouched, and a check page comes before the evaluation is
sent."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.glossary import Role
from quality.models import InternalEvaluation
from tests.e2e.axe import assert_accessible
from tests.e2e.test_transfer_form import fits_the_screen, open_as, shot
from tests.factories import PersonFactory, RoleFactory, academic_year
from tests.quality.factories import InvitationFactory
from tests.quality.reports_world import closed_round

pytestmark = [pytest.mark.e2e, pytest.mark.today("2026-12-07")]
PHONE = {"width": 390, "height": 844}


def test_the_internal_evaluation_opens_prefilled(browser, live_server, journey):
    slug, school = journey.partnership.slug, journey.school
    leader = PersonFactory(email="sc@example.org", first_name="Saskia", last_name="Bos")
    RoleFactory(
        person=leader,
        partnership=journey.partnership,
        role=Role.SCHOOLCOORDINATOR,
        organisation=school,
    )
    survey_round = closed_round(journey.partnership, invited=0, responded=0, title="Studenten")
    for i in range(4):
        InvitationFactory(
            round=survey_round, school=school, responded_at=timezone.now() if i else None
        )
    year = academic_year().label
    list_url = reverse("quality:evaluation_list", args=[slug, year])
    edit_url = reverse("quality:evaluation_edit", args=[slug, year, school.pk])

    context, page = open_as(browser, live_server, leader.email, viewport=PHONE)
    page.goto(list_url)
    assert_accessible(page)
    fits_the_screen(page)
    page.locator(f"main a[href='{edit_url}']").click()
    expect(page).to_have_url(f"{live_server.url}{edit_url}")
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "internal-evaluation")

    facts = page.locator("#evaluation-facts")
    expect(facts).to_contain_text("Studenten")
    expect(facts).to_contain_text("3 van 4")
    placements = page.locator("textarea[name=placements]")
    expect(placements).to_have_value(re.compile(r"^Hoeveel studenten"))
    expect(page.locator("textarea[name=communication]")).to_have_value(re.compile("3 van 4"))
    expect(page.locator("textarea[name=professionalisation]")).to_have_value(
        re.compile("Gecertificeerde werkplekbegeleiders")
    )

    placements.fill(placements.input_value() + "\nWe plaatsten minder studenten dan gepland.")
    page.locator("main form button[value=save]").click()
    expect(page.locator("main")).to_contain_text("We plaatsten minder studenten dan gepland.")
    assert_accessible(page)
    evaluation = InternalEvaluation.objects.get(organisation=school)
    assert evaluation.status == "draft"

    # Submitting: the untouched themes are refused, then a check page before anything is sent.
    page.goto(edit_url)
    page.locator("main form button[value=submit]").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("Alleen de vraag en de feiten")
    assert_accessible(page)
    for name in ("programme", "professionalisation", "facilitation", "collaboration"):
        page.locator(f"textarea[name={name}]").fill("")
    page.locator("textarea[name=communication]").fill("De respons was goed.\nMeer via de mentoren.")
    page.locator("textarea[name=conclusions]").fill("Een goed jaar.")
    page.locator("main form button[value=submit]").click()
    expect(page.locator("main h1")).to_have_text("Controleer uw antwoorden voordat u indient")
    expect(page.locator("#answers")).to_contain_text("Meer via de mentoren.")
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "internal-evaluation-check")
    page.locator("main form button[value=confirm]").click()
    expect(page.locator(".alert-success")).to_contain_text("ingediend")
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted"
    text = evaluation.findings.get(theme="communication").text
    assert text.splitlines() == ["De respons was goed.", "Meer via de mentoren."]  # kept
    context.close()
