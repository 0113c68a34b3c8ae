"""A wpb training closes a compliance gap, in chromium, with axe-core on every page visited.

Segbroek College has one section that takes students (wiskunde) and a werkplekbegeleider,
Wim Bakker, without a wpb certificate: the compliance page shows the section's gap and names
Wim as a candidate. The programme manager plans a basic wpb training run from the gap's link,
enrols Wim from his candidate link, registers the run as completed; Wim's person page then shows
the wpb qualification and the school meets every requirement.

Elements are found by URL, ``name``, id and ``data-gap``; checked texts are data (names, titles),
so the test holds whether or not the Dutch catalogue has the compliance strings yet."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from partnerships.glossary import QualificationKind, Role
from partnerships.models import Qualification, Section, Subject
from professionalisation.models import Activity, Enrolment, Run
from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD, PersonFactory, RoleFactory
from tests.professionalisation.compliance_world import staff

pytestmark = pytest.mark.e2e
RUN_TITLE = "Basistraining werkplekbegeleiders najaar"


@pytest.fixture
def training(journey):
    p, school = journey.partnership, journey.school
    subject = Subject.objects.create(partnership=p, name="Wiskunde", code="wi")
    Section.objects.create(school=school, subject=subject, takes_students=True)
    staff(p, school, Role.SCHOOLOPLEIDER, quals=["brlo"])
    staff(p, school, Role.SCHOOLOPLEIDER)
    staff(p, school, Role.SCHOOLCOORDINATOR)
    staff(p, school, Role.ASSESSOR, quals=["assessor"])
    wpb = PersonFactory(
        email="wim.bakker@example.org", first_name="Wim", last_name="Bakker", teaching_since=2012
    )
    RoleFactory(
        person=wpb,
        partnership=p,
        role=Role.WERKPLEKBEGELEIDER,
        organisation=school,
        subject=subject,
    )
    organiser = PersonFactory(
        email="pim.manager@example.org", first_name="Pim", last_name="Manager"
    )
    RoleFactory(person=organiser, partnership=p, role=Role.PROGRAMMAMANAGER)
    activity = Activity.objects.create(
        partnership=p,
        name="Basistraining werkplekbegeleiders",
        kind="wpb_basis",
        formality="basis",
        target_roles=[Role.WERKPLEKBEGELEIDER],
        hours=24,
        qualification_kind=QualificationKind.WPB_BASIS,
    )
    return journey, wpb, organiser, activity


def _path(name, journey, **kwargs):
    return reverse(name, kwargs={"partnership": journey.partnership.slug, **kwargs})


def _login(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/p/**")


def test_a_wpb_training_closes_the_compliance_gap(page, training, screenshot):
    journey, wpb, organiser, activity = training
    school_page = _path("professionalisation:compliance_school", journey, pk=journey.school.pk)
    today = timezone.localdate().isoformat()

    _login(page, organiser.email)
    page.goto(_path("professionalisation:compliance", journey))
    screenshot("compliance_overview")
    assert_accessible(page)
    page.locator(f"main a[href='{school_page}']").first.click()
    page.wait_for_url(f"**{school_page}")
    assert_accessible(page)
    section_gap = page.locator("[data-gap=section]")
    expect(section_gap).to_contain_text("Wim Bakker")
    expect(page.locator("[data-gap=wpb_training]")).to_contain_text("Wim Bakker")
    expect(page.locator("[data-gap]")).to_have_count(2)  # nothing else is missing
    screenshot("wpb_training_gap")

    # no open run yet: plan one from the gap
    section_gap.locator(f"a[href*='?activity={activity.pk}']").click()
    page.wait_for_url("**/runs/new/**")
    assert_accessible(page)
    expect(page.locator("select[name=activity]")).to_have_value(str(activity.pk))
    page.locator("input[name=title]").fill(RUN_TITLE)
    page.locator("input[name=starts_on]").fill(today)
    page.locator("input[name=ends_on]").fill(today)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/runs/*/")
    run = Run.objects.get(title=RUN_TITLE)
    assert run.activity == activity and run.status == "planned"
    assert_accessible(page)

    # enrol Wim from his candidate link
    page.goto(school_page)
    page.locator("[data-gap=section] a[href*='enrol-someone']").click()
    page.wait_for_url("**/enrol-someone/**")
    assert_accessible(page)
    page.locator("select[name=person]").select_option(str(wpb.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{run.get_absolute_url()}")
    enrolment = Enrolment.objects.get(run=run, person=wpb)
    assert enrolment.status == "enrolled"

    # enrolled: his training counts as running; the section still waits for the certificate
    page.goto(school_page)
    expect(page.locator("[data-gap=wpb_training]")).to_have_count(0)
    expect(page.locator("[data-gap=section]")).to_contain_text(RUN_TITLE)
    assert_accessible(page)

    # the run is completed
    page.goto(_path("professionalisation:run_complete", journey, pk=run.pk))
    assert_accessible(page)
    page.locator("input[name=on]").fill(today)
    page.locator(f"input[name=e{enrolment.pk}][value='1']").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{run.get_absolute_url()}")
    run.refresh_from_db()
    assert run.status == "completed"
    qualification = Qualification.objects.get(person=wpb, kind=QualificationKind.WPB_BASIS)
    assert qualification.status == "completed"
    assert qualification.obtained_on == timezone.localdate()

    # Wim's person page shows the qualification
    page.goto(_path("partnerships:person_detail", journey, pk=wpb.pk))
    with translation.override("nl"):
        label = str(QualificationKind.WPB_BASIS.label)
    expect(page.locator("section[aria-labelledby=qual-h]")).to_contain_text(label)
    assert_accessible(page)

    # and the gap is gone: the school meets every requirement
    page.goto(school_page)
    expect(page.locator("[data-gap]")).to_have_count(0)
    expect(page.locator("main .badge.text-bg-success")).to_have_count(1)
    assert_accessible(page)
    screenshot("wpb_training_closed")
    for name in ("compliance", "mentor_flags", "norms_edit"):
        page.goto(_path(f"professionalisation:{name}", journey))
        assert_accessible(page)
