"""The round pages: settings, plans, rounds, confirm steps, response rates, dashboard cards —
their forms and errors (nothing half-saved) and flat query counts on the lists."""

import datetime
from fractions import Fraction

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.models import AuditEntry
from quality.choices import Audience, RoundStatus
from quality.models import Invitation, QualitySettings, RoundPlan, SurveyRound
from quality.periods import academic_start_year, round_dates
from tests.quality.factories import InvitationFactory, SurveyFactory
from tests.quality.rounds_world import (  # noqa: F401
    inline_fixture,
    mentor_round,
    outbox_handlers_fixture,
    reports_task_fixture,
    survey_of,
)

pytestmark = pytest.mark.django_db
S = RoundStatus
PM = "programmamanager"
SIZES = (1, 10, 50)


def url(world, name, **kwargs):
    return reverse(f"quality:{name}", kwargs={"partnership": world.a.slug, **kwargs})


def errors(response) -> dict:
    return response.context["form"].errors


# --- settings --------------------------------------------------------------------------------
def test_settings_refuse_a_threshold_under_five_with_a_clear_message(client, world):
    client.force_login(world[PM])
    data = {
        "min_group": 4,
        "min_group_open_text": 10,
        "response_target": "2/3",
        "reminder_days": "",
    }
    response = client.post(url(world, "settings"), data)
    expected = gettext("Results may never be shown for fewer than %(floor)s respondents.")
    assert errors(response)["min_group"] == [expected % {"floor": 5}]
    assert QualitySettings.for_partnership(world.a).min_group == 5


def test_settings_errors_for_open_text_and_reminder_days(client, world):
    client.force_login(world[PM])
    data = {
        "min_group": 8,
        "min_group_open_text": 6,
        "response_target": "2/3",
        "reminder_days": "7, x",
    }
    found = errors(client.post(url(world, "settings"), data))
    assert set(found) == {"min_group_open_text", "reminder_days"}
    assert QualitySettings.for_partnership(world.a).min_group == 5
    for wrong in ("101", "4/3", "0", "2/0", "two thirds"):
        data["response_target"] = wrong
        assert "response_target" in errors(client.post(url(world, "settings"), data)), wrong


def test_settings_saved_and_audited(client, world):
    client.force_login(world[PM])
    data = {
        "min_group": 6,
        "min_group_open_text": 12,
        "response_target": "70%",
        "reminder_days": "2,10",
    }
    response = client.post(url(world, "settings"), data)
    assert response.status_code == 302
    saved = QualitySettings.for_partnership(world.a)
    assert (saved.min_group, saved.min_group_open_text) == (6, 12)
    assert saved.response_target == Fraction(7, 10)
    assert saved.reminder_days == [10, 2]
    entry = AuditEntry.objects.get(action="quality_settings", person=world[PM])
    assert entry.details["response_target"] == ["2/3", "7/10"]
    page = client.get(url(world, "settings")).content.decode()
    assert 'value="10, 2"' in page and 'value="70%"' in page
    client.post(url(world, "settings"), data | {"response_target": "2/3"})
    assert QualitySettings.for_partnership(world.a).response_target == Fraction(2, 3)
    assert 'value="2/3"' in client.get(url(world, "settings")).content.decode()


# --- plans -----------------------------------------------------------------------------------
def plan_data(survey, **extra):
    return {
        "survey": survey.pk,
        "audience": Audience.MENTORS,
        "months": ["1", "6"],
        "open_day": 8,
        "open_days": 21,
        "is_active": "on",
    } | extra


def test_plan_create_schedules_its_rounds(client, world):
    client.force_login(world[PM])
    survey = survey_of(world.a)
    assert client.get(url(world, "plan_create")).context["form"].initial["months"] == [1, 6]
    response = client.post(url(world, "plan_create"), plan_data(survey))
    assert response.status_code == 302
    plan = RoundPlan.objects.get(partnership=world.a)
    assert plan.months == [1, 6]
    rounds = SurveyRound.objects.filter(plan=plan)
    today = timezone.localdate()
    start = academic_start_year(today)
    expected = [m for m in (1, 6) if round_dates(start, m, 8, 21)[1] >= today]
    assert sorted(r.opens_on.month for r in rounds) == expected
    assert all(r.status == S.SCHEDULED for r in rounds)


