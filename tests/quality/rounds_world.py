"""Helpers for the round tests: a survey of partnership A, rounds of the wpbs (two people:
A's wpb at school1 and the wpb of school2), and running the enqueued sending inline."""

import datetime

import pytest

from quality.choices import Audience, RoundStatus
from quality.models import SurveyRound
from quality.services.rounds import INVITE_TASK, REPORTS_TASK
from quality.tasks import rounds as tasks
from tests.factories import academic_year
from tests.outbox_helpers import capture_publishes
from tests.quality.factories import QuestionFactory, SurveyFactory, SurveySectionFactory

OPENS = datetime.date.today() + datetime.timedelta(days=3)
CLOSES = OPENS + datetime.timedelta(days=21)


def survey_of(partnership, name="Enquête werkplekbegeleiders"):
    survey = SurveyFactory(partnership=partnership, name=name)
    section = SurveySectionFactory(survey=survey)
    QuestionFactory(section=section)
    return survey


def mentor_round(world, *, opens_on=OPENS, closes_on=CLOSES, **fields) -> SurveyRound:
    return SurveyRound.objects.create(
        partnership=world.a,
        survey=fields.pop("survey", None) or survey_of(world.a),
        academic_year=academic_year(),
        half=1,
        title=fields.pop("title", "Enquête werkplekbegeleiders"),
        audience=fields.pop("audience", Audience.MENTORS),
        opens_on=opens_on,
        closes_on=closes_on,
        status=fields.pop("status", RoundStatus.SCHEDULED),
        **fields,
    )


@pytest.fixture(name="outbox_handlers")
def outbox_handlers_fixture(monkeypatch):
    """What the outbox publishes runs through these handlers (by task name)."""
    handlers = {}
    capture_publishes(monkeypatch, handlers)
    return handlers


@pytest.fixture(name="inline")
def inline_fixture(outbox_handlers):
    """Run enqueued sending tasks at once (as a worker would); returns the calls made."""
    calls = []

    def send(round_id, ids):
        calls.append(("invite", round_id, list(ids)))
        tasks.send_invitations(round_id, ids)

    def remind(round_id, ids, days, on):
        calls.append(("remind", round_id, list(ids), days))
        tasks.send_reminders(round_id, ids, days, on)

    outbox_handlers[INVITE_TASK] = send
    outbox_handlers[tasks.REMIND_TASK] = remind
    return calls


@pytest.fixture(name="reports_task")
def reports_task_fixture(outbox_handlers):
    """The reports part's task, enqueued by name after a round closes."""
    sent = []
    outbox_handlers[REPORTS_TASK] = lambda: sent.append(REPORTS_TASK)
    return sent
