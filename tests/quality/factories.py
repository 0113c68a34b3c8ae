"""Factories for the quality cycle (shared by all quality tests). Area-specific helpers live in
``tests/quality/<area>_world.py``."""

import datetime
import secrets

import factory
from factory.django import DjangoModelFactory

from quality.choices import Audience, QuestionKind, RespondentGroup, RoundStatus
from quality.models import (
    Ambition,
    Answer,
    ImprovementAction,
    Indicator,
    Instrument,
    Invitation,
    QualityReport,
    Question,
    Response,
    Risk,
    Survey,
    SurveyRound,
    SurveySection,
)
from tests.factories import PartnershipFactory, PersonFactory, academic_year


class AmbitionFactory(DjangoModelFactory):
    class Meta:
        model = Ambition

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Ambition {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    ambition = factory.SubFactory(AmbitionFactory)
    question = factory.Sequence(lambda n: f"Do we reach indicator {n}?")
    standards = factory.LazyFunction(lambda: [2])


class InstrumentFactory(DjangoModelFactory):
    class Meta:
        model = Instrument

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Instrument {n}")
    kind = "survey"
    target_group = "students"
    responsible_role = "programmamanager"
    frequency = "half_yearly"
    months = factory.LazyFunction(lambda: [1, 6])
    standards = factory.LazyFunction(lambda: [2, 4])


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Survey {n}")


class SurveySectionFactory(DjangoModelFactory):
    class Meta:
        model = SurveySection

    survey = factory.SubFactory(SurveyFactory)
    title = factory.Sequence(lambda n: f"Section {n}")


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SurveySectionFactory)
    text = factory.Sequence(lambda n: f"Statement {n}")
    kind = QuestionKind.SCALE

    class Params:
        single = factory.Trait(kind=QuestionKind.SINGLE, options=["yes", "no", "partly"])
        multiple = factory.Trait(kind=QuestionKind.MULTIPLE, options=["a", "b", "c"])
        double = factory.Trait(kind=QuestionKind.DOUBLE_SCALE, quality_area="klimaat")
        open = factory.Trait(kind=QuestionKind.OPEN, allow_dont_know=False)


class SurveyRoundFactory(DjangoModelFactory):
    class Meta:
        model = SurveyRound

    partnership = factory.SelfAttribute("survey.partnership")
    survey = factory.SubFactory(SurveyFactory)
    academic_year = factory.LazyFunction(academic_year)
    half = 1
    title = factory.Sequence(lambda n: f"Round {n}")
    audience = Audience.STUDENTS
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))
    status = RoundStatus.OPEN

    class Params:
        closed = factory.Trait(
            status=RoundStatus.CLOSED,
            opens_on=factory.LazyFunction(
                lambda: datetime.date.today() - datetime.timedelta(days=40)
            ),
            closes_on=factory.LazyFunction(
                lambda: datetime.date.today() - datetime.timedelta(days=10)
            ),
        )
        scheduled = factory.Trait(
            status=RoundStatus.SCHEDULED,
            opens_on=factory.LazyFunction(
                lambda: datetime.date.today() + datetime.timedelta(days=10)
            ),
            closes_on=factory.LazyFunction(
                lambda: datetime.date.today() + datetime.timedelta(days=30)
            ),
        )


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    round = factory.SubFactory(SurveyRoundFactory)
    person = factory.SubFactory(PersonFactory)
    key = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    group = RespondentGroup.STUDENT


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    round = factory.SubFactory(SurveyRoundFactory)
    group = RespondentGroup.STUDENT


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    value = 4


class QualityReportFactory(DjangoModelFactory):
    class Meta:
        model = QualityReport

    partnership = factory.SubFactory(PartnershipFactory)
    academic_year = factory.LazyFunction(academic_year)
    kind = "half_year"
    half = 1
    title = factory.Sequence(lambda n: f"Quality report {n}")


class ImprovementActionFactory(DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Improvement action {n}")
    level = "partnership"
    owner = factory.SubFactory(PersonFactory)
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))


class RiskFactory(DjangoModelFactory):
    class Meta:
        model = Risk

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Risk {n}")
    likelihood = 3
    impact = 4
    owner = factory.SubFactory(PersonFactory)
    review_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
