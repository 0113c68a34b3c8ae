"""An alumni round in chromium, with axe-core on every page visited (issue 15, item 3).

The programme manager records a former student who agreed to be asked (the alumni register, on
a desktop); a round for alumni opens and invites the address — no person in the product; the
alumnus opens the personal link on a phone (390×844) without logging in, answers and gets the
thank-you page; the link then says the survey has been answered. The programme manager then
reviews the round's open answers after closing (item 4)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.glossary import Role
from quality.choices import Audience, RespondentGroup, RoundStatus
from quality.models import AlumniContact, Invitation, Response, SurveyRound
from quality.services import rounds as services
from tests.e2e.axe import assert_accessible
from tests.e2e.test_transfer_form import fits_the_screen, open_as, shot
from tests.factories import PersonFactory, RoleFactory, academic_year
from tests.quality.factories import QuestionFactory, SurveyFactory, SurveySectionFactory

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def test_an_alumni_round_is_answered_through_its_personal_link(browser, live_server, journey):
    slug = journey.partnership.slug
    manager = PersonFactory(email="pm@example.org", first_name="Petra", last_name="Mol")
    RoleFactory(person=manager, partnership=journey.partnership, role=Role.PROGRAMMAMANAGER)

    # The programme manager records an alumnus with consent.
    context, page = open_as(browser, live_server, manager.email)
    page.goto(reverse("quality:alumni_list", args=[slug]))
    assert_accessible(page)
    page.locator(f"main a[href='{reverse('quality:alumni_create', args=[slug])}']").click()
    assert_accessible(page)
    page.locator("input[name=email]").fill("Oud.Student@Example.org")
    page.locator("input[name=name]").fill("Sam Oud")
    page.locator("select[name=consent_source]").select_option("exit_form")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('quality:alumni_list', args=[slug])}")
    expect(page.locator("main table")).to_contain_text("oud.student@example.org")
    assert_accessible(page)
    shot(page, "alumni-list")
    assert AlumniContact.objects.get().consent_on == timezone.localdate()

    # A round for alumni opens: one invitation for the address, no person.
    survey = SurveyFactory(partnership=journey.partnership, name="Alumni-enquête")
    section = SurveySectionFactory(survey=survey)
    scale = QuestionFactory(section=section, text="Ik ben goed voorbereid op het beroep.")
    today = timezone.localdate()
    survey_round = SurveyRound.objects.create(
        partnership=journey.partnership,
        survey=survey,
        academic_year=academic_year(),
        half=1,
        title="Alumni-enquête 2026",
        audience=Audience.ALUMNI,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=21),
    )
    services.round_open(round=survey_round, today=today)
    invitation = Invitation.objects.get(round=survey_round)
    assert (invitation.person_id, invitation.email) == (None, "oud.student@example.org")

    # The alumnus answers on a phone, without logging in.
    phone = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    answer = phone.new_page()
    link = reverse("survey:answer", kwargs={"key": invitation.key})
    answer.goto(link)
    expect(answer.locator("main h1")).to_have_text("Alumni-enquête 2026")
    assert_accessible(answer)
    fits_the_screen(answer)
    shot(answer, "alumni-answer-phone")
    answer.locator(f"label[for=id_q{scale.pk}_3]").click()  # 4
    answer.locator("main form button[type=submit]").click()
    expect(answer).to_have_url(
        f"{live_server.url}{reverse('survey:answer_done', kwargs={'key': invitation.key})}"
    )
    assert_accessible(answer)
    answer.goto(link)
    assert_accessible(answer)
    stored = Response.objects.get(round=survey_round)
    assert stored.group == RespondentGroup.ALUMNUS
    assert stored.answers.get().value == 4
    phone.close()

    # After closing, the programme manager opens the review of the open answers.
    services.round_close(round=survey_round)
    page.goto(reverse("quality:round_detail", args=[slug, survey_round.pk]))
    assert_accessible(page)
    page.locator(
        f"main a[href='{reverse('quality:round_review', args=[slug, survey_round.pk])}']"
    ).click()
    assert_accessible(page)
    page.locator(
        f"main a[href='{reverse('quality:round_release', args=[slug, survey_round.pk])}']"
    ).click()
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    survey_round.refresh_from_db()
    assert survey_round.status == RoundStatus.CLOSED
    assert survey_round.results_state == "released"
    context.close()
