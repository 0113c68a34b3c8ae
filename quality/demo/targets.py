"""Demo targets (streefdoelen, issue 15) on the demo framework's indicators, for every academic
year with a closed survey round, so the reports the demo drafts judge them: the students'
response ≥ 2/3, the mean of the first statement of the student survey ≥ 4 and dropout ≤ 5 %.
Through the service, by the programme manager; idempotent (a partnership with targets is left
alone)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from partnerships.glossary import Role
from partnerships.models import AcademicYear

from .. import targets as rules
from ..choices import Audience, QuestionKind, RespondentGroup, RoundStatus
from ..models import Indicator, Question, SurveyRound, Target
from ..selectors.reports import role_holders
from ..services.targets import target_save
from .framework import DEMO_SLUGS


@transaction.atomic
def load(partnership) -> str | None:
    if partnership.slug not in DEMO_SLUGS or partnership.quality_targets.exists():
        return None
    pm = role_holders(
        partnership=partnership, roles=[Role.PROGRAMMAMANAGER], today=timezone.localdate()
    ).first()
    indicators = list(
        Indicator.objects.filter(ambition__partnership=partnership).order_by(
            "ambition__order", "order"
        )[:3]
    )
    closed = SurveyRound.objects.filter(partnership=partnership, status=RoundStatus.CLOSED)
    student_round = closed.filter(audience=Audience.STUDENTS).order_by("opens_on").first()
    if pm is None or len(indicators) < 3 or student_round is None:
        return None
    statement = (
        Question.objects.filter(section__survey=student_round.survey, kind=QuestionKind.SCALE)
        .order_by("section__order", "order", "pk")
        .first()
    )
    years = AcademicYear.objects.filter(pk__in=closed.values("academic_year")).order_by(
        "start_year"
    )
    made = 0
    for year in years:
        specs = [
            (indicators[0], rules.RESPONSE, rules.GE, "2/3", {"group": RespondentGroup.STUDENT}),
            (indicators[1], rules.MEAN, rules.GE, "4", {"question": statement}),
            (indicators[2], rules.DROPOUT, rules.LE, "5%", {}),
        ]
        for indicator, measure, comparison, value, extra in specs:
            if measure == rules.MEAN and statement is None:
                continue
            target = Target(
                partnership=partnership,
                indicator=indicator,
                measure=measure,
                comparison=comparison,
                value=value,
                academic_year=year,
                half=None,
                **extra,
            )
            target_save(target=target, by=pm)
            made += 1
    return f"quality targets: {made}"
