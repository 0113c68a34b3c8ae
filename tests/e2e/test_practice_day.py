"""A practice day from plan to attendance, in chromium, with axe-core on every page visited.

The programme manager plans a practice day (event, one slot, two sessions with capacity 1 and 2,
the co-docent facilitating both) and publishes it. Sanne, Daan and Fleur sign up: Sanne takes
the one place of session 1, Daan lands on its waiting list (shown), Fleur takes session 2. Sanne
cancels, and Daan moves up. On the day the co-docent takes attendance on a phone (390×844), and
the manager's overview shows it.

Elements are found by URL, ``name``, id and data-testid; states by the records and badge
classes, so the test holds whether or not the Dutch catalogue has these strings yet."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.glossary import Role
from partnerships.models import AcademicYear
from programme.choices import AttendanceStatus
from programme.choices import RegistrationStatus as RS
from programme.models import Attendance, Event, Registration, Session
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.test_transfer_form import fits_the_screen, shot
from tests.factories import PASSWORD, PersonFactory, RoleFactory

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
# Wide enough for the main navigation on one line now that it carries the programme and
# professionalisation items (at 1280 px the language buttons wrap out of the coloured bar).
DESKTOP = {"width": 1600, "height": 900}


def open_as(browser, live_server, email, *, phone=False):
    """A fresh browser context logged in as ``email`` (the login page is checked too)."""
    context = browser.new_context(
        reduced_motion="reduce",  # axe measures contrast at rest
        base_url=live_server.url,
        locale="nl-NL",
        viewport=PHONE if phone else DESKTOP,
        is_mobile=phone,
        has_touch=phone,
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


def url(journey, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership": journey.partnership.slug, **kwargs})


@pytest.fixture
def staff(journey):
    manager = PersonFactory(email="pm@example.org", first_name="Petra", last_name="Manders")
    RoleFactory(person=manager, partnership=journey.partnership, role=Role.PROGRAMMAMANAGER)
    codocent = PersonFactory(email="codocent@example.org", first_name="Cor", last_name="Dekker")
    RoleFactory(
        person=codocent,
        partnership=journey.partnership,
        role=Role.CO_DOCENT,
        organisation=journey.school,
    )
    return manager, codocent


def choose(browser, live_server, journey, event, student, session):
    context, page = open_as(browser, live_server, student.person.email)
    page.goto(url(journey, "signup", pk=event.pk))
    assert_accessible(page)
    page.locator(f"#session-{session.pk}").check()  # htmx posts the slot at once
    status = page.locator(f"#slot-{session.slot_id} [data-testid=slot-status] .badge")
    expect(status).to_have_count(1)
    return context, page, status


def test_practice_day_planned_filled_and_registered(browser, live_server, journey, staff):
    manager, codocent = staff
    sanne, daan, fleur = journey.students  # hbo year 2
    day = timezone.localdate() + datetime.timedelta(days=7)
    year = AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_for(day))[0]

    # --- the manager plans and publishes ---------------------------------------------------
    context, page = open_as(browser, live_server, manager.email)
    page.goto(url(journey, "event_list"))
    assert_accessible(page)
    page.locator(f"a[href='{url(journey, 'event_create')}']").click()
    assert_accessible(page)
    page.locator("select[name=academic_year]").select_option(str(year.pk))
    page.locator("select[name=kind]").select_option("practice_day")
    page.locator("input[name=title]").fill("Praktijkdag OP2")
    page.locator("input[name=date]").fill(day.isoformat())
    page.locator("input[name=starts_at]").fill("09:00")
    page.locator("input[name=ends_at]").fill("15:00")
    page.locator("select[name=host_school]").select_option(str(journey.school.pk))
    page.locator("input[name=audience_hbo_years][value='2']").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_text("Praktijkdag OP2")
    event = Event.objects.get(partnership=journey.partnership)
    assert not event.is_published
    assert_accessible(page)

    page.locator(f"a[href='{url(journey, 'slot_create', event=event.pk)}']").click()
    page.locator("input[name=title]").fill("Ronde 1")
    page.locator("input[name=starts_at]").fill("09:00")
    page.locator("input[name=ends_at]").fill("10:30")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    slot = event.slots.get()
    for title, capacity in (("Klassenmanagement", "1"), ("Formatief evalueren", "2")):
        page.locator(f"a[href='{url(journey, 'session_create', slot=slot.pk)}']").click()
        page.locator("input[name=title]").fill(title)
        page.locator("select[name=line]").select_option("basis")
        page.locator("input[name=capacity]").fill(capacity)
        page.locator("select[name=facilitators]").select_option(str(codocent.pk))
        assert_accessible(page)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main")).to_contain_text(title)
    first, second = Session.objects.filter(slot=slot).order_by("capacity")
    assert (first.capacity, second.capacity) == (1, 2)
    page.locator(f"form[action='{url(journey, 'event_publish', pk=event.pk)}'] button").click()
    expect(page.locator("main h1")).to_have_text("Praktijkdag OP2")
    event.refresh_from_db()
    assert event.is_published
    assert_accessible(page)
    shot(page, "practice_day_event")
    context.close()

    # --- three students sign up; Daan waits ------------------------------------------------
    c1, p1, s1 = choose(browser, live_server, journey, event, sanne, first)
    expect(s1).to_have_class("badge text-bg-success")
    c2, p2, s2 = choose(browser, live_server, journey, event, daan, first)
    expect(s2).to_have_class("badge text-bg-warning")  # the waiting list, shown
    assert_accessible(p2)
    shot(p2, "practice_day_waiting")
    c3, p3, s3 = choose(browser, live_server, journey, event, fleur, second)
    expect(s3).to_have_class("badge text-bg-success")
    assert Registration.objects.get(student=daan).status == RS.WAITLISTED
    c3.close()

    # Sanne cancels; Daan moves up
    p1.locator(f"#slot-{slot.pk} button[name=cancel]").click()
    expect(p1.locator(f"#slot-{slot.pk} [data-testid=slot-status] .badge")).to_have_count(0)
    assert_accessible(p1)
    c1.close()
    p2.reload()
    expect(p2.locator(f"#slot-{slot.pk} [data-testid=slot-status] .badge")).to_have_class(
        "badge text-bg-success"
    )
    assert Registration.objects.get(student=daan, status=RS.REGISTERED).session == first
    c2.close()

    # --- on the day: the co-docent on a phone ----------------------------------------------
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate())
    context, page = open_as(browser, live_server, codocent.email, phone=True)
    page.goto(url(journey, "attendance", pk=event.pk))
    rows = page.locator("[data-testid=attendance-row]")
    expect(rows).to_have_count(2)  # Daan (session 1) and Fleur (session 2)
    assert_accessible(page)
    fits_the_screen(page)
    daan_row = page.locator(f"#student-{daan.pk}")
    daan_row.locator("button[name=status][value=present]").tap()
    expect(page.locator(f"#student-{daan.pk} .badge.text-bg-success")).to_have_count(1)
    fleur_row = page.locator(f"#student-{fleur.pk}")
    fleur_row.locator("input[name=reason]").fill("tentamen")
    fleur_row.locator("button[name=status][value=absent_excused]").tap()
    expect(page.locator(f"#student-{fleur.pk} .badge.text-bg-info")).to_have_count(1)
    assert_accessible(page)
    shot(page, "practice_day_attendance_phone")
    assert Attendance.objects.get(student=daan).status == AttendanceStatus.PRESENT
    excused = Attendance.objects.get(student=fleur)
    assert (excused.status, excused.reason) == (AttendanceStatus.ABSENT_EXCUSED, "tentamen")
    context.close()

    # --- the overview --------------------------------------------------------------------
    context, page = open_as(browser, live_server, manager.email)
    page.goto(url(journey, "attendance_overview"))
    overview = page.locator("[data-testid=overview-row]")
    expect(overview).to_have_count(3)
    expect(overview.filter(has_text="Daan").locator(".badge.text-bg-success")).to_have_count(1)
    expect(overview.filter(has_text="Fleur").locator(".badge.text-bg-info")).to_have_count(1)
    assert_accessible(page)
    context.close()
