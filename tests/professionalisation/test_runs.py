"""Run services: who may enrol, the running qualification an enrolment records, cancelling,
attendance, and completion into qualifications (idempotent)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.glossary import QualificationKind, QualificationStatus, Role
from partnerships.models import AuditEntry, Qualification
from professionalisation.choices import EnrolmentStatus, RunStatus
from professionalisation.models import Enrolment, MeetingAttendance
from professionalisation.services import runs as services
from tests.professionalisation.runs_world import activity, enrol, meeting, run

pytestmark = pytest.mark.django_db
WPB = Role.WERKPLEKBEGELEIDER
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _no_wpb_basis_yet(world):
    """The world's wpb holds a wpb_basis from 2022; these tests start without it."""
    world.qualification.delete()


def refused(msgid, **values):
    """The pattern for the error ``msgid`` (formatted with ``values``) as the active language
    words it."""
    text = gettext(msgid)
    return re.escape(text % values if values else text)


def wpb_basis(person):
    return Qualification.objects.filter(person=person, kind=QualificationKind.WPB_BASIS)


# --- enrolling oneself ---------------------------------------------------------------------------
def test_a_wpb_enrols_in_the_wpb_training_and_gets_a_running_qualification(world):
    r = run(world)
    wpb = world[WPB]
    enrolment = services.run_enrol(run=r, person=wpb)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.enrolled_by == wpb
    (q,) = wpb_basis(wpb)
    assert q.status == QualificationStatus.RUNNING and q.obtained_on is None
    assert enrolment.qualification == q
    assert AuditEntry.objects.filter(action="enrol", object_id=str(enrolment.pk)).exists()


def test_other_roles_cannot_enrol_themselves_in_a_training_for_wpbs(world):
    r = run(world)
    with pytest.raises(ValidationError, match=refused("This activity is meant for other roles.")):
        services.run_enrol(run=r, person=world[Role.CO_DOCENT])
    assert not Enrolment.objects.exists()


def test_an_activity_without_target_roles_is_open_to_all_staff_but_not_outsiders(world):
    webinar = activity(
        world.a,
        name="Webinar",
        kind="webinar",
        formality="informal",
        target_roles=[],
        qualification_kind="",
    )
    r = run(world, act=webinar)
    services.run_enrol(run=r, person=world[Role.INSTITUUTSCOORDINATOR])
    with pytest.raises(ValidationError):
        services.run_enrol(run=r, person=world["student"])
    with pytest.raises(ValidationError):
        services.run_enrol(run=r, person=world["other_partnership"])
    assert r.enrolments.count() == 1
    assert not Qualification.objects.filter(person=world[Role.INSTITUUTSCOORDINATOR]).exists()


def test_self_enrolment_can_be_closed_and_organisers_still_enrol(world):
    r = run(world, self_enrolment=False)
    with pytest.raises(
        ValidationError, match=refused("Enrolment in this run goes through the organisers.")
    ):
        services.run_enrol(run=r, person=world[WPB])
    services.run_enrol_person(run=r, person=world[WPB], by=world["programmamanager"])
    assert r.enrolments.get().enrolled_by == world["programmamanager"]


def test_no_double_enrolment_and_a_full_run_refuses(world):
    r = run(world, capacity=1)
    services.run_enrol(run=r, person=world[WPB])
    with pytest.raises(
        ValidationError, match=refused("%(person)s is already enrolled.", person=world[WPB])
    ):
        services.run_enrol(run=r, person=world[WPB])
    with pytest.raises(ValidationError, match=refused("This run is full.")):
        services.run_enrol(run=r, person=world["wpb_other_school"])
    assert r.enrolments.count() == 1


def test_closed_runs_take_no_enrolments(world):
    for status in (RunStatus.COMPLETED, RunStatus.CANCELLED):
        r = run(world, status=status, title=status)
        with pytest.raises(ValidationError, match=refused("This run is not open for enrolment.")):
            services.run_enrol(run=r, person=world[WPB])


# --- the running qualification and cancelling -------------------------------------------
def test_cancelling_removes_the_running_qualification_it_created_and_reenrol_works(world):
    r = run(world, capacity=1)
    wpb = world[WPB]
    enrolment = services.run_enrol(run=r, person=wpb)
    services.enrolment_cancel(enrolment=enrolment, by=wpb)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED
    assert not wpb_basis(wpb).exists()
    # the place is free again: someone else, then the first again after they cancel
    other = services.run_enrol(run=r, person=world["wpb_other_school"])
    services.enrolment_cancel(enrolment=other, by=world["programmamanager"])
    again = services.run_enrol(run=r, person=wpb)
    assert again.pk == enrolment.pk and again.status == EnrolmentStatus.ENROLLED
    assert wpb_basis(wpb).get().status == QualificationStatus.RUNNING


