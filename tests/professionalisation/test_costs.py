"""What professionalisation tells the budget (issue 19, item 4): the costs of the year's runs,
cancelled runs left out, registered into ``partnerships.finance.registry``."""

import pytest

from partnerships.finance import registry
from partnerships.models import AcademicYear
from professionalisation.selectors.costs import run_costs
from tests.professionalisation.runs_world import run

pytestmark = pytest.mark.django_db


def test_run_costs_of_the_year(world):
    year = AcademicYear.current()
    held = run(world, cost_cents=180_000)
    run(world, title="Geannuleerd", cost_cents=50_000, status="cancelled")
    run(world, title="Gratis")
    run(world, partnership=world.b, title="Elders", cost_cents=70_000)
    amounts = run_costs(world.a, year)
    assert [(a.label, a.cents, a.url) for a in amounts] == [
        (str(held), 180_000, held.get_absolute_url())
    ]
    assert registry.amounts(registry.Source.PROFESSIONALISATION_RUNS, world.a, year) == amounts
