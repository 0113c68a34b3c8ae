"""Rounds from plans: one per plan and half year, in the plan's months, idempotent; a round
whose time has passed is not created any more."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from quality.choices import Audience, RoundStatus
from quality.models import RoundPlan, SurveyRound
from quality.services import rounds as services
from quality.tasks.rounds import advance_rounds
from tests.factories import academic_year
from tests.quality.factories import SurveyFactory
from tests.quality.rounds_world import survey_of

pytestmark = pytest.mark.django_db
D = datetime.date


def plan(world, survey=None, **fields) -> RoundPlan:
    return RoundPlan.objects.create(
        partnership=world.a,
        survey=survey or survey_of(world.a, name="Studentenenquête"),
        audience=fields.pop("audience", Audience.STUDENTS),
        months=fields.pop("months", [1, 6]),
        **fields,
    )


def test_a_plan_gets_a_round_in_each_of_its_months(world):
    p = plan(world)
    created = services.rounds_schedule(partnership=world.a, today=D(2025, 9, 1))
    assert [(r.opens_on, r.closes_on, r.half) for r in created] == [
        (D(2026, 1, 8), D(2026, 1, 29), 1),
        (D(2026, 6, 8), D(2026, 6, 29), 2),
    ]
    assert [r.title for r in created] == [
        "Studentenenquête januari 2026",
        "Studentenenquête juni 2026",
    ]
    assert all(r.status == RoundStatus.SCHEDULED and r.plan == p for r in created)
    assert {r.academic_year for r in created} == {academic_year(2025)}
    assert all(r.audience == Audience.STUDENTS for r in created)


def test_scheduling_is_idempotent(world):
    plan(world)
    services.rounds_schedule(partnership=world.a, today=D(2025, 9, 1))
    assert services.rounds_schedule(partnership=world.a, today=D(2025, 9, 2)) == []
    advance_rounds(on="2025-09-03")
    advance_rounds(on="2025-09-03")
    assert SurveyRound.objects.count() == 2


def test_a_passed_round_is_not_created_but_a_running_one_is(world):
    plan(world, open_days=21)
    created = services.rounds_schedule(partnership=world.a, today=D(2026, 1, 30))
    assert [r.opens_on for r in created] == [D(2026, 6, 8)]
    SurveyRound.objects.all().delete()
    created = services.rounds_schedule(partnership=world.a, today=D(2026, 1, 29))
    assert [r.opens_on for r in created] == [D(2026, 1, 8), D(2026, 6, 8)]


def test_inactive_plans_and_other_partnerships_get_no_rounds(world):
    plan(world, is_active=False)
    RoundPlan.objects.create(
        partnership=world.b, survey=survey_of(world.b), audience="students", months=[1]
    )
    assert services.rounds_schedule(partnership=world.a, today=D(2025, 9, 1)) == []
    assert {
        r.partnership for r in services.rounds_schedule(partnership=world.b, today=D(2025, 9, 1))
    } == {world.b}


def test_a_new_academic_year_gets_its_own_rounds(world):
    plan(world, months=[6])
    services.rounds_schedule(partnership=world.a, today=D(2025, 9, 1))
    services.rounds_schedule(partnership=world.a, today=D(2026, 8, 1))
    assert sorted(r.opens_on for r in SurveyRound.objects.all()) == [D(2026, 6, 8), D(2027, 6, 8)]


def test_the_plan_service_refuses_two_months_in_one_half_and_foreign_surveys(world):
    survey = survey_of(world.a)
    values = {"audience": Audience.MENTORS, "open_day": 8, "open_days": 21, "is_active": True}
    save = services.round_plan_save
    with pytest.raises(ValidationError) as exc:
        save(
            partnership=world.a,
            by=world["programmamanager"],
            today=D(2025, 9, 1),
            survey=survey,
            months=[9, 1],
            **values,
        )
    assert "months" in exc.value.error_dict
    for foreign in (
        survey_of(world.b, name="B"),
        SurveyFactory(partnership=world.a, is_template=True),
    ):
        with pytest.raises(ValidationError) as exc:
            save(
                partnership=world.a,
                by=world["programmamanager"],
                today=D(2025, 9, 1),
                survey=foreign,
                months=[1],
                **values,
            )
        assert "survey" in exc.value.error_dict
    assert not RoundPlan.objects.exists()
    saved = save(
        partnership=world.a,
        by=world["programmamanager"],
        today=D(2025, 9, 1),
        survey=survey,
        months=["6", "1"],
        **values,
    )
    assert saved.months == [1, 6]
    assert SurveyRound.objects.filter(plan=saved).count() == 2


def test_an_ad_hoc_round_gets_its_half_and_year_from_its_opening_date(world):
    survey = survey_of(world.a)
    made = services.round_create(
        partnership=world.a,
        by=world["programmamanager"],
        survey=survey,
        audience=Audience.TRAINERS,
        opens_on=D(2026, 3, 2),
        closes_on=D(2026, 3, 20),
    )
    assert (made.half, made.academic_year, made.plan) == (2, academic_year(2025), None)
    assert made.title == f"{survey.name} maart 2026"
    with pytest.raises(ValidationError):
        services.round_create(
            partnership=world.a,
            by=world["programmamanager"],
            survey=survey,
            audience=Audience.TRAINERS,
            opens_on=D(2026, 3, 2),
            closes_on=D(2026, 3, 2),
        )
