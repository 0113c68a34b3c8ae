"""The demo professionalisation as seed_demo loads it for partnership hos."""

import pytest

from professionalisation.choices import EnrolmentStatus, RunStatus
from professionalisation.demo.runs import load
from professionalisation.models import Need, Run
from tests.placements.test_demo import hos, seeded  # noqa: F401  (seed_demo once per module)

pytestmark = pytest.mark.django_db


def test_the_seeded_demo_partnership(hos):  # noqa: F811
    partnership = hos
    runs = Run.objects.filter(activity__partnership=partnership)
    current = runs.get(status=RunStatus.RUNNING, activity__kind="wpb_basis")
    assert current.enrolments.filter(status=EnrolmentStatus.ENROLLED).count() >= 4
    assert current.meetings.count() == 5
    assert runs.filter(status=RunStatus.COMPLETED).count() == 3
    assert Need.objects.filter(partnership=partnership).count() >= 5
    assert load(partnership) is None
