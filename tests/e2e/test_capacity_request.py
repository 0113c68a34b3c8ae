"""A stagecoördinator asks the schools for their places from a 390 px phone, in chromium, with
axe-core on every page.

Anne fills in the request (a deadline, the schools that have not answered), checks it — who gets
one e-mail with which schools, the school without a coordinator, the school left out because it
answered — changes her message through "Change the request", sends it and lands on the
confirmation page: how many e-mails went to whom and what comes next, one success message.
Pressing "back" and sending the same check page again sends nothing twice."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.glossary import Role
from placements.models import CapacityRequest
from tests.e2e.axe import assert_accessible
from tests.e2e.test_transfer_form import PHONE, fits_the_screen, open_as, shot
from tests.factories import PersonFactory, RoleFactory, SchoolFactory, academic_year
from tests.placements.factories import SchoolCapacityFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def schools(journey):
    """Segbroek has a coordinator; Zandvliet answered already; Dalton has no coordinator."""
    p, year = journey.partnership, academic_year()
    zandvliet, dalton = journey.other_schools
    lotte = PersonFactory(email="lotte@example.org", first_name="Lotte", last_name="Bakker")
    RoleFactory(
        person=lotte, partnership=p, role=Role.SCHOOLCOORDINATOR, organisation=journey.school
    )
    karim = PersonFactory(email="karim@example.org", first_name="Karim", last_name="Amrani")
    RoleFactory(person=karim, partnership=p, role=Role.SCHOOLCOORDINATOR, organisation=zandvliet)
    SchoolCapacityFactory(school=zandvliet, academic_year=year, answered_at=timezone.now())
    SchoolFactory(partnership=p, name="Gesloten School", is_active=False)
    return year, lotte, dalton, zandvliet


def test_a_coordinator_checks_and_sends_the_capacity_request_on_a_phone(
    browser, live_server, journey, schools
):
    year, lotte, dalton, zandvliet = schools
    slug = journey.partnership.slug
    context, page = open_as(browser, live_server, journey.coordinator.email, viewport=PHONE)
    page.goto(reverse("placements:capacity_request", args=[slug, year.label]))
    expect(page.locator("main h1")).to_contain_text("plaatsen")
    assert_accessible(page)
    fits_the_screen(page)

    deadline = timezone.localdate() + datetime.timedelta(days=21)
    page.locator("input[name=deadline]").fill(deadline.isoformat())
    page.locator("textarea[name=message]").fill("Graag voor de kerstvakantie.")
    page.locator("main form button[type=submit]").click()

    # The check page: what goes out to whom; nothing is sent yet.
    expect(page.locator("main h1")).to_have_text("Controleer voordat u de uitvraag verstuurt")
    expect(page.locator("#request-summary")).to_contain_text("Graag voor de kerstvakantie.")
    expect(page.locator("#recipient-count")).to_contain_text("1 persoon krijgt één e-mail")
    expect(page.locator("#recipients")).to_contain_text(f"{lotte.full_name}: Segbroek College")
    expect(page.locator("#uncoordinated")).to_contain_text(dalton.name)
    expect(page.locator("#left-out")).to_contain_text("1 school heeft al geantwoord")
    assert not CapacityRequest.objects.exists() and len(mail.outbox) == 0
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "capacity-request-check-phone")

    # Change the message: the form comes back filled in.
    page.locator("main a", has_text="Uitvraag wijzigen").click()
    expect(page.locator("textarea[name=message]")).to_have_value("Graag voor de kerstvakantie.")
    page.locator("textarea[name=message]").fill("Graag voor 1 januari.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#request-summary")).to_contain_text("Graag voor 1 januari.")
    check_url = page.url

    # Send: the confirmation page is the only success message.
    page.locator("main form button[type=submit]", has_text="Uitvraag versturen").click()
    expect(page).to_have_url(re.compile(r"/capacity/request/\d+/sent/"))
    expect(page.locator("main .alert-success")).to_have_count(1)
    expect(page.locator("#sent-count")).to_contain_text("1 e-mail aan 1 schoolcoördinator")
    expect(page.locator("#emailed")).to_contain_text(lotte.full_name)
    expect(page.locator("main")).to_contain_text("Wat er nu gebeurt")
    expect(page.locator("main")).to_contain_text("herinnering")
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "capacity-request-sent-phone")
    request = CapacityRequest.objects.get()
    assert request.message == "Graag voor 1 januari." and request.deadline == deadline
    assert [m.to for m in mail.outbox] == [[lotte.email]]

    # Back to the check page and send again: nothing is sent twice.
    page.goto(check_url)
    page.locator("main form button[type=submit]", has_text="Uitvraag versturen").click()
    expect(page.locator("#sent-count")).to_be_visible()
    assert CapacityRequest.objects.count() == 1 and len(mail.outbox) == 1

    # The way on: who has answered.
    page.locator("main a", has_text="Bekijk wie heeft geantwoord").click()
    expect(page).to_have_url(
        re.compile(reverse("placements:capacity", args=[slug, year.label]) + "$")
    )
    context.close()
