"""The guidance log on a phone (390×844), in chromium with axe-core on every page visited.

Sanne's werkplekbegeleider records a guidance talk and a lesson observation right after the
lesson; Sanne reads them on her phone and adds a reflection; her schoolopleider's dashboard
shows her behind on the talks before and on track after; another school's schoolopleider and
another student get 404 on her log and on the entry.

Elements are found by URL, ``name`` and id; checked texts are data (or counts), so the test
holds whether or not the Dutch catalogue has the strings."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.glossary import Role
from placements.models import GuidanceEntry, Placement
from tests.e2e.axe import assert_accessible
from tests.e2e.test_transfer_form import PHONE, fits_the_screen, open_as, shot
from tests.factories import PersonFactory, RoleFactory, academic_year

pytestmark = [pytest.mark.e2e, pytest.mark.today("2026-12-07")]
NOTES = "Lesvoorbereiding 2B besproken; lesdoel scherper formuleren."
OBSERVED = "Duidelijke uitleg, weinig controle of iedereen meedoet."
REFLECTION = "Ik ga mijn instructie in twee delen splitsen."


@pytest.fixture
def guidance(journey):
    p = journey.partnership
    people = {
        key: PersonFactory(email=f"{key}@example.org", first_name=key.capitalize(), last_name="Bos")
        for key in ("wpb", "so", "io", "so2")
    }
    for key, role, org in (
        ("wpb", Role.WERKPLEKBEGELEIDER, journey.school),
        ("so", Role.SCHOOLOPLEIDER, journey.school),
        ("io", Role.INSTITUUTSOPLEIDER, journey.institute),
        ("so2", Role.SCHOOLOPLEIDER, journey.other_schools[0]),
    ):
        RoleFactory(person=people[key], partnership=p, role=role, organisation=org)
    sanne, daan = journey.students[:2]
    placement = Placement.objects.create(
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
        student=daan,
        academic_year=academic_year(),
        school=journey.other_schools[0],
        subject=daan.subject,
        stage="onderbouw",
        level="wo",
        start="september",
        status="active",
    )
    return placement, sanne, daan, people


def test_a_wpb_records_the_student_reflects_the_schoolopleider_sees_on_track(
    browser, live_server, journey, guidance
):
    placement, sanne, daan, people = guidance
    slug = journey.partnership.slug
    log_path = reverse("placements:guidance_log", args=[slug, placement.pk])

    # The schoolopleider's dashboard: Sanne is behind (no talk in the last two weeks).
    so_context, so = open_as(browser, live_server, people["so"].email, viewport=PHONE)
    so_card = so.locator("main section.card", has=so.locator(f"a[href='{log_path}']"))
    expect(so_card).to_contain_text(sanne.person.full_name)
    fits_the_screen(so)

    # The wpb opens the log from the dashboard on a phone and records a talk.
    context, page = open_as(browser, live_server, people["wpb"].email, viewport=PHONE)
    page.locator(f"main a[href='{log_path}']").first.click()
    expect(page).to_have_url(f"{live_server.url}{log_path}")
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "guidance-log-phone")
    talk = page.locator(f"main a[href='{log_path}new/talk/']")
    box = talk.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300, box  # a big, full-width target
    talk.click()
    assert_accessible(page)
    fits_the_screen(page)
    page.locator("textarea[name=notes]").fill(NOTES)
    page.locator("textarea[name=agreements]").fill("Exit ticket in 2B.")
    save = page.locator("main form button[type=submit]")
    assert save.bounding_box()["height"] >= 44
    save.click()
    expect(page.locator("main article")).to_contain_text(NOTES)
    assert_accessible(page)

    # … and a lesson observation with the kijkkader: a step of the scale and a comment.
    page.goto(log_path)
    page.locator(f"main a[href='{log_path}new/observation/']").click()
    first_step = page.locator("main input[type=radio][name^=score_]").nth(2)
    step_label = page.locator(f"label[for='{first_step.get_attribute('id')}']")
    assert step_label.bounding_box()["height"] >= 44
    step_label.click()
    page.locator("main input[name^=comment_]").first.fill("Goede start van de les")
    page.locator("textarea[name=notes]").fill(OBSERVED)
    assert_accessible(page)
    fits_the_screen(page)
    shot(page, "guidance-observation-phone")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main article table")).to_contain_text("Goede start van de les")
    assert_accessible(page)
    context.close()
    assert GuidanceEntry.objects.filter(placement=placement).count() == 2
    observation = GuidanceEntry.objects.get(placement=placement, kind="observation")
    assert observation.scores.filter(score=3).count() == 1

    # Sanne reads them on her phone and adds a reflection to the observation.
    context, page = open_as(browser, live_server, sanne.person.email, viewport=PHONE)
    page.locator(f"main a[href='{log_path}']").first.click()
    expect(page.locator("main")).to_contain_text(NOTES[:20])
    assert_accessible(page)
    entry_path = reverse("placements:guidance_entry", args=[slug, observation.pk])
    page.locator(f"main a[href='{entry_path}']").click()
    expect(page.locator("main article")).to_contain_text(OBSERVED)
    page.locator("textarea[name=reflection]").fill(REFLECTION)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("textarea[name=reflection]")).to_have_value(REFLECTION)
    assert_accessible(page)
    fits_the_screen(page)
    context.close()

    # The schoolopleider reads the reflection; the dashboard now has her on track.
    so.goto(entry_path)
    expect(so.locator("#reflection-text")).to_contain_text(REFLECTION)
    so.goto(reverse("partnerships:dashboard", args=[slug]))
    expect(so.locator(f"main a[href='{log_path}']")).to_have_count(0)
    on_track = so.locator("main p.text-success-emphasis", has_text=re.compile(r"\b1\b\D+\b1\b"))
    expect(on_track).to_have_count(1)  # "on track: 1 of 1 students"
    assert_accessible(so)
    so_context.close()

    # Another school's schoolopleider and another student get 404 on the log and the entry.
    for email in (people["so2"].email, daan.person.email):
        context, page = open_as(browser, live_server, email, viewport=PHONE)
        for path in (log_path, entry_path):
            assert page.goto(path).status == 404
        context.close()
