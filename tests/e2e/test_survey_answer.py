"""Surveys in chromium, with axe-core on every page visited.

A werkplekbegeleider opens her personal link on a phone (390×844), without logging in: she
first sends the form with a required question left open (field errors), then answers a question
of every kind — a 1–5 scale, a KOOS double question (desired and actual, one "?"), single and
multiple choice and an open text — and gets the thank-you page; the link then says she has
already answered. The programme manager builds a survey on a desktop: adds a question in place
(htmx), moves it, and previews the survey.

Elements are found by name, id and URL; the checked texts are data, so the test holds whether
or not the Dutch catalogue has the survey strings yet."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.glossary import Role
from quality.choices import AnswerPart
from quality.models import Answer, Question, Response
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.test_transfer_form import fits_the_screen, open_as, shot
from tests.factories import PersonFactory, RoleFactory
from tests.quality.surveys_world import every_kind_survey, invitation, questions

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def test_answering_every_kind_on_a_phone(browser, live_server, journey):
    mentor = PersonFactory(email="wpb@example.org", first_name="Mira", last_name="Bos")
    inv = invitation(journey.partnership, person=mentor, title="Enquête januari")
    qs = questions(inv.round.survey)
    context = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    link = reverse("survey:answer", kwargs={"key": inv.key})
    page.goto(link)
    expect(page.locator("main h1")).to_have_text("Enquête januari")
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "survey-phone")

    # Sent with the required scale question left open: a field error, the other answers kept.
    double = qs["double_scale"].pk
    page.locator(f"label[for=id_q{double}_desired_4]").click()
    page.locator(f"label[for=id_q{double}_actual_5]").click()  # the "?" column
    page.locator("main form button[type=submit]").click()
    expect(page.locator(f"#id_q{qs['scale'].pk}-error")).to_be_visible()
    expect(page.locator("[data-error-summary] a")).to_have_count(1)
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator(f"#id_q{double}_desired_4")).to_be_checked()
    assert_accessible(page)
    fits_the_screen(page)

    # Now every kind.
    page.locator(f"label[for=id_q{qs['scale'].pk}_3]").click()  # the scale's 4
    page.get_by_label("Maandelijks").check()
    page.get_by_label("Training").check()
    page.get_by_label("Studiedag").check()
    page.locator(f"textarea[name=q{qs['open'].pk}]").fill("Meer tijd voor nagesprekken.")
    page.locator(f"label[for=id_q{qs['scale2'].pk}_0]").click()  # the second scale's 1
    button = page.locator("main form button[type=submit]")
    assert button.bounding_box()["height"] >= 44
    button.click()
    expect(page).to_have_url(
        f"{live_server.url}{reverse('survey:answer_done', kwargs={'key': inv.key})}"
    )
    assert_accessible(page)

    stored = Response.objects.get()
    M, D, A = AnswerPart.MAIN, AnswerPart.DESIRED, AnswerPart.ACTUAL
    assert sorted(
        (a.question_id, a.part, a.value, a.dont_know, a.text) for a in stored.answers.all()
    ) == sorted(
        [
            (qs["scale"].pk, M, 4, False, ""),
            (double, D, 5, False, ""),
            (double, A, None, True, ""),
            (qs["single"].pk, M, 1, False, ""),
            (qs["multiple"].pk, M, 0, False, ""),
            (qs["multiple"].pk, M, 2, False, ""),
            (qs["open"].pk, M, None, False, "Meer tijd voor nagesprekken."),
            (qs["scale2"].pk, M, 1, False, ""),
        ]
    )

    # The link again: already answered, nothing to send.
    page.goto(link)
    expect(page.locator("main form")).to_have_count(0)
    assert_accessible(page)
    assert Answer.objects.count() == 8
    context.close()


def test_building_a_survey_in_place(browser, live_server, journey):
    pm = PersonFactory(email="pm@example.org", first_name="Pim", last_name="Smit")
    RoleFactory(person=pm, partnership=journey.partnership, role=Role.PROGRAMMAMANAGER)
    survey = every_kind_survey(journey.partnership, name="Panelvragen")
    section = survey.sections.first()
    slug = journey.partnership.slug
    context, page = open_as(browser, live_server, pm.email)
    page.goto(reverse("quality:survey_list", args=[slug]))
    assert_accessible(page)
    page.locator(f"a[href='{reverse('quality:survey_detail', args=[slug, survey.pk])}']").click()
    assert_accessible(page)

    # Add a question in place: the form appears inside the section, the builder is swapped in.
    create = reverse("quality:question_create", args=[slug, survey.pk, section.pk])
    add = page.locator(f"a[href='{create}']")
    add.click()
    form = page.locator(f"form[action='{create}']")
    expect(form).to_be_visible()
    expect(form.locator("textarea[name=text]")).to_be_focused()
    page.mouse.move(0, 0)
    expect(add).to_have_css("background-color", "rgba(0, 0, 0, 0)")  # hover transition over
    assert_accessible(page)
    form.locator("select[name=kind]").select_option("single")
    form.locator("textarea[name=text]").fill("Welke dag past het best?")
    form.locator("button[type=submit]").click()
    expect(form.locator(".invalid-feedback")).to_be_visible()  # a choice needs options
    form.locator("textarea[name=options]").fill("maandag\ndinsdag")
    form.locator("button[type=submit]").click()
    expect(page.locator("#builder")).to_contain_text("Welke dag past het best?")
    expect(page.locator(f"form[action='{create}']")).to_have_count(0)
    assert_accessible(page)
    question = Question.objects.get(text="Welke dag past het best?")
    assert question.options == ["maandag", "dinsdag"]

    # Move it up one place.
    move = reverse("quality:question_move", args=[slug, survey.pk, question.pk])
    page.locator(f"form[action='{move}'] button[value=up]").click()
    expect(page.locator(f"#question-{question.pk}")).to_be_visible()
    expect(page.locator(f"#section-{section.pk} ol > li").nth(2)).to_contain_text(
        "Welke dag past het best?"
    )

    # The preview: the answering form, disabled.
    page.goto(reverse("quality:survey_preview", args=[slug, survey.pk]))
    expect(page.locator("main input[type=radio]:not([disabled])")).to_have_count(0)
    assert_accessible(page)
    context.close()
