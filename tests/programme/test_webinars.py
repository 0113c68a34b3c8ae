"""Webinars: logging (period from the date, a real summary), the student's log with the rule per
period, the overview for guides with its filter, the dashboard card, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AcademicYear, Period
from programme.models import WebinarLog
from programme.services.webinars import webinar_log_create
from tests.programme.groups_world import add_students

pytestmark = pytest.mark.django_db
SUMMARY = (
    "Over formatief evalueren: exit tickets en wisbordjes. Ik ga in mijn tweede klas elke les "
    "afsluiten met een exit ticket en de volgende les daarop aansluiten."
)


def url(w, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership": w.a.slug, **kwargs})


def log(student, day=None, title="Webinar"):
    return webinar_log_create(
        student=student,
        title=title,
        followed_on=day or timezone.localdate(),
        summary=SUMMARY,
        by=student.person,
    )


def current_period():
    today = timezone.localdate()
    return Period.objects.get(
        academic_year=AcademicYear.current(), start_date__lte=today, end_date__gte=today
    )


def test_logging_takes_the_period_from_the_date(client, world):
    client.force_login(world["student"])
    response = client.post(
        url(world, "webinar_create"),
        {"title": "Formatief evalueren", "followed_on": timezone.localdate(), "summary": SUMMARY},
    )
    assert response.status_code == 302
    entry = WebinarLog.objects.get(student=world.student1)
    assert entry.period == current_period().number
    assert entry.academic_year == AcademicYear.current()


def test_a_short_summary_or_a_future_date_is_refused_with_clear_errors(client, world):
    client.force_login(world["student"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url(world, "webinar_create"),
        {"title": "Formatief evalueren", "followed_on": tomorrow, "summary": "Goed webinar."},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "summary" in errors and "100" in errors["summary"][0]
    response = client.post(
        url(world, "webinar_create"),
        {"title": "Formatief evalueren", "followed_on": tomorrow, "summary": SUMMARY},
    )
    assert "followed_on" in response.context["form"].errors
    assert not WebinarLog.objects.exists()


def test_a_date_outside_every_period_is_refused(world):
    Period.objects.filter(academic_year=AcademicYear.current()).update(
        start_date=datetime.date(2000, 1, 1), end_date=datetime.date(2000, 1, 2)
    )
    with pytest.raises(Exception) as exc:
        log(world.student1)
    assert "followed_on" in exc.value.message_dict


def test_the_log_shows_met_or_short_per_period(client, world):
    log(world.student1)
    client.force_login(world["student"])
    page = client.get(url(world, "webinar_log", pk=world.student1.pk))
    status = {s.period.number: s for s in page.context["periods"]}
    now = current_period().number
    assert status[now].count == 1 and status[now].short_by == 1 and not status[now].met
    log(world.student1, title="Tweede")
    page = client.get(url(world, "webinar_log", pk=world.student1.pk))
    status = {s.period.number: s for s in page.context["periods"]}
    assert status[now].met
    assert "Tweede" in page.content.decode()


def test_the_overview_filters_students_short_this_period(client, world):
    log(world.student1)
    log(world.student1)
    log(world.student3)
    client.force_login(world["stagecoordinator"])
    everyone = client.get(url(world, "webinar_overview")).context["students"]
    assert {s.pk for s in everyone} >= {world.student1.pk, world.student2.pk, world.student3.pk}
    short = client.get(url(world, "webinar_overview"), {"short": "true"}).context["students"]
    assert world.student1.pk not in {s.pk for s in short}
    assert {world.student2.pk, world.student3.pk} <= {s.pk for s in short}
    client.force_login(world["werkplekbegeleider"])  # guides student1 only
    mine = client.get(url(world, "webinar_overview")).context["students"]
    assert [s.pk for s in mine] == [world.student1.pk]


def test_the_dashboard_tells_a_student_they_are_short(client, world):
    client.force_login(world["student"])
    dashboard = reverse("partnerships:dashboard", kwargs={"partnership": world.a.slug})
    titles = [str(c.title) for c in client.get(dashboard).context["cards"]]
    assert any("Webinars" in t or "webinar" in t.lower() for t in titles), titles
    log(world.student1)
    log(world.student1)
    titles = [str(c.title) for c in client.get(dashboard).context["cards"]]
    assert not any("webinar" in t.lower() for t in titles), titles


def test_overview_queries_do_not_grow(client, world):
    client.force_login(world["stagecoordinator"])
    counts, made = [], 3  # the world's students
    for n in (3, 10, 50):
        for student in add_students(world, n - made):
            log(student)
        made = n
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "webinar_overview"))
        assert len(response.context["students"]) == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
