"""A transfer form (doorstroomformulier) from draft to acknowledged, in chromium, with axe-core on
every page visited.

Sanne writes her form on a phone (390×844): she opens it from her dashboard, types (each field
saves itself), reloads and finds her text, checks her answers (and who will be e-mailed) and
submits it; the confirmation names the three guides who were e-mailed. Her werkplekbegeleider
adds a remark, her institute trainer agrees, Sanne makes the form final, checks who will receive
it and shares it with Zandvliet College, whose schoolcoördinator opens it from the dashboard and
acknowledges it.

Elements are found by URL, ``name`` and id; checked texts are data, so the test holds whether or
not the Dutch catalogue has the transfer-form strings yet."""

import datetime
import os
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.glossary import Role
from placements import services
from placements.models import Placement, TransferForm
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories import PASSWORD, PersonFactory, RoleFactory, academic_year

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
TEXTS = {
    "suits_me": "Een havo/vwo-school met veel ruimte voor eigen lesideeën.",
    "strengths": "Contact met leerlingen; heldere uitleg aan het bord.",
    "points_of_attention": "Orde houden in het laatste uur.",
    "learning_goals_next_year": "Differentiëren binnen de les.",
}


@pytest.fixture
def transfer(journey):
    p = journey.partnership
    people = {
        role: PersonFactory(
            email=f"{role}@example.org", first_name=role.capitalize(), last_name="Bos"
        )
        for role in ("wpb", "so", "io", "sc")
    }
    RoleFactory(
        person=people["wpb"],
        partnership=p,
        role=Role.WERKPLEKBEGELEIDER,
        organisation=journey.school,
    )
    RoleFactory(
        person=people["so"], partnership=p, role=Role.SCHOOLOPLEIDER, organisation=journey.school
    )
    RoleFactory(
        person=people["io"],
        partnership=p,
        role=Role.INSTITUUTSOPLEIDER,
        organisation=journey.institute,
    )
    new_school = journey.other_schools[0]
    RoleFactory(
        person=people["sc"], partnership=p, role=Role.SCHOOLCOORDINATOR, organisation=new_school
    )
    sanne = journey.students[0]
    ending = Placement.objects.create(
        student=sanne,
        academic_year=academic_year(),
        school=journey.school,
        subject=sanne.subject,
        stage="onderbouw",
        level="hbo",
        start="september",
        status="active",
        werkplekbegeleider=people["wpb"],
        schoolopleider=people["so"],
        instituutsopleider=people["io"],
    )
    Placement.objects.create(
        student=sanne,
        academic_year=academic_year(academic_year().start_year + 1),
        school=new_school,
        subject=sanne.subject,
        stage="bovenbouw",
        level="hbo",
        start="september",
    )
    deadline = datetime.date.today() + datetime.timedelta(days=20)
    form = services.transfer_form_open(placement=ending, deadline=deadline)[0]
    return form, sanne, people


def open_as(browser, live_server, email, *, viewport=None):
    """A fresh browser context, logged in as ``email``; the login page is checked too."""
    context = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport=viewport or {"width": 1280, "height": 900},
        is_mobile=viewport is not None,
        has_touch=viewport is not None,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_count(1)
    assert_accessible(page)
    return context, page