def test_a_qualification_held_before_is_never_removed_by_a_cancel(world):
    wpb = world[WPB]
    before = Qualification.objects.create(
        person=wpb, kind=QualificationKind.WPB_BASIS, status=QualificationStatus.RUNNING
    )
    enrolment = services.run_enrol(run=run(world), person=wpb)
    assert enrolment.qualification is None
    services.enrolment_cancel(enrolment=enrolment, by=wpb)
    assert list(wpb_basis(wpb)) == [before]


def test_a_completed_qualification_means_no_running_one(world):
    wpb = world[WPB]
    Qualification.objects.create(
        person=wpb, kind=QualificationKind.WPB_BASIS, obtained_on=datetime.date(2020, 6, 1)
    )
    enrolment = services.run_enrol(run=run(world), person=wpb)
    assert enrolment.qualification is None
    assert wpb_basis(wpb).count() == 1


def test_only_a_current_enrolment_can_be_cancelled(world):
    enrolment = enrol(run(world), world[WPB], status=EnrolmentStatus.COMPLETED)
    with pytest.raises(ValidationError):
        services.enrolment_cancel(enrolment=enrolment, by=world[WPB])


# --- completion ----------------------------------------------------------------------------------
def test_completion_turns_the_running_qualification_into_a_completed_one(world):
    r = run(world)
    wpb, other = world[WPB], world["wpb_other_school"]
    e1 = services.run_enrol(run=r, person=wpb)
    e2 = services.run_enrol(run=r, person=other)
    on = TODAY - datetime.timedelta(days=1)
    changed = services.run_complete(
        run=r, completed={e1.pk: True, e2.pk: False}, on=on, by=world["programmamanager"]
    )
    assert changed == {"completed": 1, "not_completed": 1}
    (q,) = wpb_basis(wpb)
    assert (q.status, q.obtained_on) == (QualificationStatus.COMPLETED, on)
    e1.refresh_from_db()
    e2.refresh_from_db()
    assert (e1.status, e1.completed_on, e1.qualification) == (EnrolmentStatus.COMPLETED, on, q)
    assert e2.status == EnrolmentStatus.NOT_COMPLETED
    assert not wpb_basis(other).exists()  # the running one went with the not-completed
    r.refresh_from_db()
    assert r.status == RunStatus.COMPLETED and r.completed_at is not None


def test_completing_twice_makes_no_second_qualification(world):
    r = run(world)
    e = services.run_enrol(run=r, person=world[WPB])
    for _ in range(2):
        services.run_complete(run=r, completed={e.pk: True}, on=TODAY, by=world[Role.CO_DOCENT])
    assert wpb_basis(world[WPB]).count() == 1
    assert wpb_basis(world[WPB]).get().obtained_on == TODAY
    with pytest.raises(
        ValidationError,
        match=refused("%(person)s has completed this run already.", person=world[WPB]),
    ):
        services.run_complete(
            run=r, completed={e.pk: False}, on=TODAY, by=world["programmamanager"]
        )


def test_completion_completes_a_planned_qualification_instead_of_adding_one(world):
    wpb = world[WPB]
    planned = Qualification.objects.create(
        person=wpb, kind=QualificationKind.WPB_BASIS, status=QualificationStatus.PLANNED
    )
    r = run(world)
    e = services.run_enrol(run=r, person=wpb)
    assert e.qualification.status == QualificationStatus.RUNNING
    services.run_complete(run=r, completed={e.pk: True}, on=TODAY, by=world["programmamanager"])
    e.refresh_from_db()
    assert e.qualification.status == QualificationStatus.COMPLETED
    planned.refresh_from_db()
    assert planned.status == QualificationStatus.PLANNED  # the enrolment's own one was completed
    assert wpb_basis(wpb).filter(status=QualificationStatus.COMPLETED).count() == 1


def test_completion_without_a_running_qualification_creates_one(world):
    """An enrolment made before the activity named its qualification."""
    r = run(
        world,
        act=activity(
            world.a,
            name="Assessor training",
            kind="assessor_training",
            target_roles=[Role.ASSESSOR],
            qualification_kind="",
        ),
    )
    e = services.run_enrol(run=r, person=world[Role.ASSESSOR])
    r.activity.qualification_kind = QualificationKind.ASSESSOR
    r.activity.save()
    services.run_complete(run=r, completed={e.pk: True}, on=TODAY, by=world["programmamanager"])
    q = Qualification.objects.get(person=world[Role.ASSESSOR], kind=QualificationKind.ASSESSOR)
    assert q.status == QualificationStatus.COMPLETED and q.obtained_on == TODAY


