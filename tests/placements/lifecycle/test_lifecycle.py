import threading

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from placements import services
from placements.models import PlacementEvent
from placements.services import CapacityExceeded
from tests.factories import PersonFactory, StudentFactory
from tests.placements.factories import PlaceFactory, PlacementFactory, SchoolCapacityFactory

pytestmark = pytest.mark.django_db


def test_lifecycle_logs_every_step_and_follows_the_student():
    by = PersonFactory()
    wpb = PersonFactory()
    placement = PlacementFactory()
    services.placement_assign_guides(placement=placement, schoolopleider=PersonFactory(), by=by)
    services.placement_interview_plan(placement=placement, planned_at=timezone.now(), by=by)
    services.placement_interview_held(
        placement=placement,
        checklist=["motivation_school"],
        attended=["student", "schoolopleider"],
        notes="ok",
        by=by,
    )
    services.placement_confirm(placement=placement, by=by)
    services.placement_assign_guides(placement=placement, werkplekbegeleider=wpb, by=by)
    services.placement_activate(placement=placement, by=by)
    placement.student.refresh_from_db()
    assert placement.student.school_id == placement.school_id
    assert placement.student.werkplekbegeleider == wpb
    services.placement_complete(placement=placement, by=by)
    actions = list(
        PlacementEvent.objects.filter(placement=placement).values_list("action", flat=True)
    )
    assert actions.count("status") == 5 and "guides" in actions and "created" not in actions


def test_illegal_transition_and_cancel_without_reason_are_refused():
    by = PersonFactory()
    placement = PlacementFactory()
    with pytest.raises(ValidationError):
        services.placement_complete(placement=placement, by=by)
    with pytest.raises(ValidationError):
        services.placement_cancel(placement=placement, reason=" ", by=by)
    services.placement_cancel(placement=placement, reason="student stopped", by=by)
    assert placement.status == "cancelled"


def test_confirmation_never_exceeds_place_capacity():
    place = PlaceFactory(capacity=1)
    by = PersonFactory()
    first = PlacementFactory(place=place)
    second = PlacementFactory(
        place=place, student=StudentFactory(partnership=place.division.partnership)
    )
    services.placement_confirm(placement=first, by=by)
    with pytest.raises(CapacityExceeded):
        services.placement_confirm(placement=second, by=by)


def test_confirmation_never_exceeds_the_school_total_cap():
    place_a = PlaceFactory(capacity=5)
    place_b = PlaceFactory(capacity=5, division=place_a.division, school=place_a.school)
    SchoolCapacityFactory(
        school=place_a.school, academic_year=place_a.division.academic_year, total_cap=1
    )
    by = PersonFactory()
    services.placement_confirm(placement=PlacementFactory(place=place_a), by=by)
    with pytest.raises(CapacityExceeded):
        services.placement_confirm(placement=PlacementFactory(place=place_b), by=by)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_cannot_overbook():
    place = PlaceFactory(capacity=2)
    by = PersonFactory()
    placements = [PlacementFactory(place=place) for _ in range(8)]
    barrier = threading.Barrier(len(placements))
    outcomes = []

    def confirm(p):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.placement_confirm(placement=p, by=by)
            outcomes.append("ok")
        except CapacityExceeded:
            outcomes.append("full")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=confirm, args=(p,)) for p in placements]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["full"] * 6 + ["ok"] * 2
    assert place.placements.filter(status="confirmed").count() == 2
