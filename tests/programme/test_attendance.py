"""Taking attendance (facilitators for their sessions, organisers for the whole event) and
the overview of mandatory attendance."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from programme.choices import AttendanceStatus as A
from programme.models import Attendance, Registration
from programme.services.attendance import attendance_record
from tests.programme.events_world import event_on, practice_day, students

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(world, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"partnership": world.a.slug, **kwargs})


def today_event(world, **kwargs):
    event, slot, sessions = practice_day(world.a, days_ahead=0, **kwargs)
    return event, slot, sessions


def register(student, session):
    return Registration.objects.create(session=session, slot=session.slot, student=student)


def test_record_needs_a_reason_for_an_excused_absence(world):
    event, slot, (session,) = today_event(world)
    with pytest.raises(ValidationError) as exc:
        attendance_record(
            event=event, student=world.student1, status=A.ABSENT_EXCUSED, by=world["co_docent"]
        )
    assert "reason" in exc.value.error_dict
    row = attendance_record(
        event=event,
        student=world.student1,
        status=A.ABSENT_EXCUSED,
        reason="ill",
        by=world["co_docent"],
    )
    again = attendance_record(
        event=event,
        student=world.student1,
        status=A.PRESENT,
        reason="ignored",
        by=world["co_docent"],
    )
    assert again.pk == row.pk and again.reason == "" and Attendance.objects.count() == 1


def test_not_before_the_day_nor_another_partnership(world):
    event, slot, _ = practice_day(world.a, days_ahead=3)
    with pytest.raises(ValidationError):
        attendance_record(
            event=event, student=world.student1, status=A.PRESENT, by=world["co_docent"]
        )
    today, _, _ = today_event(world)
    with pytest.raises(ValidationError):
        attendance_record(
            event=today, student=world.student_b, status=A.PRESENT, by=world["co_docent"]
        )
    assert not Attendance.objects.exists()


def test_facilitator_sees_only_their_sessions_students(client, world):
    event, slot, (mine, theirs) = today_event(world, capacities=(5, 5))
    mine.facilitators.add(world["co_docent"])
    register(world.student1, mine)
    register(world.student2, theirs)
    client.force_login(world["co_docent"])
    body = client.get(url(world, "attendance", pk=event.pk)).content.decode()
    assert world.student1.person.full_name in body
    assert world.student2.person.full_name not in body
    # a student outside their sessions cannot be recorded
    response = client.post(
        url(world, "attendance", pk=event.pk), {"student": world.student2.pk, "status": A.PRESENT}
    )
    assert response.status_code == 404
    # another session's list is outside their scope
    response = client.get(url(world, "attendance", pk=event.pk) + f"?session={theirs.pk}")
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_facilitator_of_nothing_here_gets_404(client, world):
    event, slot, _ = today_event(world)
    client.force_login(world["co_docent"])
    assert client.get(url(world, "attendance", pk=event.pk)).status_code == 404


def test_htmx_row_and_plain_post(client, world):
    event, slot, (session,) = today_event(world)
    session.facilitators.add(world["co_docent"])
    register(world.student1, session)
    client.force_login(world["co_docent"])
    response = client.post(
        url(world, "attendance", pk=event.pk),
        {"student": world.student1.pk, "status": A.ABSENT_EXCUSED, "reason": ""},
        **HTMX,
    )
    body = response.content.decode()
    assert body.lstrip().startswith(
        f'<li class="list-group-item py-3" id="student-{world.student1.pk}"'
    )
    assert gettext("Give the reason for the absence.") in body
    assert not Attendance.objects.exists()
    response = client.post(
        url(world, "attendance", pk=event.pk),
        {"student": world.student1.pk, "status": A.ABSENT_EXCUSED, "reason": "dentist"},
        **HTMX,
    )
    assert "dentist" in response.content.decode()
    response = client.post(
        url(world, "attendance", pk=event.pk), {"student": world.student1.pk, "status": A.PRESENT}
    )
    assert response.status_code == 302
    row = Attendance.objects.get()
    assert row.status == A.PRESENT and row.recorded_by == world["co_docent"]


def test_organiser_gets_the_whole_audience(client, world):
    event, slot, _ = today_event(world)  # hbo 2 and wo: student1, student2, student3
    client.force_login(world["programmamanager"])
    body = client.get(url(world, "attendance", pk=event.pk)).content.decode()
    for student in (world.student1, world.student2, world.student3):
        assert student.person.full_name in body
    response = client.post(
        url(world, "attendance", pk=event.pk), {"student": world.student_b.pk, "status": A.PRESENT}
    )
    assert response.status_code == 404


def test_overview_counts_and_scope(client, world):
    today = timezone.localdate()
    first = event_on(world.a, today - datetime.timedelta(days=1), title="Day one")
    second = event_on(world.a, today, title="Day two")
    event_on(world.a, today + datetime.timedelta(days=5), title="Future day")
    event_on(world.a, today - datetime.timedelta(days=2), title="Optional", mandatory=False)
    by = world["programmamanager"]
    if first.academic_year_id == second.academic_year_id:
        attendance_record(event=first, student=world.student1, status=A.PRESENT, by=by)
    attendance_record(
        event=second, student=world.student1, status=A.ABSENT_EXCUSED, reason="ill", by=by
    )
    client.force_login(world["werkplekbegeleider"])  # guides student1 only
    response = client.get(url(world, "attendance_overview"))
    rows = response.context["rows"]
    assert [r["student"] for r in rows] == [world.student1]
    titles = [e.title for e in response.context["events"]]
    assert "Day two" in titles and "Future day" not in titles and "Optional" not in titles
    assert rows[0]["counts"]["absent_excused"] == 1


def test_overview_query_count_is_flat(client, world):
    today = timezone.localdate()
    event = event_on(world.a, today)
    client.force_login(world["programmamanager"])
    counts, made = [], []
    for n in (1, 10, 50):
        for student in students(world.a, n - len(made)):
            made.append(student)
            attendance_record(
                event=event, student=student, status=A.PRESENT, by=world["programmamanager"]
            )
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(world, "attendance_overview")).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts


def test_my_programme_shows_own_attendance(client, world):
    event, _, _ = today_event(world, title="Today's day")
    attendance_record(
        event=event, student=world.student1, status=A.PRESENT, by=world["programmamanager"]
    )
    client.force_login(world["student"])
    body = client.get(url(world, "my_programme")).content.decode()
    counts = {"p": 1, "e": 0, "a": 0, "n": 0}
    assert (
        gettext("Present %(p)s, absent with a reason %(e)s, absent %(a)s, not recorded %(n)s.")
        % counts
        in body
    )


# mid-year: the coming events (up to 16 days ahead) stay within the school year the page shows
@pytest.mark.today("2026-12-07")
def test_my_programme_reads_a_fixed_number_of_queries(client, world):
    """Coming events with a chosen session each, and past mandatory ones: the same queries for
    1 and 12 of each (each event's link without a query for its partnership)."""
    client.force_login(world["student"])
    counts, made = [], 0
    for n in (1, 12):
        for i in range(made, n):
            _event, _slot, (session,) = practice_day(world.a, days_ahead=5 + i, title=f"C{i}")
            register(world.student1, session)
            event_on(world.a, timezone.localdate() - datetime.timedelta(days=3 + i), title=f"P{i}")
        made = n
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(url(world, "my_programme")).content.decode()
        assert f"C{n - 1}" in body and f"P{n - 1}" in body
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
