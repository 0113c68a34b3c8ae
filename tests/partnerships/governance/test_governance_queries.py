"""The governance pages make as many queries for a busy body as for a quiet one: the overview,
the body, a meeting, the decision list, the action list and the plans, read by the programme
manager (the secretary) before and after the body gains ten members, six meetings with
decisions and actions, and agenda items with owners and minutes on the meeting shown
(counts compared, not hard-coded)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.governance import services
from partnerships.governance.models import AgendaItem, Body, GovernanceAction, Meeting
from partnerships.models import AcademicYear
from tests.factories import PersonFactory
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


DUE = datetime.date(2027, 3, 1)


def at(month, day):
    return datetime.datetime(2026, month, day, 15, tzinfo=timezone.get_current_timezone())


@pytest.mark.today("2026-12-07")
def test_governance_pages_do_not_grow_with_the_meetings_and_decisions(client, world):
    pm = world["programmamanager"]
    body = Body.objects.create(
        partnership=world.a, kind="stuurgroep", name="Stuurgroep", meetings_per_year=6
    )
    body.members.create(person=world["stuurgroeplid"], position="chair")
    body.members.create(person=pm, position="secretary")
    first = services.meeting_plan(meeting=Meeting(body=body, starts_at=at(1, 20)), by=pm)
    services.record_decision(meeting=first, text="Eerste besluit", by=pm)
    # a later meeting, so the meeting page offers its minutes for approval in both counts
    services.meeting_plan(meeting=Meeting(body=body, starts_at=at(1, 27)), by=pm)
    GovernanceAction.objects.create(meeting=first, text="Eerste actie", owner=pm, due_date=DUE)
    year = AcademicYear.objects.get_or_create(start_year=2026)[0]
    services.plan_create(partnership=world.a, year=year, by=pm)
    slug = {"partnership": world.a.slug}
    urls = {
        "overview": reverse("governance:overview", kwargs=slug),
        "body": reverse("governance:body_detail", kwargs=slug | {"pk": body.pk}),
        "meeting": reverse("governance:meeting_detail", kwargs=slug | {"pk": first.pk}),
        "decisions": reverse("governance:decision_list", kwargs=slug),
        "actions": reverse("governance:action_list", kwargs=slug),
        "plans": reverse("governance:plan_list", kwargs=slug),
    }
    client.force_login(pm)
    quiet = page_queries(client, urls)

    for _ in range(10):
        body.members.create(person=PersonFactory(), position="member")
    for i in range(5):
        owner = PersonFactory()
        services.agenda_item_save(
            item=AgendaItem(meeting=first, title=f"Punt {i}", owner=owner), by=pm
        )
        GovernanceAction.objects.create(meeting=first, text=f"Actie {i}", owner=owner, due_date=DUE)
    for item in first.items.all():
        services.minutes_save(item=item, minutes=f"Besproken: {item.title}", by=pm)
    for month in range(2, 8):
        meeting = services.meeting_plan(meeting=Meeting(body=body, starts_at=at(month, 10)), by=pm)
        for n in range(3):
            services.record_decision(meeting=meeting, text=f"Besluit {month}.{n}", by=pm)
        GovernanceAction.objects.create(
            meeting=meeting, text=f"Actie {month}", owner=PersonFactory(), due_date=DUE
        )
    services.plan_create(
        partnership=world.a, year=AcademicYear.objects.get_or_create(start_year=2027)[0], by=pm
    )
    assert page_queries(client, urls) == quiet