def test_plan_form_errors(client, world):
    client.force_login(world[PM])
    survey = survey_of(world.a)
    other = survey_of(world.b, name="Beta survey")
    template = SurveyFactory(partnership=world.a, is_template=True)
    found = errors(client.post(url(world, "plan_create"), plan_data(survey, months=["1", "2"])))
    assert "months" in found
    found = errors(client.post(url(world, "plan_create"), plan_data(other)))
    assert "survey" in found
    assert "survey" in errors(client.post(url(world, "plan_create"), plan_data(template)))
    found = errors(client.post(url(world, "plan_create"), plan_data(survey, open_day=0, months=[])))
    assert {"open_day", "months"} <= set(found)
    assert not RoundPlan.objects.exists() and not SurveyRound.objects.exists()
    client.post(url(world, "plan_create"), plan_data(survey))
    found = errors(client.post(url(world, "plan_create"), plan_data(survey)))
    assert "audience" in found
    assert RoundPlan.objects.count() == 1


def test_plan_update(client, world):
    client.force_login(world[PM])
    survey = survey_of(world.a)
    client.post(url(world, "plan_create"), plan_data(survey))
    plan = RoundPlan.objects.get()
    response = client.post(
        url(world, "plan_update", pk=plan.pk), plan_data(survey, open_days=14, is_active="")
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.open_days, plan.is_active) == (14, False)


# --- rounds ----------------------------------------------------------------------------------
def test_round_create_errors_save_nothing(client, world):
    client.force_login(world[PM])
    survey = survey_of(world.a)
    today = timezone.localdate()
    data = {
        "survey": survey.pk,
        "audience": Audience.MENTORS,
        "title": "",
        "opens_on": today + datetime.timedelta(days=5),
        "closes_on": today + datetime.timedelta(days=5),
    }
    assert "closes_on" in errors(client.post(url(world, "round_create"), data))
    data["opens_on"] = today - datetime.timedelta(days=1)
    assert "opens_on" in errors(client.post(url(world, "round_create"), data))
    assert not SurveyRound.objects.exists()
    data |= {
        "opens_on": today + datetime.timedelta(days=5),
        "closes_on": today + datetime.timedelta(days=20),
    }
    response = client.post(url(world, "round_create"), data)
    created = SurveyRound.objects.get()
    assert response["Location"] == url(world, "round_detail", pk=created.pk)
    assert created.status == S.SCHEDULED and created.plan is None
    assert created.title.startswith(survey.name)


def test_open_close_and_cancel_through_their_confirm_pages(
    client, world, inline, reports_task, django_capture_on_commit_callbacks
):
    client.force_login(world[PM])
    survey_round = mentor_round(world)
    page = client.get(url(world, "round_open_now", pk=survey_round.pk))
    assert page.status_code == 200 and page.context["possible"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "round_open_now", pk=survey_round.pk))
    survey_round.refresh_from_db()
    assert survey_round.status == S.OPEN
    assert survey_round.opens_on == timezone.localdate()
    assert len(mail.outbox) == 2
    assert not client.get(url(world, "round_open_now", pk=survey_round.pk)).context["possible"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "round_open_now", pk=survey_round.pk))  # again: nothing
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "round_close_now", pk=survey_round.pk))
    survey_round.refresh_from_db()
    assert survey_round.status == S.CLOSED and reports_task
    response = client.post(url(world, "round_cancel", pk=survey_round.pk), follow=True)
    survey_round.refresh_from_db()
    assert survey_round.status == S.CLOSED
    assert any(m.level_tag == "error" for m in response.context["messages"])
    other = mentor_round(world, survey=survey_round.survey)
    client.post(url(world, "round_cancel", pk=other.pk))
    other.refresh_from_db()
    assert other.status == S.CANCELLED
    assert AuditEntry.objects.filter(action="round_cancel", object_id=str(other.pk)).exists()


