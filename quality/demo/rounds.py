"""Demo survey rounds: plans for the student and the mentor (wpb) survey (January and June),
the two previous half years as CLOSED rounds with invitations for the real audience and
synthetic anonymous responses from about 70% of them (the older half's open answers reviewed and
its results released, the last half's waiting for review), and the next rounds scheduled.

Deterministic (random seeded by the partnership and survey names) and idempotent: a half year
that already has its round is left alone."""

import datetime
import random
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partnerships.models import AcademicYear
from quality.audiences import audience_members
from quality.choices import (
    AnswerPart,
    Audience,
    OpenAnswerReview,
    QuestionKind,
    ResultsState,
    RoundStatus,
)
from quality.models import Answer, Invitation, Question, Response, RoundPlan, Survey, SurveyRound
from quality.periods import academic_start_year, half_of_month, round_dates
from quality.services.rounds import round_title, rounds_schedule

PLANS = [
    ("Studentenenquête", "students", Audience.STUDENTS),
    ("Enquête werkplekbegeleiders", "mentors", Audience.MENTORS),
]
RESPONSE_SHARE = 0.7
OPEN_TEXTS = [
    "De begeleiding door mijn werkplekbegeleider was prima, maar er was weinig tijd.",
    "Meer afstemming tussen school en instituut zou helpen.",
    "De intervisiebijeenkomsten vond ik erg waardevol.",
    "Het rooster was laat bekend; daardoor was plannen lastig.",
    "Ik voelde me welkom in de sectie en kon veel oefenen.",
    "Graag eerder duidelijkheid over de beoordeling.",
    "Goede sfeer op school, fijne collega's.",
    "De opdrachten van het instituut sloten niet altijd aan op de praktijk.",
]


def _survey(partnership, name: str, key: str) -> Survey | None:
    return (
        Survey.objects.filter(partnership=partnership, is_template=False)
        .filter(Q(name=name) | Q(copied_from__template_key=key) | Q(template_key=key))
        .order_by("pk")
        .first()
    )


def _halves(today: datetime.date, plan: RoundPlan) -> list[tuple[int, int]]:
    """(academic start year, month) of the two previous half years."""
    start = academic_start_year(today)
    january_closes = round_dates(start, 1, plan.open_day, plan.open_days)[1]
    if today > january_closes:
        return [(start - 1, 6), (start, 1)]
    return [(start - 1, 1), (start - 1, 6)]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _answered_at(rng, opens_on: datetime.date, days: int) -> datetime.datetime:
    return _at(opens_on + datetime.timedelta(days=rng.randrange(days)), rng.randrange(8, 22))


def _answers(rng: random.Random, questions, means: dict, response: Response) -> list[Answer]:
    rows = []

    def scale(mean):
        return min(5, max(1, round(rng.gauss(mean, 0.9))))

    for q in questions:
        if not q.required and rng.random() < 0.05:
            continue  # an optional question left open
        if q.kind == QuestionKind.SCALE:
            if q.allow_dont_know and rng.random() < 0.06:
                rows.append(Answer(response=response, question=q, dont_know=True))
            else:
                rows.append(Answer(response=response, question=q, value=scale(means[q.pk])))
        elif q.kind == QuestionKind.DOUBLE_SCALE:
            desired = min(5.0, means[q.pk] + 0.8)
            for part, mean in ((AnswerPart.DESIRED, desired), (AnswerPart.ACTUAL, means[q.pk])):
                if q.allow_dont_know and rng.random() < 0.05:
                    rows.append(Answer(response=response, question=q, part=part, dont_know=True))
                else:
                    rows.append(Answer(response=response, question=q, part=part, value=scale(mean)))
        elif q.kind == QuestionKind.SINGLE and q.options:
            weights = [len(q.options) - i + 1 for i in range(len(q.options))]
            index = rng.choices(range(len(q.options)), weights=weights)[0]
            rows.append(Answer(response=response, question=q, value=index))
        elif q.kind == QuestionKind.MULTIPLE and q.options:
            for index in range(len(q.options)):
                if rng.random() < 0.4:
                    rows.append(Answer(response=response, question=q, value=index))
        elif q.kind == QuestionKind.OPEN and rng.random() < 0.45:
            rows.append(Answer(response=response, question=q, text=rng.choice(OPEN_TEXTS)))
    return rows


