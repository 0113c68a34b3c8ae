"""The run pages: planning a run, enrolling (oneself; someone else within the coordinator's
own schools), attendance and completion by a trainer, who sees which participants, and the
query count of the run list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.glossary import QualificationKind, QualificationStatus, Role
from partnerships.models import Qualification
from professionalisation.choices import EnrolmentStatus
from professionalisation.models import Enrolment, MeetingAttendance, Run
from professionalisation.services import runs as services
from tests.factories import PersonFactory, RoleFactory
from tests.professionalisation.runs_world import activity, enrol, meeting, run

pytestmark = pytest.mark.django_db
WPB = Role.WERKPLEKBEGELEIDER


def url(world, name, *args):
    return reverse(f"professionalisation:{name}", args=[world.a.slug, *args])


def test_an_organiser_plans_a_run_with_its_co_teaching_pair(client, world):
    act = activity(world.a)
    client.force_login(world["programmamanager"])
    start = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(
        url(world, "run_create"),
        {
            "activity": act.pk,
            "title": "Wpb basis autumn",
            "starts_on": start.isoformat(),
            "ends_on": (start + datetime.timedelta(days=60)).isoformat(),
            "location": "Alfa College",
            "capacity": 14,
            "trainers": [world[Role.INSTITUUTSOPLEIDER].pk, world[Role.CO_DOCENT].pk],
            "self_enrolment": "on",
            "status": "planned",
        },
    )
    r = Run.objects.get(title="Wpb basis autumn")
    assert response.status_code == 302 and response["Location"] == r.get_absolute_url()
    assert r.capacity == 14 and r.trainers.count() == 2


def test_a_run_that_ends_before_it_starts_is_refused(client, world):
    act = activity(world.a)
    client.force_login(world["programmamanager"])
    response = client.post(
        url(world, "run_create"),
        {
            "activity": act.pk,
            "starts_on": "2030-10-01",
            "ends_on": "2030-09-01",
            "capacity": 5,
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert not Run.objects.exists()


def test_a_wpb_enrols_from_the_run_page(client, world):
    r = run(world)
    client.force_login(world[WPB])
    page = client.get(r.get_absolute_url())
    assert page.context["may_enrol"]
    response = client.post(url(world, "run_enrol", r.pk))
    assert response.status_code == 302
    assert r.enrolments.get().person == world[WPB]
    assert not client.get(r.get_absolute_url()).context["may_enrol"]


def test_a_schoolcoordinator_enrols_only_staff_of_their_own_schools(client, world):
    r = run(world)
    at_school3 = PersonFactory(last_name="Van Lyceum")
    RoleFactory(person=at_school3, partnership=world.a, role=WPB, organisation=world.school3)
    client.force_login(world["schoolcoordinator"])
    page = client.get(url(world, "run_enrol_person", r.pk))
    offered = set(page.context["form"].fields["person"].queryset)
    assert world[WPB] in offered and at_school3 in offered  # cluster school3 included
    assert world["wpb_other_school"] not in offered
    assert world[Role.INSTITUUTSOPLEIDER] not in offered
    response = client.post(
        url(world, "run_enrol_person", r.pk), {"person": world["wpb_other_school"].pk}
    )
    assert "person" in response.context["form"].errors
    assert not r.enrolments.exists()
    response = client.post(url(world, "run_enrol_person", r.pk), {"person": at_school3.pk})
    assert response.status_code == 302
    assert r.enrolments.get().enrolled_by == world["schoolcoordinator"]


def test_participants_are_shown_to_trainers_and_organisers_only(client, world):
    r = run(world)
    enrol(r, world[WPB])
    enrol(r, world["wpb_other_school"])
    for actor, expected in [
        ("co_docent", 2),
        ("programmamanager", 2),
        ("schoolcoordinator", 1),  # school1's wpb only
        (WPB, 1),
        ("assessor", 0),
    ]:
        client.force_login(world[actor])
        assert len(client.get(r.get_absolute_url()).context["shown"]) == expected, actor


def test_a_trainer_takes_attendance_and_registers_completion(client, world):
    world.qualification.delete()
    r = run(world)
    m = meeting(r)
    e1 = services.run_enrol(run=r, person=world[WPB])
    e2 = services.run_enrol(run=r, person=world["wpb_other_school"])
    client.force_login(world[Role.CO_DOCENT])
    response = client.post(url(world, "meeting_attendance", r.pk, m.pk), {"present": [e1.pk]})
    assert response.status_code == 302
    assert set(
        MeetingAttendance.objects.filter(present=True).values_list("enrolment", flat=True)
    ) == {e1.pk}

    page = client.get(url(world, "run_complete", r.pk))
    assert [e for e, _field in page.context["form"].decision_fields()] == sorted(
        [e1, e2], key=lambda e: e.person.last_name
    )
    on = timezone.localdate()
    response = client.post(
        url(world, "run_complete", r.pk),
        {"on": on.isoformat(), f"e{e1.pk}": "1", f"e{e2.pk}": "0"},
    )
    assert response.status_code == 302
    q = Qualification.objects.get(person=world[WPB], kind=QualificationKind.WPB_BASIS)
    assert (q.status, q.obtained_on) == (QualificationStatus.COMPLETED, on)
    assert Enrolment.objects.get(pk=e2.pk).status == EnrolmentStatus.NOT_COMPLETED
    # the completed participant is shown as decided and cannot be undone through the form
    page = client.get(url(world, "run_complete", r.pk))
    assert page.context["form"].fields[f"e{e1.pk}"].disabled


def test_completion_without_decisions_shows_an_error(client, world):
    r = run(world)
    enrol(r, world[WPB])
    client.force_login(world["programmamanager"])
    response = client.post(
        url(world, "run_complete", r.pk), {"on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_another_partnerships_trainer_cannot_take_attendance(client, world):
    r = run(world, trainers=[world[Role.CO_DOCENT]])
    m = meeting(r)
    client.force_login(world[Role.INSTITUUTSOPLEIDER])
    assert client.get(url(world, "meeting_attendance", r.pk, m.pk)).status_code == 403


def test_run_list_query_count_is_flat(client, world):
    client.force_login(world["programmamanager"])
    list_url = url(world, "run_list")
    client.get(list_url)
    counts, total = {}, 0
    for size in (1, 10, 50):
        for i in range(total, size):
            r = run(world, title=f"Run {i}")
            enrol(r, world[WPB])
            meeting(r)
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url)
        assert len(response.context["runs"]) == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts


def test_cancelling_a_run_cancels_its_enrolments_and_running_qualifications(client, world):
    world.qualification.delete()
    r = run(world)
    e = services.run_enrol(run=r, person=world[WPB])
    client.force_login(world["programmamanager"])
    form = client.get(url(world, "run_update", r.pk)).context["form"]
    assert "completed" not in dict(form.fields["status"].choices)
    data = {
        "title": r.title,
        "starts_on": r.starts_on.isoformat(),
        "ends_on": r.ends_on.isoformat(),
        "capacity": r.capacity,
        "status": "cancelled",
    }
    assert client.post(url(world, "run_update", r.pk), data).status_code == 302
    e.refresh_from_db()
    assert e.status == EnrolmentStatus.CANCELLED
    assert not Qualification.objects.filter(person=world[WPB]).exists()


def test_a_wpb_cancels_their_own_enrolment_and_not_someone_elses(client, world):
    r = run(world)
    own = enrol(r, world[WPB])
    other = enrol(r, world["wpb_other_school"])
    client.force_login(world[WPB])
    assert client.get(url(world, "enrolment_cancel", other.pk)).status_code == 404
    assert client.post(url(world, "enrolment_cancel", own.pk)).status_code == 302
    own.refresh_from_db()
    assert own.status == EnrolmentStatus.CANCELLED


def test_an_organiser_adds_and_deletes_a_meeting(client, world):
    r = run(world)
    client.force_login(world["programmamanager"])
    response = client.post(
        url(world, "meeting_create", r.pk),
        {
            "date": r.starts_on.isoformat(),
            "starts_at": "15:30",
            "ends_at": "17:30",
            "topic": "Start",
        },
    )
    assert response.status_code == 302
    m = r.meetings.get()
    bad = client.post(
        url(world, "meeting_create", r.pk),
        {
            "date": (r.ends_on + datetime.timedelta(days=3)).isoformat(),
            "starts_at": "15:30",
            "ends_at": "17:30",
        },
    )
    assert "date" in bad.context["form"].errors
    assert client.post(url(world, "meeting_delete", r.pk, m.pk)).status_code == 302
    assert not r.meetings.exists()
