"""The quality calendar: generating a year from the instruments, the year grid, updating an item
(programme manager or the responsible role), the dashboard card and the reminders task."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AuditEntry
from quality.models import CalendarItem
from quality.services.calendar import calendar_generate
from quality.tasks.calendar import send_quality_reminders
from tests.factories import academic_year
from tests.partnerships.conftest import dutch
from tests.quality.factories import InstrumentFactory, RiskFactory

pytestmark = pytest.mark.django_db


def instruments(world):
    survey = InstrumentFactory(
        partnership=world.a,
        name="Studentenenquête",
        months=[1, 6],
        target_group="students",
        responsible_role="programmamanager",
    )
    panel = InstrumentFactory(
        partnership=world.a,
        name="Werkplekbegeleiderpanel",
        kind="panel",
        months=[10],
        target_group="mentors",
        responsible_role="schoolcoordinator",
    )
    InstrumentFactory(partnership=world.a, name="Old survey", months=[3], is_active=False)
    InstrumentFactory(partnership=world.b, name="B survey", months=[1])
    return survey, panel


def test_generate_creates_items_from_active_instruments_once(world):
    survey, panel = instruments(world)
    year = academic_year(2030)
    assert calendar_generate(partnership=world.a, academic_year=year) == 3
    assert calendar_generate(partnership=world.a, academic_year=year) == 0
    items = CalendarItem.objects.filter(partnership=world.a, academic_year=year)
    rows = {
        (i.instrument.name, i.month, i.due_date, i.target_group, i.responsible_role) for i in items
    }
    assert rows == {
        ("Studentenenquête", 1, datetime.date(2031, 1, 31), "students", "programmamanager"),
        ("Studentenenquête", 6, datetime.date(2031, 6, 30), "students", "programmamanager"),
        (
            "Werkplekbegeleiderpanel",
            10,
            datetime.date(2030, 10, 31),
            "mentors",
            "schoolcoordinator",
        ),
    }
    assert not CalendarItem.objects.filter(partnership=world.b).exists()
    # a month added later is added; the existing items keep their status
    CalendarItem.objects.filter(instrument=survey, month=1).update(status="done")
    panel.months = [10, 2]
    panel.save()
    assert calendar_generate(partnership=world.a, academic_year=year) == 1
    assert CalendarItem.objects.get(instrument=survey, month=1).status == "done"


def calendar_url(world, year):
    return reverse("quality:calendar_year", args=[world.a.slug, year.label])


def test_grid_shows_groups_months_and_status_in_text(client, world):
    instruments(world)
    year = academic_year(2030)
    calendar_generate(partnership=world.a, academic_year=year)
    CalendarItem.objects.filter(month=10).update(status="done", phase="check")
    client.force_login(world["stuurgroeplid"])
    response = client.get(calendar_url(world, year))
    assert response.status_code == 200
    html = response.content.decode()
    groups = response.context["groups"]
    assert [g.target_group for g in groups] == ["students", "mentors"]
    assert "Old survey" not in html  # not in use and no items
    assert dutch("done") in html and dutch("planned") in html  # status as text, not colour only
    # a steering-group member does not hold the items' roles: no update links
    assert "/quality/calendar/items/" not in html
    client.force_login(world["schoolcoordinator"])
    html = client.get(calendar_url(world, year)).content.decode()
    panel_item = CalendarItem.objects.get(month=10)
    survey_item = CalendarItem.objects.get(month=1, instrument__name="Studentenenquête")
    assert reverse("quality:calendar_item_update", args=[world.a.slug, panel_item.pk]) in html
    assert reverse("quality:calendar_item_update", args=[world.a.slug, survey_item.pk]) not in html


def test_current_calendar_and_generate_button(client, world):
    instruments(world)
    client.force_login(world["programmamanager"])
    response = client.get(reverse("quality:calendar", args=[world.a.slug]))
    year = response.context["year"]
    assert year.start_year == academic_year().start_year
    assert response.context["item_count"] == 0
    generate = reverse("quality:calendar_generate", args=[world.a.slug, year.label])
    assert generate in response.content.decode()
    response = client.post(generate)
    assert response.status_code == 302
    assert CalendarItem.objects.filter(partnership=world.a, academic_year=year).count() == 3
    assert AuditEntry.objects.filter(action="quality.calendar_generate").count() == 1


def item_in_a(world, role="schoolcoordinator", **fields):
    year = academic_year()
    instrument = InstrumentFactory(partnership=world.a, responsible_role=role)
    return CalendarItem.objects.create(
        partnership=world.a,
        academic_year=year,
        instrument=instrument,
        month=6,
        target_group="students",
        responsible_role=role,
        due_date=datetime.date(year.start_year + 1, 6, 30),
        **fields,
    )


def test_responsible_role_marks_an_item_done_and_reopens_it(client, world):
    item = item_in_a(world)
    url = reverse("quality:calendar_item_update", args=[world.a.slug, item.pk])
    client.force_login(world["schoolcoordinator"])
    response = client.post(url, {"status": "done", "phase": "check", "notes": " Held in May "})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.phase, item.notes) == ("done", "check", "Held in May")
    assert item.completed_at is not None
    client.post(url, {"status": "in_progress", "phase": "act", "notes": ""})
    item.refresh_from_db()
    assert item.status == "in_progress" and item.completed_at is None


def test_others_may_not_update_an_item(client, world):
    item = item_in_a(world)
    url = reverse("quality:calendar_item_update", args=[world.a.slug, item.pk])
    for actor in ("stagecoordinator", "schoolopleider", "werkplekbegeleider", "student"):
        client.force_login(world[actor])
        assert client.post(url, {"status": "done", "phase": "do"}).status_code == 403
    item.refresh_from_db()
    assert item.status == "planned"


def test_invalid_item_update_shows_errors_and_saves_nothing(client, world):
    item = item_in_a(world)
    client.force_login(world["programmamanager"])
    url = reverse("quality:calendar_item_update", args=[world.a.slug, item.pk])
    response = client.post(url, {"status": "finished", "phase": "do", "notes": "x"})
    assert response.status_code == 200 and "status" in response.context["form"].errors
    item.refresh_from_db()
    assert (item.status, item.notes) == ("planned", "")


def dashboard_titles(client, world, actor):
    client.force_login(world[actor])
    cards = client.get(reverse("partnerships:dashboard", args=[world.a.slug])).context["cards"]
    return {card.title: [label for label, _url in card.items] for card in cards}


def test_dashboard_shows_due_and_overdue_items_to_the_responsible(client, world):
    today = timezone.localdate()
    due = item_in_a(world)
    late = item_in_a(world, role="programmamanager")
    later = item_in_a(world)
    done = item_in_a(world, status="done")
    CalendarItem.objects.filter(pk=due.pk).update(due_date=today)
    CalendarItem.objects.filter(pk=late.pk).update(due_date=today - datetime.timedelta(days=40))
    CalendarItem.objects.filter(pk=later.pk).update(due_date=today + datetime.timedelta(days=40))
    CalendarItem.objects.filter(pk=done.pk).update(due_date=today)
    title = dutch("Quality calendar: due this month")

    pm = dashboard_titles(client, world, "programmamanager")[title]
    assert len(pm) == 2
    assert any(late.instrument.name in label for label in pm)
    sc = dashboard_titles(client, world, "schoolcoordinator")[title]
    assert len(sc) == 1 and due.instrument.name in sc[0]
    assert title not in dashboard_titles(client, world, "werkplekbegeleider")


def test_reminders_go_out_once_a_week_before_and_on_the_due_date(
    world, django_capture_on_commit_callbacks
):
    year = academic_year(2031)
    instruments(world)
    calendar_generate(partnership=world.a, academic_year=year)
    # the panel (schoolcoördinator: school1's and school2's) is due on 31 October 2031
    coordinators = {world["schoolcoordinator"].email, world["schoolcoordinator_other_school"].email}
    with django_capture_on_commit_callbacks(execute=True):
        assert send_quality_reminders(on="2031-10-24") == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_quality_reminders(on="2031-10-24") == 0
    assert {m.to[0] for m in mail.outbox} == coordinators
    assert "Werkplekbegeleiderpanel" in mail.outbox[0].subject
    assert "/quality/calendar/2031-2032/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert send_quality_reminders(on="2031-10-25") == 0  # nothing due a week from then
    with django_capture_on_commit_callbacks(execute=True):
        assert send_quality_reminders(on="2031-10-31") == 2
    assert len(mail.outbox) == 4
    # done items are not reminded
    CalendarItem.objects.filter(month=1, instrument__name="Studentenenquête").update(status="done")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_quality_reminders(on="2032-01-24") == 0


def test_risk_owner_is_reminded_of_the_review_date(world, django_capture_on_commit_callbacks):
    owner = world["programmamanager"]
    RiskFactory(partnership=world.a, owner=owner, review_date=datetime.date(2032, 3, 10))
    RiskFactory(
        partnership=world.a, owner=owner, review_date=datetime.date(2032, 3, 10), status="closed"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_quality_reminders(on="2032-03-03") == 1
        assert send_quality_reminders(on="2032-03-03") == 0
        assert send_quality_reminders(on="2032-03-10") == 1
    assert [m.to[0] for m in mail.outbox] == [owner.email, owner.email]
    assert "/quality/risks/" in mail.outbox[0].body