def test_partial_completion_keeps_the_run_running(world):
    r = run(world)
    e1 = services.run_enrol(run=r, person=world[WPB])
    services.run_enrol(run=r, person=world["wpb_other_school"])
    services.run_complete(run=r, completed={e1.pk: True}, on=TODAY, by=world["programmamanager"])
    r.refresh_from_db()
    assert r.status == RunStatus.RUNNING


DATE_REFUSALS = {
    "future": "The completion date cannot lie in the future.",
    "before": "The completion date lies before the run starts.",
}


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (TODAY + datetime.timedelta(days=1), "future"),
        (TODAY - datetime.timedelta(days=400), "before"),
    ],
)
def test_completion_dates_outside_the_run_are_refused(world, on, message):
    r = run(world)
    e = services.run_enrol(run=r, person=world[WPB])
    with pytest.raises(ValidationError, match=refused(DATE_REFUSALS[message])) as exc:
        services.run_complete(run=r, completed={e.pk: True}, on=on, by=world["programmamanager"])
    assert set(exc.value.error_dict) == {"on"}
    assert wpb_basis(world[WPB]).get().status == QualificationStatus.RUNNING


def test_completion_of_someone_not_in_the_run_is_refused_and_nothing_is_saved(world):
    r = run(world)
    e = services.run_enrol(run=r, person=world[WPB])
    stranger = enrol(run(world, title="other"), world["wpb_other_school"])
    with pytest.raises(ValidationError):
        services.run_complete(
            run=r, completed={e.pk: True, stranger.pk: True}, on=TODAY, by=world["programmamanager"]
        )
    e.refresh_from_db()
    assert e.status == EnrolmentStatus.ENROLLED


# --- attendance ----------------------------------------------------------------------------------
def test_attendance_marks_present_and_absent_and_can_be_corrected(world):
    r = run(world)
    m = meeting(r)
    e1 = services.run_enrol(run=r, person=world[WPB])
    e2 = services.run_enrol(run=r, person=world["wpb_other_school"])
    assert (
        services.meeting_attendance_save(meeting=m, present={e1.pk}, by=world[Role.CO_DOCENT]) == 1
    )
    assert dict(MeetingAttendance.objects.values_list("enrolment", "present")) == {
        e1.pk: True,
        e2.pk: False,
    }
    services.meeting_attendance_save(meeting=m, present={e2.pk}, by=world[Role.CO_DOCENT])
    assert dict(MeetingAttendance.objects.values_list("enrolment", "present")) == {
        e1.pk: False,
        e2.pk: True,
    }


# --- runs and meetings -------------------------------------------------------------------------
def test_run_create_takes_the_year_from_its_start_and_checks_trainers(world):
    act = activity(world.a)
    start = datetime.date(2031, 9, 15)
    r = services.run_create(
        activity=act,
        by=world["programmamanager"],
        trainers=[world[Role.INSTITUUTSOPLEIDER], world[Role.CO_DOCENT]],
        title="Wpb basis 2031",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=90),
        capacity=12,
    )
    assert r.academic_year.start_year == 2031
    assert set(r.trainers.all()) == {world[Role.INSTITUUTSOPLEIDER], world[Role.CO_DOCENT]}
    with pytest.raises(ValidationError) as exc:
        services.run_create(
            activity=act,
            by=world["programmamanager"],
            trainers=[world["other_partnership"]],
            title="x",
            starts_on=start,
            ends_on=start,
        )
    assert "trainers" in exc.value.error_dict


def test_capacity_cannot_drop_below_the_enrolled(world):
    r = run(world, capacity=3)
    services.run_enrol(run=r, person=world[WPB])
    services.run_enrol(run=r, person=world["wpb_other_school"])
    with pytest.raises(ValidationError) as exc:
        services.run_update(run=r, by=world["programmamanager"], capacity=1)
    assert "capacity" in exc.value.error_dict
    r.refresh_from_db()
    assert r.capacity == 3


def test_meetings_fall_inside_the_run(world):
    r = run(world)
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            run=r,
            date=r.ends_on + datetime.timedelta(days=1),
            starts_at=datetime.time(15),
            ends_at=datetime.time(14),
            by=world["programmamanager"],
        )
    assert set(exc.value.error_dict) == {"date", "ends_at"}
    assert not r.meetings.exists()
