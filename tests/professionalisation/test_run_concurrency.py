"""Many people enrolling in the last places of a run at once (PostgreSQL): the capacity holds.
A module of its own: other modules' shared worlds hold open transactions that a second
connection would wait for."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from partnerships.glossary import Role
from professionalisation.choices import EnrolmentStatus
from professionalisation.models import Activity, Enrolment, Run
from professionalisation.services.runs import run_enrol
from tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    academic_year,
)

PEOPLE = 8
CAPACITY = 3


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_capacity_holds_when_many_enrol_at_once():
    partnership = PartnershipFactory()
    school = SchoolFactory(partnership=partnership)
    people = []
    for _ in range(PEOPLE):
        person = PersonFactory()
        RoleFactory(
            person=person,
            partnership=partnership,
            role=Role.WERKPLEKBEGELEIDER,
            organisation=school,
        )
        people.append(person)
    activity = Activity.objects.create(
        partnership=partnership,
        name="Wpb basis",
        kind="wpb_basis",
        formality="basis",
        target_roles=[Role.WERKPLEKBEGELEIDER],
        qualification_kind="wpb_basis",
    )
    today = timezone.localdate()
    run = Run.objects.create(
        activity=activity,
        academic_year=academic_year(),
        starts_on=today,
        ends_on=today,
        capacity=CAPACITY,
    )
    # A thread does not inherit the test's active language (it starts with a fresh context), so
    # each one takes it over: the refusals are worded as the test expects them.
    language = translation.get_language()
    barrier = threading.Barrier(PEOPLE)
    enrolled, refused, errors = [], [], []

    def enrol(person):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            with translation.override(language):
                enrolled.append(run_enrol(run=Run.objects.get(pk=run.pk), person=person))
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(enrolled) == CAPACITY and len(refused) == PEOPLE - CAPACITY
    assert all(e.messages == [gettext("This run is full.")] for e in refused)
    assert Enrolment.objects.filter(run=run, status=EnrolmentStatus.ENROLLED).count() == CAPACITY
