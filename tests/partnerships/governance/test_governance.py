"""Governance services and rules (issue 16): decision numbers per year, the meeting norm,
minutes approval, action reminders once, plans from last year's texts and their comparison."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerships.governance import rules, selectors, services
from partnerships.governance.models import Body, GovernanceAction, Meeting
from partnerships.models import AcademicYear, SentNotification

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return datetime.datetime(year, month, day, 15, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def body(world):
    body = Body.objects.create(
        partnership=world.a, kind="stuurgroep", name="Stuurgroep", meetings_per_year=6
    )
    body.members.create(person=world["stuurgroeplid"], position="chair")
    body.members.create(person=world["programmamanager"], position="secretary")
    return body


def plan(body, when, by):
    return services.meeting_plan(meeting=Meeting(body=body, starts_at=when), by=by)


def test_rules():
    assert rules.next_number([]) == 1 and rules.next_number([1, 2, 5]) == 6
    assert rules.norm_status(3, 6).met is False and rules.norm_status(6, 6).met
    pieces = rules.word_diff("de stuurgroep vergadert", "de stuurgroep vergadert zes keer")
    assert ("ins", " zes keer") in pieces or ("ins", "zes keer") in [
        (op, t.strip()) for op, t in pieces
    ]


def test_decisions_are_numbered_per_year_and_standing_items(world, body):
    pm = world["programmamanager"]
    first = plan(body, at(2026, 11, 3), pm)
    assert [i.title for i in first.items.all()][-1] and first.items.filter(is_evaluation=True)
    codes = [services.record_decision(meeting=first, text=f"B{n}", by=pm).code for n in range(2)]
    later = plan(body, at(2027, 1, 20), pm)
    assert codes == ["2026-01", "2026-02"]
    assert services.record_decision(meeting=later, text="C", by=pm).code == "2027-01"
    with pytest.raises(ValidationError):
        services.record_decision(meeting=later, text=" ", by=pm)


@pytest.mark.today("2026-12-07")
def test_norm_counts_the_held_meetings_of_the_year(world, body):
    pm = world["programmamanager"]
    for month in (1, 3, 11):
        plan(body, at(2026, month, 10), pm)
    plan(body, at(2026, 12, 20), pm)  # still to come
    assert selectors.body_norm(body, 2026) == rules.Norm(held=3, norm=6)


def test_minutes_are_approved_later_and_mailed(world, body, mailoutbox):
    pm = world["programmamanager"]
    first, second = plan(body, at(2026, 11, 3), pm), plan(body, at(2026, 12, 1), pm)
    with pytest.raises(ValidationError):
        services.minutes_approve(meeting=second, at=first, by=pm)
    decision = services.minutes_approve(meeting=first, at=second, by=pm)
    assert decision.meeting == second and decision.subject_id == first.pk
    assert (
        SentNotification.objects.filter(key__startswith=f"governance:minutes:{first.pk}:").count()
        == 2
    )


def test_agenda_goes_once_per_sending_with_an_invitation(
    world, body, mailoutbox, django_capture_on_commit_callbacks
):
    pm = world["programmamanager"]
    meeting = plan(body, timezone.now() + datetime.timedelta(days=3), pm)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.agenda_send(meeting=meeting, by=pm) == 2
    assert len(mailoutbox) == 2
    name, content, mimetype = mailoutbox[0].attachments[0]
    assert (
        name == "vergadering.ics" and "DTSTART:" in content and mimetype.startswith("text/calendar")
    )


def test_action_reminders_once(world, body):
    pm = world["programmamanager"]
    meeting = plan(body, at(2026, 11, 3), pm)
    today = datetime.date(2026, 12, 7)
    GovernanceAction.objects.create(meeting=meeting, text="A", owner=pm, due_date=today)
    GovernanceAction.objects.create(
        meeting=meeting, text="B", owner=pm, due_date=today, status="done"
    )
    assert services.send_action_reminders(today=today) == 1
    assert services.send_action_reminders(today=today) == 0


def test_next_years_plan_starts_from_this_one_and_compares(world, body):
    pm = world["programmamanager"]
    this = AcademicYear.objects.get_or_create(start_year=2026)[0]
    nxt = AcademicYear.objects.get_or_create(start_year=2027)[0]
    old = services.plan_create(partnership=world.a, year=this, by=pm)
    chapter = old.chapters.get(key="2.3")
    services.plan_chapter_save(chapter=chapter, text="Samen opleiden is ons vak.", by=pm)
    new = services.plan_create(partnership=world.a, year=nxt, by=pm)
    assert new.based_on == old and new.chapters.get(key="2.3").text == "Samen opleiden is ons vak."
    services.plan_chapter_save(
        chapter=new.chapters.get(key="2.3"), text="Samen opleiden is ons gedeelde vak.", by=pm
    )
    rows = {r["chapter"]["key"]: r for r in selectors.plan_comparison(old, new)}
    assert rows["2.3"]["text_changed"] and not rows["2.4"]["text_changed"]
    assert "partners" in str(selectors.plan_document(new)["chapters"][0]["data_html"]).lower() or (
        world.school1.name in str(selectors.plan_document(new)["chapters"][0]["data_html"])
    )
