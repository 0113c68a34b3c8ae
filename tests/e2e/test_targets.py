"""Targets through a half year and the next (issue 15, "done when"), in chromium, with axe on
every page.

On 7 December 2026 the programme manager sets three targets on an indicator in the browser (the
mean of a student-survey statement ≥ 4,0; the share agreeing with it ≥ 85%; the students'
response rate ≥ 2/3). The January round's answers are in (made by the fixture); the round closes
through the service and the report task drafts the half-year report, which states met / not met
for each with the figures. The programme manager adds an improvement action that names the mean
target. On 20 July 2027 the June round closes with better answers and the next half year's report
shows that the measure moved towards the target."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

import quality.tasks.reports  # noqa: F401  (registers the report task the outbox runs eagerly)
from config.celery import app as celery_app
from partnerships.glossary import Role
from quality.choices import AnswerPart, RoundStatus
from quality.models import Answer, QualityReport, Response, SurveyRound, Target
from quality.services.reports import report_draft
from quality.services.rounds import round_close
from tests.clock import at_morning
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.test_transfer_form import fits_the_screen
from tests.factories import PASSWORD, PartnershipFactory, PersonFactory, RoleFactory, academic_year
from tests.quality.factories import (
    AmbitionFactory,
    IndicatorFactory,
    InvitationFactory,
    QuestionFactory,
    SurveyFactory,
    SurveySectionFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.today("2026-12-07")]
STATEMENT = "Mijn werkplekbegeleider geeft bruikbare feedback"


def answered_round(survey, question, *, half, values, invited, title):
    """An open round of ``survey`` whose first ``len(values)`` of ``invited`` students answered."""
    today = timezone.localdate()
    survey_round = SurveyRound.objects.create(
        partnership=survey.partnership,
        survey=survey,
        academic_year=academic_year(2026),
        half=half,
        title=title,
        audience="students",
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today - datetime.timedelta(days=1),
        status=RoundStatus.OPEN,
    )
    for i in range(invited):
        InvitationFactory(
            round=survey_round,
            group="student",
            responded_at=timezone.now() if i < len(values) else None,
        )
    for value in values:
        response = Response.objects.create(round=survey_round, group="student")
        Answer.objects.create(
            response=response, question=question, part=AnswerPart.MAIN, value=value
        )
    return survey_round


@pytest.fixture
def world(transactional_db, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)  # the outbox runs tasks here
    partnership = PartnershipFactory(name="Opleidingsschool Delfland", slug="delfland")
    manager = PersonFactory(email="pm@example.org", first_name="Petra", last_name="Mulder")
    RoleFactory(person=manager, partnership=partnership, role=Role.PROGRAMMAMANAGER)
    indicator = IndicatorFactory(
        ambition=AmbitionFactory(partnership=partnership, title="Goede begeleiding"),
        question="Krijgen studenten bruikbare feedback van hun begeleiders?",
    )
    survey = SurveyFactory(partnership=partnership, name="Studentenenquête")
    question = QuestionFactory(section=SurveySectionFactory(survey=survey), text=STATEMENT)
    january = answered_round(
        survey,
        question,
        half=1,
        values=[5, 5, 4, 4, 3],
        invited=9,
        title="Studentenenquête januari",
    )
    academic_year(2025)  # the trend's earlier year
    return partnership, manager, indicator, survey, question, january


def log_in(page, person):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_count(1)


def add_target(page, slug, indicator, *, measure, value, question=None, group=None):
    page.goto(reverse("quality:framework", args=[slug]))
    page.locator("details:has(a[href*='/targets/new/']) > summary").click()
    page.locator(
        f"a[href='{reverse('quality:target_create', args=[slug, indicator.pk])}']"
    ).first.click()
    expect(page.locator("select[name=measure]")).to_be_visible()
    page.locator("select[name=measure]").select_option(measure)
    if question is not None:
        page.locator("select[name=question]").select_option(str(question.pk))
    if group is not None:
        page.locator("select[name=group]").select_option(group)
    page.locator("select[name=comparison]").select_option("ge")
    page.locator("input[name=value]").fill(value)
    page.locator("select[name=academic_year]").select_option(str(academic_year(2026).pk))
    page.locator("select[name=half]").select_option("1")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("quality:framework", args=[slug]))))


def targets_section(page):
    return page.locator("#section-targets")


def test_targets_are_judged_and_an_action_shows_its_effect(browser, live_server, world):
    partnership, manager, indicator, survey, question, january = world
    slug = partnership.slug
    context = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    log_in(page, manager)

    # Three targets on the indicator, set in the browser (the summary opens the list of indicators).
    page.goto(reverse("quality:framework", args=[slug]))
    assert_accessible(page)
    add_target(page, slug, indicator, measure="question_mean", question=question, value="4,0")
    add_target(page, slug, indicator, measure="question_agree", question=question, value="85%")
    add_target(page, slug, indicator, measure="response_rate", group="student", value="2/3")
    assert Target.objects.filter(partnership=partnership).count() == 3
    assert sorted(Target.objects.values_list("value", flat=True)) == ["17/20", "2/3", "4"]
    glance = page.locator("#targets-h + div table")
    expect(glance.locator("tbody tr")).to_have_count(3)
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})  # the ambition's buttons wrap
    fits_the_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The round closes through the service; the report task drafts the half-year report.
    assert round_close(round=january, by=manager)
    report = QualityReport.objects.get(partnership=partnership, half=1)
    page.goto(reverse("quality:report_detail", args=[slug, report.pk]))
    assert_accessible(page)
    section = targets_section(page)
    rows = section.locator("table tbody tr")
    expect(rows).to_have_count(3)
    mean = rows.filter(has_text="gemiddelde")
    expect(mean).to_contain_text("≥ 4")
    expect(mean).to_contain_text("4,2")
    expect(mean.locator(".badge")).to_have_text("voldaan")
    agree = rows.filter(has_text="eens")
    expect(agree).to_contain_text("≥ 85%")
    expect(agree).to_contain_text("80%")
    expect(agree).to_contain_text("4 van 5")
    expect(agree.locator(".badge")).to_have_text("niet gehaald")
    response = rows.filter(has_text="respons")
    expect(response).to_contain_text("55,6%")
    expect(response).to_contain_text("5 van 9")
    expect(response).to_contain_text("66,7%")
    expect(response.locator(".badge")).to_have_text("niet gehaald")

    # An improvement action names the mean target.
    page.goto(reverse("quality:action_create", args=[slug]))
    page.locator("input[name=title]").fill("Feedbacktraining voor werkplekbegeleiders")
    page.locator("select[name=level]").select_option("partnership")
    page.locator("select[name=owner]").select_option(str(manager.pk))
    page.locator("input[name=due_date]").fill("2027-05-01")
    target = Target.objects.get(measure="question_mean")
    page.locator("select[name=target]").select_option(str(target.pk))
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_contain_text("Feedbacktraining")
    context.close()

    # The next half year: the June round closes with better answers; its report shows the effect.
    with time_machine.travel(at_morning("2027-07-20")):
        june = answered_round(
            survey,
            question,
            half=2,
            values=[5, 5, 5, 4, 4, 4],
            invited=8,
            title="Studentenenquête juni",
        )
        assert round_close(round=june, by=manager)
        later, _created = report_draft(
            partnership=partnership,
            academic_year=academic_year(2026),
            kind="half_year",
            half=2,
            today=timezone.localdate(),
        )
        context = browser.new_context(
            reduced_motion="reduce",  # axe measures contrast at rest
            base_url=live_server.url,
            locale="nl-NL",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        log_in(page, manager)
        page.goto(reverse("quality:report_detail", args=[slug, later.pk]))
        assert_accessible(page)
        effect = targets_section(page).locator("[data-effect]")
        expect(effect).to_have_count(1)
        expect(effect).to_have_attribute("data-effect", "better")
        expect(effect).to_contain_text("Feedbacktraining voor werkplekbegeleiders")
        expect(effect).to_contain_text("4,2")  # half 1
        expect(effect).to_contain_text("4,5")  # half 2: 27/6
        expect(effect).to_contain_text("in de richting van het streefdoel bewogen")
        context.close()