def _closed_round(
    partnership, plan: RoundPlan, start_year: int, month: int, rng, means: dict, released: bool
) -> int:
    year, _created = AcademicYear.objects.get_or_create(start_year=start_year)
    half = half_of_month(month)
    if SurveyRound.objects.filter(plan=plan, academic_year=year, half=half).exists():
        return 0
    opens_on, closes_on = round_dates(start_year, month, plan.open_day, plan.open_days)
    survey_round = SurveyRound.objects.create(
        partnership=partnership,
        survey=plan.survey,
        plan=plan,
        academic_year=year,
        half=half,
        title=round_title(plan.survey, opens_on),
        audience=plan.audience,
        opens_on=opens_on,
        closes_on=closes_on,
        status=RoundStatus.CLOSED,
        opened_at=_at(opens_on, 7),
        closed_at=_at(closes_on + datetime.timedelta(days=1), 0),
    )
    members = audience_members(
        partnership=partnership, audience=plan.audience, year=year, today=opens_on
    )
    invitations, responses, answers = [], [], []
    questions = list(Question.objects.filter(section__survey=plan.survey))
    for member in members:
        responded = rng.random() < RESPONSE_SHARE
        invitations.append(
            Invitation(
                round=survey_round,
                person_id=member.person_id,
                key=secrets.token_urlsafe(32),
                group=member.group,
                school_id=member.school_id,
                institute_id=member.institute_id,
                category=member.category,
                level=member.level,
                sent_at=_at(opens_on, 7),
                responded_at=opens_on + datetime.timedelta(days=rng.randrange(plan.open_days))
                if responded
                else None,
            )
        )
        if responded:
            response = Response(
                round=survey_round,
                group=member.group,
                school_id=member.school_id,
                institute_id=member.institute_id,
                category=member.category,
                level=member.level,
            )
            responses.append(response)
            answers += _answers(rng, questions, means, response)
    rng.shuffle(responses)  # no order to match against the invitations
    Invitation.objects.bulk_create(invitations, batch_size=1000)
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    if released:  # its open answers reviewed (all fit to show) and the results released
        Answer.objects.filter(response__round=survey_round).exclude(text="").update(
            review=OpenAnswerReview.PUBLIC
        )
        SurveyRound.objects.filter(pk=survey_round.pk).update(
            results_state=ResultsState.RELEASED, released_at=survey_round.closed_at
        )
    return len(responses)


@transaction.atomic
def load(partnership) -> str | None:
    today = timezone.localdate()
    made, responses = 0, 0
    for name, key, audience in PLANS:
        survey = _survey(partnership, name, key)
        if survey is None:
            continue
        plan, _created = RoundPlan.objects.get_or_create(
            partnership=partnership,
            survey=survey,
            audience=audience,
            defaults={"months": [1, 6], "open_day": 8, "open_days": 21},
        )
        Survey.objects.filter(pk=survey.pk).update(is_locked=True)
        rng = random.Random(f"{partnership.slug}:{survey.name}")
        questions = Question.objects.filter(section__survey=survey).order_by("pk")
        base = {pk: rng.uniform(2.9, 4.1) for pk in questions.values_list("pk", flat=True)}
        for step, (start_year, month) in enumerate(_halves(today, plan)):
            means = {pk: mean + 0.2 * step for pk, mean in base.items()}  # a visible trend
            released = step == 0  # the older half released, the last one waits for review
            n = _closed_round(partnership, plan, start_year, month, rng, means, released)
            made += n > 0
            responses += n
    scheduled = rounds_schedule(partnership=partnership, today=today)
    if not made and not scheduled:
        return None
    return (
        f"quality rounds: {made} closed rounds with {responses} responses, "
        f"{len(scheduled)} rounds scheduled"
    )
