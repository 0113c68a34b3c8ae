"""The same personal link submitted by several threads at once (PostgreSQL): exactly one
response. A module of its own: other modules' shared worlds hold open transactions that a second
connection would wait for."""

import threading

import pytest
from django.core.exceptions import ValidationError

from quality.models import Answer, Invitation, Response
from quality.services.responses import response_submit
from tests.factories import PartnershipFactory
from tests.quality.surveys_world import invitation, questions

THREADS = 4


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_one_link_submitted_at_once_gives_one_response():
    inv = invitation(PartnershipFactory())
    qs = questions(inv.round.survey)
    data = {qs["scale"].pk: 4, qs["double_scale"].pk: {"desired": 5, "actual": 3}}
    barrier = threading.Barrier(THREADS)
    stored, refused, errors = [], [], []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            stored.append(response_submit(invitation=Invitation.objects.get(pk=inv.pk), data=data))
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(stored) == 1 and len(refused) == THREADS - 1
    assert all(e.code == "answered" for e in refused)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 3
    inv.refresh_from_db()
    assert inv.responded_at is not None
