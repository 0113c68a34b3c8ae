"""The procedure calendar: generated once per partnership and year, ticked off by the owners of
each step, on the dashboard when due, and reminded by e-mail once per step, person and day."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from placements import services
from placements.calendar.procedure import STEPS, due_dates
from placements.models import ProcedureStep
from placements.tasks import send_step_reminders
from tests.factories import academic_year
from tests.partnerships.conftest import dutch

pytestmark = pytest.mark.django_db

OCCURRENCES = sum(len(step.due) for step in STEPS)  # 15 steps, four of them twice


def calendar_url(world, year):
    return reverse("placements:calendar", kwargs={"partnership": world.a.slug, "year": year.label})


def step_url(world, step):
    return reverse("placements:calendar_step", kwargs={"partnership": world.a.slug, "pk": step.pk})


def step(world, year, number, occurrence=1):
    return ProcedureStep.objects.get(
        partnership=world.a, academic_year=year, number=number, occurrence=occurrence
    )


def test_generation_is_idempotent(world):
    year = academic_year(2030)
    assert services.procedure_generate(partnership=world.a, year=year) == OCCURRENCES == 19
    assert services.procedure_generate(partnership=world.a, year=year) == 0
    steps = ProcedureStep.objects.filter(partnership=world.a, academic_year=year)
    assert steps.count() == 19
    assert sorted(steps.filter(occurrence=2).values_list("number", flat=True)) == [11, 13, 14, 15]
    for definition in STEPS:
        for occurrence, due in enumerate(due_dates(definition, 2030), 1):
            row = steps.get(number=definition.number, occurrence=occurrence)
            assert (row.due_date, row.owner_role, row.code) == (
                due,
                definition.owner,
                definition.code,
            )

    step(world, year, 13, 2).delete()
    assert services.procedure_generate(partnership=world.a, year=year) == 1
    assert steps.count() == 19
    assert not ProcedureStep.objects.filter(partnership=world.b).exists()


def test_the_generate_button(client, world):
    year = academic_year(2030)
    client.force_login(world["schoolcoordinator"])
    generate = reverse(
        "placements:calendar_generate", kwargs={"partnership": world.a.slug, "year": year.label}
    )
    assert client.post(generate).status_code == 403
    assert client.get(calendar_url(world, year)).context["missing"] == 19
    client.force_login(world["stagecoordinator"])
    assert client.post(generate).status_code == 302
    assert client.post(generate).status_code == 302
    page = client.get(calendar_url(world, year))
    assert page.context["missing"] == 0 and len(page.context["rows"]) == 19


def test_calendar_in_date_order_with_overdue_in_words(client, world):
    year = academic_year(2025)  # all of it lies in the past
    services.procedure_generate(partnership=world.a, year=year)
    ProcedureStep.objects.filter(pk=step(world, year, 1).pk).update(status="done")
    client.force_login(world["instituutsopleider"])
    page = client.get(calendar_url(world, year))
    rows = page.context["rows"]
    dates = [row["step"].due_date for row in rows]
    assert dates == sorted(dates)
    assert [row["overdue"] for row in rows].count(False) == 1  # the step that is done
    assert page.content.decode().count(f">{dutch('overdue')}<") == 18
    assert [row["may_manage"] for row in rows].count(True) == 1  # step 5 is theirs


def test_owner_marks_done_skips_with_a_note_and_reopens(client, world):
    year = academic_year(2030)
    services.procedure_generate(partnership=world.a, year=year)
    interviews, quota = step(world, year, 13), step(world, year, 1)
    client.force_login(world["schoolcoordinator"])
    assert client.post(step_url(world, quota), {"status": "done"}).status_code == 403

    response = client.post(step_url(world, interviews), {"status": "done", "note": "alle 4"})
    assert response.status_code == 302
    interviews.refresh_from_db()
    assert (interviews.status, interviews.done_by, interviews.note) == (
        "done",
        world["schoolcoordinator"],
        "alle 4",
    )
    assert world["schoolcoordinator"].full_name in client.get(response["Location"]).content.decode()

    response = client.post(step_url(world, interviews), {"status": "open", "note": ""})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    response = client.post(step_url(world, interviews), {"status": "open", "note": "één vergeten"})
    interviews.refresh_from_db()
    assert (interviews.status, interviews.done_by) == ("open", None)

    client.force_login(world["stagecoordinator"])
    assert (
        client.post(step_url(world, interviews), {"status": "skipped", "note": "x"}).status_code
        == 302
    )
    client.force_login(world["instituutsopleider"])
    assert (
        client.post(step_url(world, interviews), {"status": "open", "note": "x"}).status_code == 403
    )


def test_htmx_swaps_just_the_row(client, world):
    year = academic_year(2030)
    services.procedure_generate(partnership=world.a, year=year)
    speed_dates = step(world, year, 12)
    client.force_login(world["schoolcoordinator"])
    response = client.post(
        step_url(world, speed_dates), {"status": "skipped", "note": ""}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.strip().startswith(f'<tr id="step-{speed_dates.pk}"')
    assert "<html" not in body and "invalid-feedback" in body
    response = client.post(
        step_url(world, speed_dates), {"status": "skipped", "note": "geen"}, HTTP_HX_REQUEST="true"
    )
    assert "invalid-feedback" not in response.content.decode()
    speed_dates.refresh_from_db()
    assert speed_dates.status == "skipped"


def test_reminders_go_out_once_per_step_person_and_day(world, django_capture_on_commit_callbacks):
    # 23 June 2031: steps 13 and 14 (schoolcoördinator) are due on 30 June, a week later.
    coordinators = {world["schoolcoordinator"].email, world["schoolcoordinator_other_school"].email}
    with django_capture_on_commit_callbacks(execute=True):
        assert send_step_reminders(on="2031-06-23") == 4
    with django_capture_on_commit_callbacks(execute=True):
        assert send_step_reminders(on="2031-06-23") == 0
    assert len(mail.outbox) == 4
    assert {m.to[0] for m in mail.outbox} == coordinators
    year = academic_year(2031)
    assert ProcedureStep.objects.filter(partnership=world.b, academic_year=year).count() == 19

    ProcedureStep.objects.filter(pk=step(world, year, 14).pk).update(status="done")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_step_reminders(on="2031-06-30") == 2  # due today: step 13 only
    with django_capture_on_commit_callbacks(execute=True):
        assert send_step_reminders(on="2031-06-30") == 0
    assert len(mail.outbox) == 6
    assert "13" in mail.outbox[-1].subject


def test_dashboard_shows_steps_due_within_two_weeks(client, world):
    year = academic_year(2090)  # its own dates are far away; move a few close to today
    services.procedure_generate(partnership=world.a, year=year)
    today = timezone.localdate()

    def move(number, days, occurrence=1, **extra):
        row = step(world, year, number, occurrence)
        ProcedureStep.objects.filter(pk=row.pk).update(
            due_date=today + datetime.timedelta(days=days), **extra
        )
        return row

    soon, late = move(13, 3), move(14, -2)
    move(12, 30)
    move(13, 5, occurrence=2, status="done")
    dashboard = reverse("partnerships:dashboard", args=[world.a.slug])
    title = dutch("Placement procedure: your steps due within two weeks")

    def the_card(actor):
        client.force_login(world[actor])
        cards = client.get(dashboard).context["cards"]
        return next(card for card in cards if str(card.title) == title)

    def items(actor):
        return the_card(actor).items

    assert the_card("schoolcoordinator").count == 2  # read with the rows (a window count)
    shown = items("schoolcoordinator")
    assert [url.rsplit("#", 1)[1] for _label, url in shown] == [
        f"step-{late.pk}",
        f"step-{soon.pk}",
    ]
    assert shown[0][0].startswith(dutch("Overdue — %(label)s").split("%")[0])
    assert items("stagecoordinator") == []
    client.force_login(world["werkplekbegeleider"])
    cards = client.get(dashboard).context["cards"]
    assert all(str(card.title) != title for card in cards)
