"""Eight students choosing the same three-place session at once (PostgreSQL): exactly three
registered, five waiting with positions 1..5; cancellations promote in order. A module of its
own: other modules' shared worlds hold open transactions a second connection would wait for."""

import threading

import pytest

from programme.choices import RegistrationStatus as RS
from programme.models import Registration, Session
from programme.services.registrations import registration_cancel, registration_choose
from tests.factories import PartnershipFactory
from tests.programme.events_world import practice_day, students

THREADS = 8


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_concurrent_signups():
    partnership = PartnershipFactory()
    event, slot, (session,) = practice_day(partnership, capacities=(3,))
    people = students(partnership, THREADS)
    barrier = threading.Barrier(THREADS)
    errors = []

    def run(student):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            registration_choose(student=student, session=Session.objects.get(pk=session.pk))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(s,)) for s in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    regs = Registration.objects.filter(session=session)
    assert regs.filter(status=RS.REGISTERED).count() == 3
    waiting = list(regs.filter(status=RS.WAITLISTED).order_by("position"))
    assert [r.position for r in waiting] == [1, 2, 3, 4, 5]

    # cancellations promote in the order of the line
    for n, registered in enumerate(list(regs.filter(status=RS.REGISTERED)), start=0):
        registration_cancel(registration=registered)
        promoted = Registration.objects.get(pk=waiting[n].pk)
        assert promoted.status == RS.REGISTERED
        assert regs.filter(status=RS.REGISTERED).count() == 3
        rest = regs.filter(status=RS.WAITLISTED).order_by("position")
        assert [r.position for r in rest] == list(range(1, 5 - n))
        assert [r.pk for r in rest] == [w.pk for w in waiting[n + 1 :]]
