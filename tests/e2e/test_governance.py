"""The steering group's meeting, in chromium with axe on every page (issue 16).

The programme manager starts the draft plan and plans a steering group meeting whose agenda links
the quota proposal and the draft plan, and sends the agenda (the members get it with an ICS
invitation). A member sees the meeting on their dashboard; at the meeting the quota is approved
and the plan adopted, each as a numbered decision of that meeting. The minutes are approved at the
next meeting and mailed; the adopted plan downloads as the PDF frozen at adoption, whose chapter
2.5 holds the quota's figures of that moment."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.glossary import Role
from partnerships.governance.models import Body, Decision, Meeting, PlanVersion
from partnerships.models import AcademicYear, PupilCount
from placements import services as placement_services
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories import (
    PASSWORD,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.e2e


def log_in(browser, live_server, person):
    context = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_count(1)
    return context, page


def submit(page):
    page.locator("main form button[type=submit]").last.click()


@pytest.fixture
def world(transactional_db, settings):
    settings.MFA_ENFORCE = False  # two-step verification is tested elsewhere
    partnership = PartnershipFactory(name="Opleidingsschool Gamma", slug="gamma")
    year = AcademicYear.current()
    people = {}
    for name, role in (
        ("pm", Role.PROGRAMMAMANAGER),
        ("chair", Role.STUURGROEPLID),
        ("member", Role.STUURGROEPLID),
    ):
        people[name] = PersonFactory(email=f"{name}@gamma.example", first_name=name.title())
        RoleFactory(person=people[name], partnership=partnership, role=role)
    for n, pupils in enumerate((1200, 800), 1):
        school = SchoolFactory(partnership=partnership, name=f"Gamma College {n}")
        PupilCount.objects.create(organisation=school, academic_year=year, pupils=pupils)
    body = Body.objects.create(
        partnership=partnership, kind="stuurgroep", name="Stuurgroep", meetings_per_year=6
    )
    body.members.create(person=people["chair"], position="chair", daily_board=True)
    body.members.create(person=people["member"])
    body.members.create(person=people["pm"], position="secretary")
    quota = placement_services.quota_propose(
        partnership=partnership, year=year, places=88, margin_percent=10, by=people["pm"]
    )
    placement_services.quota_submit(quota=quota, by=people["pm"])
    return partnership, year, body, quota, people


def test_a_meeting_approves_the_quota_and_adopts_the_plan(browser, live_server, world, mailoutbox):
    partnership, year, body, quota, people = world
    slug = partnership.slug
    day = timezone.localdate() + datetime.timedelta(days=2)

    # The programme manager starts the draft plan and plans the meeting.
    context, page = log_in(browser, live_server, people["pm"])
    overview = reverse("governance:overview", args=[slug])
    expect(page.locator(f"nav a[href='{overview}']")).to_have_count(1)
    page.goto(overview)
    assert_accessible(page)
    page.locator(f"main a[href='{reverse('governance:plan_list', args=[slug])}']").click()
    page.locator("select[name=year]").select_option(year.label)
    page.locator("main form button[type=submit]").click()
    plan = PlanVersion.objects.get(partnership=partnership)
    expect(page).to_have_url(re.compile(re.escape(plan.get_absolute_url()) + "$"))
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("88")  # chapter 2.5 reads the quota, live

    page.goto(body.get_absolute_url())
    assert_accessible(page)
    page.locator(
        f"main a[href='{reverse('governance:meeting_create', args=[slug, body.pk])}']"
    ).click()
    assert_accessible(page)
    page.locator("input[name=starts_at]").fill(f"{day.isoformat()}T14:00")
    page.locator("input[name=ends_at]").fill(f"{day.isoformat()}T16:00")
    page.locator("input[name=place]").fill("Gamma College 1, aula")
    submit(page)
    meeting = Meeting.objects.get(body=body)
    expect(page).to_have_url(re.compile(re.escape(meeting.get_absolute_url()) + "$"))
    assert_accessible(page)
    for title, label in (("Quotum", re.compile("Quot")), ("Opleidingsplan", "Opleidingsplan")):
        page.locator(
            f"main a[href='{reverse('governance:item_create', args=[slug, meeting.pk])}']"
        ).click()
        assert_accessible(page)
        page.locator("input[name=title]").fill(f"{title} vaststellen")
        option = page.locator("select[name=link] option", has_text=label).first
        page.locator("select[name=link]").select_option(option.get_attribute("value"))
        submit(page)
        expect(page.locator("main ol")).to_contain_text(f"{title} vaststellen")
    page.locator(
        f"form[action='{reverse('governance:agenda_send', args=[slug, meeting.pk])}'] button"
    ).click()
    expect(page.locator(".alert-success, .alert")).to_contain_text("3")
    assert_accessible(page)
    context.close()

    # Every member got the agenda with the ICS invitation.
    agenda = [m for m in mailoutbox if "Quotum vaststellen" in m.body]
    assert sorted(m.to[0] for m in agenda) == sorted(p.email for p in people.values())
    assert all(
        a[0] == "vergadering.ics" and "BEGIN:VEVENT" in a[1] for m in agenda for a in m.attachments
    )

    # At the meeting: the chair approves the quota and adopts the plan, both decisions of it.
    context, page = log_in(browser, live_server, people["chair"])
    expect(page.locator("main")).to_contain_text("Quotum vaststellen")  # dashboard card
    assert_accessible(page)
    page.goto(reverse("placements:quota_approve", args=[slug, year.label]))
    assert_accessible(page)
    page.locator("select[name=decided_at]").select_option(str(meeting.pk))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("88")
    page.goto(reverse("governance:plan_adopt", args=[slug, plan.pk]))
    assert_accessible(page)
    page.locator("select[name=meeting]").select_option(str(meeting.pk))
    submit(page)
    expect(page).to_have_url(re.compile(re.escape(plan.get_absolute_url()) + "$"))
    assert_accessible(page)
    decisions = list(Decision.objects.filter(meeting=meeting).order_by("number"))
    assert [d.number for d in decisions] == [1, 2]
    assert decisions[0].subject_id == quota.pk and decisions[1].subject_id == plan.pk
    page.goto(reverse("governance:decision_list", args=[slug]))
    assert_accessible(page)
    expect(page.locator(f"main a[href='{plan.get_absolute_url()}']")).to_have_count(1)
    context.close()

    # Minutes, the next meeting, and their approval there.
    next_day = day + datetime.timedelta(days=42)
    context, page = log_in(browser, live_server, people["pm"])
    page.goto(meeting.get_absolute_url())
    item = meeting.items.get(title="Quotum vaststellen")
    page.locator(f"#minutes-{item.pk}").fill("Het quotum van 88 plaatsen is vastgesteld.")
    page.locator(f"#item-{item.pk} form button").click()
    expect(page.locator(f"#minutes-{item.pk}")).to_have_value(
        "Het quotum van 88 plaatsen is vastgesteld."
    )
    page.goto(reverse("governance:meeting_create", args=[slug, body.pk]))
    page.locator("input[name=starts_at]").fill(f"{next_day.isoformat()}T14:00")
    submit(page)
    second = Meeting.objects.filter(body=body).order_by("-starts_at").first()
    page.goto(meeting.get_absolute_url())
    page.locator("#approve ~ form select[name=at], form select[name=at]").first.select_option(
        str(second.pk)
    )
    page.locator(
        f"form[action='{reverse('governance:minutes_approve', args=[slug, meeting.pk])}'] button"
    ).click()
    assert_accessible(page)
    meeting.refresh_from_db()
    assert meeting.minutes_approved_at == second
    approval = Decision.objects.get(meeting=second)  # numbered in the year of that meeting
    assert approval.subject_id == meeting.pk and approval.year == next_day.year
    minutes = [m for m in mailoutbox if "Het quotum van 88 plaatsen" in m.body]
    assert len(minutes) == 3

    # The adopted plan: the PDF kept at adoption, with the figures of that moment.
    plan.refresh_from_db()
    assert plan.status == "adopted" and plan.pdf
    assert "88" in plan.chapters.get(key="2.5").frozen_data
    with page.expect_download() as download_info:
        page.goto(plan.get_absolute_url())
        page.locator(
            f"main a[href='{reverse('governance:plan_pdf', args=[slug, plan.pk])}']"
        ).click()
    path = download_info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read() == bytes(plan.pdf)
    context.close()
