"""Two transfer-form tasks at the same moment (PostgreSQL): one form and one e-mail per placement.

A module of its own: the shared world of the other transfer tests is an open transaction, which
a second connection would wait for."""

import datetime
import threading

import pytest

from partnerships.models import SentNotification
from placements import services
from placements.models import TransferForm
from tests.factories import academic_year
from tests.placements.factories import PlacementFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_tasks_at_once_make_one_form_per_placement():
    placements = [PlacementFactory(active=True) for _ in range(5)]
    may_20 = datetime.date(academic_year().start_year + 1, 5, 20)
    barrier = threading.Barrier(4)
    errors = []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.transfer_forms_create(today=may_20)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert TransferForm.objects.filter(placement__in=placements).count() == 5
    assert SentNotification.objects.filter(key__endswith=":created").count() == 5
