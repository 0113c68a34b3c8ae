"""What the programme tells the budget (issue 19, item 4): each event's costs of the year, and
the co-docent hours per school at the partnership's hourly rate, registered into
``partnerships.finance.registry``."""

import pytest

from partnerships.finance import registry
from partnerships.models import AcademicYear
from programme.models import CoDocentNorms
from programme.selectors.costs import codocent_costs, event_costs
from tests.programme.groups_world import event, session

pytestmark = pytest.mark.django_db


def test_event_costs_of_the_year(world):
    year = AcademicYear.current()
    paid = event(world.a, cost_cents=125_000)
    event(world.a)  # no costs
    event(world.b, cost_cents=99_900)  # another partnership
    amounts = event_costs(world.a, year)
    assert [(a.cents, a.url) for a in amounts] == [(125_000, paid.get_absolute_url())]
    assert registry.amounts(registry.Source.PROGRAMME_EVENTS, world.a, year) == amounts


def test_codocent_hours_valued_per_school(world):
    year = AcademicYear.current()
    session(event(world.a), facilitators=[world["co_docent"]])  # 1.5 h + 1 h travel
    assert codocent_costs(world.a, year) == []  # no hourly rate: nothing counted
    CoDocentNorms.objects.update_or_create(
        partnership=world.a, defaults={"hourly_rate_cents": 4_001}
    )
    (amount,) = codocent_costs(world.a, year)
    assert amount.cents == 10_003  # 2.5 h × € 40,01, half a cent up
    assert world.school1.name in amount.label
    assert codocent_costs in registry.PROVIDERS[registry.Source.CODOCENT_HOURS]