def test_rates_show_counts_per_group_school_and_institute_never_names(client, world):
    survey_round = mentor_round(world, status=S.OPEN, opened_at=timezone.now())
    InvitationFactory(
        round=survey_round,
        person=world["werkplekbegeleider"],
        group="mentor",
        school=world.school1,
        responded_at=timezone.now(),
    )
    InvitationFactory(
        round=survey_round, person=world["wpb_other_school"], group="mentor", school=world.school2
    )
    InvitationFactory(
        round=survey_round,
        person=world["instituutsopleider"],
        group="institute_trainer",
        institute=world.institute,
        responded_at=timezone.now(),
    )
    client.force_login(world["stuurgroeplid"])
    response = client.get(url(world, "round_rates", pk=survey_round.pk))
    rates = response.context["rates"]
    assert (rates["overall"].invited, rates["overall"].responded, rates["overall"].percent) == (
        3,
        2,
        67,
    )
    assert rates["overall"].meets_target
    schools = {r.label: (r.invited, r.responded) for r in rates["schools"]}
    assert schools == {world.school1.name: (1, 1), world.school2.name: (1, 0)}
    assert [(r.invited, r.responded) for r in rates["institutes"]] == [(1, 1)]
    page = response.content.decode()
    for actor in ("werkplekbegeleider", "wpb_other_school", "instituutsopleider"):
        assert world[actor].last_name not in page
    assert 'hx-trigger="every 30s"' in page
    fragment = client.get(
        url(world, "round_rates", pk=survey_round.pk), headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.content.decode() and 'id="rates"' in fragment.content.decode()


def test_a_round_of_another_partnership_is_not_found(client, world):
    theirs = SurveyRound.objects.create(
        partnership=world.b,
        survey=survey_of(world.b, name="B"),
        academic_year=mentor_round(world).academic_year,
        half=1,
        title="B round",
        audience=Audience.MENTORS,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    client.force_login(world[PM])
    for name in ("round_detail", "round_rates", "round_open_now"):
        assert client.get(url(world, name, pk=theirs.pk)).status_code == 404
    assert client.post(url(world, "round_cancel", pk=theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == S.SCHEDULED


# --- query counts ----------------------------------------------------------------------------
def test_round_list_query_count_is_flat(client, world):
    client.force_login(world[PM])
    survey = survey_of(world.a)
    counts, total = {}, 0
    for size in SIZES:
        for i in range(total, size):
            r = mentor_round(world, survey=survey, title=f"Round {i}", status=S.OPEN)
            InvitationFactory(round=r, responded_at=timezone.now())
        total = size
        client.get(url(world, "round_list"))  # the settings row is made on the first visit
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "round_list"))
        assert response.context["paginator"].count == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts


def test_plan_list_query_count_is_flat(client, world):
    client.force_login(world[PM])
    counts, total = {}, 0
    for size in SIZES:
        for i in range(total, size):
            RoundPlan.objects.create(
                partnership=world.a,
                survey=survey_of(world.a, name=f"S{i}"),
                audience="mentors",
                months=[1, 6],
            )
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "plan_list"))
        assert len(response.context["plans"]) == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts


# --- dashboard -------------------------------------------------------------------------------
def test_dashboard_shows_a_waiting_survey_to_its_invitee_only(client, world):
    survey_round = mentor_round(
        world, status=S.OPEN, opened_at=timezone.now(), title="Studentenenquête januari"
    )
    invitation = InvitationFactory(round=survey_round, person=world.student1.person)
    dashboard = reverse("partnerships:dashboard", args=[world.a.slug])
    client.force_login(world["student"])
    page = client.get(dashboard).content.decode()
    assert reverse("survey:answer", kwargs={"key": invitation.key}) in page
    client.force_login(world["werkplekbegeleider"])
    assert invitation.key not in client.get(dashboard).content.decode()
    Invitation.objects.filter(pk=invitation.pk).update(responded_at=timezone.now())
    client.force_login(world["student"])
    assert invitation.key not in client.get(dashboard).content.decode()


def test_dashboard_shows_open_and_coming_rounds_to_the_survey_staff(client, world):
    survey = survey_of(world.a)
    open_round = mentor_round(world, survey=survey, status=S.OPEN, title="Open round")
    InvitationFactory(round=open_round, responded_at=timezone.now())
    InvitationFactory(round=open_round)
    mentor_round(world, survey=survey, title="Coming round")
    mentor_round(
        world,
        survey=survey,
        title="Far round",
        opens_on=timezone.localdate() + datetime.timedelta(days=40),
        closes_on=timezone.localdate() + datetime.timedelta(days=60),
    )
    dashboard = reverse("partnerships:dashboard", args=[world.a.slug])
    client.force_login(world[PM])
    page = client.get(dashboard).content.decode()
    assert "Open round" in page and "50%" in page and "Coming round" in page
    assert "Far round" not in page
    client.force_login(world["stuurgroeplid"])
    assert "Coming round" not in client.get(dashboard).content.decode()


@pytest.mark.usefixtures("built_pages")
def test_rates_page_query_count_is_flat(client, world):
    """The same queries for 1, 10 and 50 schools with invitations (the overall counts come with
    the round; a row per school renders its bar inline)."""
    from tests.factories import SchoolFactory

    survey_round = mentor_round(world, status=S.OPEN, opened_at=timezone.now())
    client.force_login(world["stuurgroeplid"])
    counts, total = {}, 0
    for size in SIZES:
        for i in range(total, size):
            school = SchoolFactory(partnership=world.a, name=f"School {i:02d}")
            InvitationFactory(round=survey_round, group="mentor", school=school)
            InvitationFactory(
                round=survey_round, group="mentor", school=school, responded_at=timezone.now()
            )
        total = size
        client.get(url(world, "round_rates", pk=survey_round.pk))  # the settings row, once
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "round_rates", pk=survey_round.pk))
        rates = response.context["rates"]
        assert (rates["overall"].invited, rates["overall"].responded) == (2 * size, size)
        assert len(rates["schools"]) == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts
