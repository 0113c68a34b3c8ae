"""Improvement actions: the forms and their rules, the owner's progress, overdue marking,
the list's filters and query count, the reminders, and the dashboard cards."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from partnerships.access import Access
from partnerships.models import SentNotification
from quality.choices import ActionStatus
from quality.dashboard.reports import cards
from quality.models import EvaluationFinding, ImprovementAction, InternalEvaluation
from quality.tasks.actions import send_action_reminders
from tests.factories import academic_year
from tests.partnerships.conftest import shows
from tests.quality.factories import ImprovementActionFactory
from tests.quality.reports_world import draft, report_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def create_url(world, query=""):
    return reverse("quality:action_create", args=[world.a.slug]) + query


def form_data(world, **changes):
    data = {
        "title": "Inwerkprogramma nieuwe wpb'ers",
        "finding": "",
        "source": "report",
        "report": "",
        "level": "partnership",
        "organisation": "",
        "owner": world["schoolcoordinator"].pk,
        "due_date": (TODAY() + datetime.timedelta(days=60)).isoformat(),
        "status": "planned",
        "evaluation": "",
    }
    return data | changes


def test_create_an_action_from_a_report(client, world, django_capture_on_commit_callbacks):
    report = draft(world)
    client.force_login(world["programmamanager"])
    page = client.get(create_url(world, f"?report={report.pk}"))
    assert page.context["form"].initial["report"] == report
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            create_url(world),
            form_data(world, report=report.pk, level="school", organisation=world.school1.pk),
        )
    action = ImprovementAction.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert (action.report, action.organisation, action.partnership) == (
        report,
        world.school1,
        world.a,
    )
    assert [m.to for m in mail.outbox] == [[world["schoolcoordinator"].email]]
    page = client.get(report.get_absolute_url())
    assert page.context["proposed_actions"] == [action]


def test_a_report_of_another_partnership_cannot_prefill(client, world):
    client.force_login(world["programmamanager"])
    other = ImprovementActionFactory(partnership=world.b)  # any id outside A
    assert client.get(create_url(world, f"?report={other.pk + 10_000}")).status_code == 404
    assert client.get(create_url(world, "?report=abc")).status_code == 404


def test_create_from_an_internal_evaluation_finding(client, world):
    evaluation = InternalEvaluation.objects.create(
        partnership=world.a, academic_year=academic_year(), organisation=world.institute
    )
    finding = EvaluationFinding.objects.create(
        evaluation=evaluation, theme="communication", text="Roosters te laat bekend"
    )
    client.force_login(world["stagecoordinator"])
    initial = client.get(create_url(world, f"?finding={finding.pk}")).context["form"].initial
    assert initial["source"] == "internal_evaluation"
    assert (initial["level"], initial["organisation"]) == ("institute", world.institute)
    assert "Roosters te laat bekend" in initial["finding"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"level": "school"}, "organisation"),
        ({"level": "school", "organisation": "institute"}, "organisation"),
        ({"level": "institute", "organisation": "school1"}, "organisation"),
        ({"level": "partnership", "organisation": "school1"}, "organisation"),
        ({"level": "school", "organisation": "school_b"}, "organisation"),
        ({"owner": "other_partnership"}, "owner"),
        ({"owner": "nobody"}, "owner"),
        ({"due_date": ""}, "due_date"),
        ({"due_date": "31-31-2026"}, "due_date"),
        ({"title": ""}, "title"),
        ({"status": "done", "evaluation": " "}, "evaluation"),
    ],
)
def test_action_form_validation(client, world, changes, field):
    resolved = {}
    for name, value in changes.items():
        if name == "organisation" and value:
            value = getattr(world, value).pk
        elif name == "owner":
            value = world[value].pk
        resolved[name] = value
    client.force_login(world["programmamanager"])
    response = client.post(create_url(world), form_data(world, **resolved))
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert not ImprovementAction.objects.exists()


def test_the_owner_reports_progress_but_changes_nothing_else(client, world):
    owner = world["werkplekbegeleider"]
    action = ImprovementActionFactory(partnership=world.a, owner=owner, title="Origineel")
    edit = reverse("quality:action_update", args=[world.a.slug, action.pk])
    client.force_login(owner)
    response = client.post(edit, {"status": "done", "evaluation": ""})
    assert "evaluation" in response.context["form"].errors
    response = client.post(
        edit, {"status": "done", "evaluation": "Iedereen ingewerkt", "title": "Anders"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.evaluation, action.title) == (
        "done",
        "Iedereen ingewerkt",
        "Origineel",
    )
    # someone else's action: no
    other = ImprovementActionFactory(partnership=world.a, owner=world["schoolcoordinator"])
    edit_other = reverse("quality:action_update", args=[world.a.slug, other.pk])
    assert client.get(edit_other).status_code == 403


def test_overdue_is_red_and_says_so(client, world):
    late = ImprovementActionFactory(
        partnership=world.a, title="Te laat", due_date=TODAY() - datetime.timedelta(days=1)
    )
    ImprovementActionFactory(
        partnership=world.a,
        title="Klaar",
        due_date=TODAY() - datetime.timedelta(days=1),
        status="done",
        evaluation="ok",
    )
    client.force_login(world["stuurgroeplid"])
    page = client.get(reverse("quality:action_list", args=[world.a.slug]))
    rows = {a.title: a.overdue for a in page.context["object_list"]}
    assert rows == {"Te laat": True, "Klaar": False}
    assert 'class="text-danger"' in page.content.decode() and shows(page, "overdue")
    detail = client.get(late.get_absolute_url())
    assert "text-danger" in detail.content.decode() and shows(detail, "overdue")


def test_the_list_filters(client, world):
    today = TODAY()
    ImprovementActionFactory(
        partnership=world.a, title="A", level="partnership", due_date=today - datetime.timedelta(1)
    )
    ImprovementActionFactory(
        partnership=world.a,
        title="B",
        level="school",
        organisation=world.school1,
        owner=world["schoolcoordinator"],
    )
    ImprovementActionFactory(partnership=world.a, title="C", status="in_progress")
    client.force_login(world["programmamanager"])
    list_url = reverse("quality:action_list", args=[world.a.slug])

    def titles(**query):
        return sorted(a.title for a in client.get(list_url, query).context["object_list"])

    assert titles() == ["A", "B", "C"]
    assert titles(overdue="1") == ["A"]
    assert titles(overdue="0") == ["B", "C"]
    assert titles(level="school") == ["B"]
    assert titles(organisation=world.school1.pk) == ["B"]
    assert titles(owner=world["schoolcoordinator"].pk) == ["B"]
    assert titles(status="in_progress") == ["C"]
    response = client.get(list_url, {"organisation": world.school_b.pk})
    assert list(response.context["object_list"]) == []
    assert response.context["filter"].errors


def test_action_list_query_count_is_flat(client, world):
    client.force_login(world["schoolcoordinator"])
    list_url = reverse("quality:action_list", args=[world.a.slug])
    report = report_in(world, "adopted")
    owners = [world["programmamanager"], world["schoolcoordinator"], world["instituutsopleider"]]
    counts, made = {}, 0
    for size in (1, 10, 50):
        while made < size:
            ImprovementActionFactory(
                partnership=world.a,
                owner=owners[made % 3],
                report=report,
                level="school",
                organisation=world.school1 if made % 2 else world.school2,
            )
            made += 1
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url)
        assert response.context["paginator"].count == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts


def test_leads_do_not_see_actions_of_a_draft_report(client, world):
    drafted = draft(world)
    ImprovementActionFactory(partnership=world.a, title="Voorstel", report=drafted)
    ImprovementActionFactory(partnership=world.a, title="Los")
    client.force_login(world["leidinggevende"])
    page = client.get(reverse("quality:action_list", args=[world.a.slug]))
    assert [a.title for a in page.context["object_list"]] == ["Los"]


def monday_on_or_after(day):
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def test_reminders_soon_due_and_weekly_overdue(world, django_capture_on_commit_callbacks):
    monday = monday_on_or_after(TODAY())
    owner = world["schoolcoordinator"]

    def action(days, **extra):
        return ImprovementActionFactory(
            partnership=world.a,
            owner=owner,
            due_date=monday + datetime.timedelta(days=days),
            **extra,
        )

    soon, due, late = action(14), action(0), action(-3)
    action(-3, status=ActionStatus.DONE, evaluation="klaar")
    action(0, status=ActionStatus.CANCELLED)
    action(13)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_action_reminders(on=monday.isoformat()) == 3
        assert send_action_reminders(on=monday.isoformat()) == 0
    assert len(mail.outbox) == 3 and all(m.to == [owner.email] for m in mail.outbox)
    keys = SentNotification.objects.filter(key__startswith="quality_action:")
    assert {tuple(k.split(":")[1:3]) for k in keys.values_list("key", flat=True)} == {
        (str(soon.pk), "soon"),
        (str(due.pk), "due"),
        (str(late.pk), "overdue"),
    }
    tuesday = (monday + datetime.timedelta(days=1)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_action_reminders(on=tuesday) == 0  # overdue: Mondays only
    next_monday = (monday + datetime.timedelta(days=7)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_action_reminders(on=next_monday) == 2  # due and late are now overdue


def test_dashboard_cards_per_role(world):
    draft(world, half=2)
    report_in(world, "in_review")
    due = TODAY() - datetime.timedelta(days=2)
    ImprovementActionFactory(
        partnership=world.a,
        owner=world["stuurgroeplid"],
        title="Eigen actie",
        due_date=due,
    )

    def titles(actor):
        return {str(c.title): c for c in cards(Access(world[actor]), world.a)}

    member = titles("stuurgroeplid")
    assert [
        label for label, _url in member[gettext("Quality reports waiting for adoption")].items
    ] == [report.title for report in world.a.quality_reports.filter(status="in_review")]
    own = member[gettext("Your improvement actions")]
    assert own.count == 1
    assert own.items[0][0] == gettext("%(title)s — overdue since %(date)s") % {
        "title": "Eigen actie",
        "date": date_format(due, "SHORT_DATE_FORMAT"),
    }
    pm = titles("programmamanager")
    assert len(pm[gettext("Quality report drafts to write")].items) == 1
    assert gettext("Your improvement actions") not in pm
    assert titles("werkplekbegeleider") == {}
