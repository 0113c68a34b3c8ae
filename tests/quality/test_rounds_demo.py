"""Demo rounds: plans, two closed half years with invitations and anonymous responses for the
real audience, the next rounds scheduled; loading twice changes nothing."""

import pytest
from django.db.models import Count
from django.utils import timezone

from quality.choices import AnswerPart, QuestionKind, RoundStatus
from quality.demo.rounds import load
from quality.models import Answer, Invitation, Response, RoundPlan, SurveyRound
from quality.periods import academic_start_year, round_dates
from tests.factories import academic_year
from tests.placements.transfer.transfer_world import placement
from tests.quality.factories import QuestionFactory, SurveyFactory, SurveySectionFactory

pytestmark = pytest.mark.django_db


def survey(partnership, name):
    made = SurveyFactory(partnership=partnership, name=name)
    section = SurveySectionFactory(survey=made)
    QuestionFactory(section=section, required=True)
    QuestionFactory(section=section, double=True)
    QuestionFactory(section=section, single=True)
    QuestionFactory(section=section, multiple=True)
    QuestionFactory(section=section, open=True)
    return made


def test_demo_rounds(world):
    students = survey(world.a, "Studentenenquête")
    survey(world.a, "Enquête werkplekbegeleiders")
    previous = academic_year(academic_year().start_year - 1)
    for student in (world.student1, world.student2, world.student3):
        placement(student, world.school1, year=previous)
        placement(student, world.school2)

    assert load(world.a)
    closed = SurveyRound.objects.filter(partnership=world.a, status=RoundStatus.CLOSED)
    assert closed.count() == 4
    assert set(closed.values_list("half", flat=True)) == {1, 2}
    assert RoundPlan.objects.filter(partnership=world.a).count() == 2
    assert all(p.months == [1, 6] for p in RoundPlan.objects.all())
    for survey_round in closed:
        invitations = Invitation.objects.filter(round=survey_round)
        assert invitations.count() in (2, 3)  # the wpbs, or the three students
        assert not invitations.filter(sent_at__isnull=True).exists()
        responded = invitations.filter(responded_at__isnull=False).count()
        assert Response.objects.filter(round=survey_round).count() == responded
    student_rounds = closed.filter(survey=students)
    groups = Response.objects.filter(round__in=student_rounds).values_list("group", flat=True)
    assert set(groups) <= {"student"}
    kinds = set(
        Answer.objects.filter(response__round__in=closed).values_list("question__kind", flat=True)
    )
    assert {QuestionKind.SCALE, QuestionKind.DOUBLE_SCALE, QuestionKind.SINGLE} <= kinds
    parts = set(
        Answer.objects.filter(question__kind=QuestionKind.DOUBLE_SCALE).values_list(
            "part", flat=True
        )
    )
    assert parts <= {AnswerPart.DESIRED, AnswerPart.ACTUAL}
    values = Answer.objects.filter(question__kind=QuestionKind.SCALE, dont_know=False)
    assert all(1 <= v <= 5 for v in values.values_list("value", flat=True))
    assert students.__class__.objects.get(pk=students.pk).is_locked

    today = timezone.localdate()
    start = academic_start_year(today)
    upcoming = [m for m in (1, 6) if round_dates(start, m, 8, 21)[1] >= today]
    scheduled = SurveyRound.objects.filter(partnership=world.a, status=RoundStatus.SCHEDULED)
    assert scheduled.count() == 2 * len(upcoming)

    counts = (
        SurveyRound.objects.count(),
        Invitation.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    )
    assert load(world.a) is None
    assert counts == (
        SurveyRound.objects.count(),
        Invitation.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    )


def test_demo_rounds_without_the_surveys_do_nothing(world):
    assert load(world.a) is None
    assert not SurveyRound.objects.exists()


def test_demo_responses_are_about_seventy_percent(world):
    from tests.factories import RoleFactory

    survey(world.a, "Enquête werkplekbegeleiders")
    for _ in range(100):
        RoleFactory(partnership=world.a, role="werkplekbegeleider", organisation=world.school2)
    load(world.a)
    rows = (
        Invitation.objects.values("round")
        .annotate(n=Count("pk"), responded=Count("responded_at"))
        .order_by("round")
    )
    for row in rows:
        assert 0.55 <= row["responded"] / row["n"] <= 0.85