def shot(page, name: str) -> None:
    """A full-page screenshot when E2E_SCREENSHOT_DIR is set (to look at the phone layout)."""
    folder = os.environ.get("E2E_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_transfer_form_from_a_phone_to_the_new_school(browser, live_server, journey, transfer):
    form, sanne, people = transfer
    slug = journey.partnership.slug
    form_path = reverse("placements:transfer_form", args=[slug, form.pk])

    # Sanne opens her form from the dashboard on her phone.
    context, page = open_as(browser, live_server, sanne.person.email, viewport=PHONE)
    fits_the_screen(page)
    page.locator(f"main a[href='{form_path}']").first.click()
    expect(page).to_have_url(f"{live_server.url}{form_path}")
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "transfer-phone-draft")

    # She types; every field saves itself (that field only) and says when.
    with page.expect_request(lambda r: r.method == "POST") as autosave:
        page.locator("textarea[name=other_remarks]").press_sequentially("Graag")
    assert sorted(autosave.value.post_data.split("&")) == [
        "autosave=other_remarks",
        "other_remarks=Graag",
    ]
    for name, text in TEXTS.items():
        page.locator(f"textarea[name={name}]").fill(text)
        expect(page.locator(f"#id_{name}-saved")).to_contain_text(re.compile(r"\d\d:\d\d"))
    assert not page.locator("[role=alert]").count()
    assert_accessible(page)
    page.reload()
    for name, text in TEXTS.items():
        expect(page.locator(f"textarea[name={name}]")).to_have_value(text)

    # Offline nothing can be saved: the field says so and keeps the text; back online, the next
    # change saves it.
    status = page.locator("#id_other_remarks-saved")
    context.set_offline(True)
    page.locator("textarea[name=other_remarks]").fill("Graag een klas")
    expect(status).not_to_be_empty()
    expect(status).not_to_contain_text(re.compile(r"\d\d:\d\d"))
    context.set_offline(False)
    page.locator("textarea[name=other_remarks]").fill("Graag een klas.")
    expect(status).to_contain_text(re.compile(r"\d\d:\d\d"))
    assert TransferForm.objects.get(pk=form.pk).other_remarks == "Graag een klas."
    button = page.locator("button[name=step][value=submit]")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300, box  # a big, full-width touch target
    button.click()
    # Check your answers: her texts, who gets an e-mail, nothing sent yet.
    expect(page).to_have_url(re.compile(r"/submit/$"))
    for text in TEXTS.values():
        expect(page.locator("#answers")).to_contain_text(text)
    for key in ("wpb", "so", "io"):
        expect(page.locator("main")).to_contain_text(people[key].full_name)
    expect(page.locator("h1")).not_to_contain_text("(doorstroomformulier)")
    assert TransferForm.objects.get(pk=form.pk).status == "draft"
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "transfer-phone-check")
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    # The confirmation: submitted, the three guides were e-mailed, what comes next.
    expect(page).to_have_url(re.compile(r"/submitted/$"))
    for key in ("wpb", "so", "io"):
        expect(page.locator("#emailed")).to_contain_text(people[key].full_name)
    expect(page.locator(".alert-success")).to_have_count(1)  # one success message, not two
    assert TransferForm.objects.get(pk=form.pk).status == "submitted"
    assert_accessible(page)
    fits_the_screen(page)
    page.goto(form_path)
    expect(page.locator("button[name=step][value=submit]")).to_have_count(0)

    # Her werkplekbegeleider finds it on the dashboard and adds a remark.
    wpb_context, wpb = open_as(browser, live_server, people["wpb"].email)
    wpb.locator(f"main a[href='{form_path}']").first.click()
    expect(wpb.locator("textarea[name=suits_me]")).to_have_count(0)  # read only for guides
    expect(wpb.locator("main")).to_contain_text(TEXTS["strengths"])
    assert_accessible(wpb)
    wpb.locator("textarea[name=text]").fill("Sanne groeide dit jaar sterk in klassenmanagement.")
    wpb.locator("form[action$='/remark/'] button[type=submit]").click()
    expect(wpb.locator("main article")).to_contain_text("klassenmanagement")
    assert_accessible(wpb)
    wpb_context.close()

    # Her institute trainer agrees (needed before the form can be final).
    io_context, io = open_as(browser, live_server, people["io"].email)
    io.goto(form_path)
    io.locator("input[name=agrees]").check()
    io.locator("form[action$='/remark/'] button[type=submit]").click()
    expect(io.locator("main article")).to_have_count(2)
    assert_accessible(io)
    io_context.close()

    # Sanne sees the remark, makes the form final and shares it with her new school.
    page.reload()
    expect(page.locator("main article").first).to_contain_text("klassenmanagement")
    assert_accessible(page)
    page.locator("form[action$='/finalise/'] button").click()
    expect(page.locator("main a[href$='/share/']")).to_be_visible()
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "transfer-phone-final")
    page.locator("main a[href$='/share/']").click()
    # Check before sharing: who at the new school gets it.
    expect(page.locator("#receivers")).to_contain_text(people["sc"].full_name)
    assert TransferForm.objects.get(pk=form.pk).status == "final"
    assert_accessible(page)
    fits_the_screen(page)
    page.locator("form[action$='/share/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/shared/$"))
    expect(page.locator("#emailed")).to_contain_text(people["sc"].full_name)
    assert TransferForm.objects.get(pk=form.pk).status == "shared"
    assert_accessible(page)
    context.close()

    # The new school's coordinator opens it from the dashboard and acknowledges it.
    sc_context, sc = open_as(browser, live_server, people["sc"].email)
    sc.locator(f"main a[href='{form_path}']").first.click()
    expect(sc.locator("main")).to_contain_text(TEXTS["learning_goals_next_year"])
    assert_accessible(sc)
    sc.locator("input[name=discussed]").check()
    sc.locator("form[action$='/acknowledge/'] button").click()
    expect(sc.locator("form[action$='/acknowledge/']")).to_have_count(0)
    assert_accessible(sc)
    form.refresh_from_db()
    assert form.status == "acknowledged" and form.acknowledged_by == people["sc"]
    sc_context.close()
