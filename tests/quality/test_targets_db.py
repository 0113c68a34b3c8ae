"""Every measure a target reads, from the database (issue 15, item 1): the selectors behind
``quality.selectors.targets.measure`` with exact fractions, the period's rounds and dates only,
and the anonymity rule — a round with answers but fewer than k valued ones makes a survey
measure "not measurable: too few answers". The pure measures are tested in
``test_targets_measures.py``; here the counts come from rows made with the factories.

The module runs on 1 May 2027 (academic year 2026-2027, its first half over), whatever day the
suite runs on."""

import datetime
from fractions import Fraction

import pytest
from django.utils import timezone

from partnerships.glossary import OrganisationKind, Role
from partnerships.models import Organisation
from placements.models import Placement, Quota
from professionalisation.models import Run
from programme.models import Attendance
from quality import targets as rules
from quality.choices import AnswerPart, QuestionKind, RoundStatus
from quality.models import Response, Target
from quality.selectors.targets import measure, target_row
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    RoleFactory,
    SectionFactory,
    StudentFactory,
    SubjectFactory,
    academic_year,
)
from tests.professionalisation.compliance_world import (
    activity,
    compliant_school,
    enrol,
    staff,
)
from tests.programme.events_world import event_on
from tests.quality.factories import (
    AnswerFactory,
    IndicatorFactory,
    InvitationFactory,
    QuestionFactory,
    SurveyFactory,
    SurveyRoundFactory,
    SurveySectionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.today("2027-05-01")]


@pytest.fixture
def p():
    return PartnershipFactory()


@pytest.fixture
def year():
    return academic_year(2026)


def target(p, year, measure_key, *, comparison=rules.GE, value="4", half=1, **extra) -> Target:
    return Target.objects.create(
        partnership=p,
        indicator=IndicatorFactory(ambition__partnership=p),
        measure=measure_key,
        comparison=comparison,
        value=str(rules.parse_value(value, measure_key)),
        academic_year=year,
        half=half,
        **extra,
    )


def question_of(p, *, kind=QuestionKind.SCALE, survey=None, area=""):
    survey = survey or SurveyFactory(partnership=p)
    return QuestionFactory(
        section=SurveySectionFactory(survey=survey), kind=kind, quality_area=area
    )


def answered(question, values, *, year, half=1, status=RoundStatus.CLOSED, dont_know=0, part=None):
    """A round of the question's survey in (year, half) with one response per value (and per
    "don't know"); ``part`` a dict {part: values} for a KOOS double question."""
    survey_round = SurveyRoundFactory(
        survey=question.section.survey, academic_year=year, half=half, status=status
    )
    parts = part or {AnswerPart.MAIN: values}
    for which, vals in parts.items():
        for value in vals:
            response = Response.objects.create(round=survey_round, group="student")
            AnswerFactory(response=response, question=question, part=which, value=value)
        for _i in range(dont_know):
            response = Response.objects.create(round=survey_round, group="student")
            AnswerFactory(
                response=response, question=question, part=which, value=None, dont_know=True
            )
    return survey_round


# --- survey question: mean ---------------------------------------------------------------------
def test_question_mean_is_exact_over_the_closed_rounds_of_the_half(p, year):
    q = question_of(p)
    answered(q, [5, 5, 4, 4, 3], year=year, dont_know=2)  # "don't know" left out
    answered(q, [1] * 6, year=year, status=RoundStatus.OPEN)  # still open: not counted
    answered(q, [1] * 6, year=year, half=2)  # the other half
    answered(q, [1] * 6, year=academic_year(2025))  # last year
    other = question_of(p, survey=q.section.survey)
    answered(other, [1] * 6, year=year)  # another question of the survey
    t = target(p, year, rules.MEAN, question=q, value="4")
    m = measure(t, year, 1)
    assert (m.value, m.n) == (Fraction(21, 5), 5)
    row = target_row(t, year, 1)
    assert (row["value"], row["target"], row["verdict"], row["n"]) == ("21/5", "4", "met", 5)
    t.value = "43/10"  # 4.3 > 4.2
    assert target_row(t, year, 1)["verdict"] == "not_met"
    # the whole year: both halves' closed rounds (5 + 6 answers)
    assert measure(t, year, None).value == Fraction(21 + 6, 11)


def test_question_mean_adds_the_rounds_of_the_half(p, year):
    q = question_of(p)
    answered(q, [5] * 5, year=year)
    answered(q, [2] * 5, year=year)
    assert measure(target(p, year, rules.MEAN, question=q), year, 1).value == Fraction(7, 2)


def test_too_few_answers_is_not_measurable_and_says_why(p, year):
    q = question_of(p)
    answered(q, [5, 5, 5, 5], year=year, dont_know=3)  # 4 valued answers: fewer than k = 5
    t = target(p, year, rules.MEAN, question=q)
    m = measure(t, year, 1)
    assert not m.measurable and m.reason == rules.TOO_FEW and m.detail == {"k": 5}
    row = target_row(t, year, 1)
    assert row["verdict"] == "not_measurable" and row["value"] is None
    assert row["reason"] == "niet meetbaar: te weinig antwoorden (minder dan 5 in een ronde)"
    # a large round next to it does not make the small one count
    answered(q, [1] * 20, year=year)
    assert measure(t, year, 1).reason == rules.TOO_FEW
    assert measure(target(p, year, rules.AGREE_SHARE, question=q), year, 1).reason == "too_few"


def test_no_answers_at_all_is_not_measurable_for_want_of_data(p, year):
    t = target(p, year, rules.MEAN, question=question_of(p))
    row = target_row(t, year, 1)
    assert row["verdict"] == "not_measurable"
    assert row["reason"] == "niet meetbaar: geen gegevens over de periode"


def test_a_raised_threshold_applies(p, year):
    from quality.models import QualitySettings

    settings = QualitySettings.for_partnership(p)
    settings.min_group = 7
    settings.save()
    q = question_of(p)
    answered(q, [4] * 6, year=year)
    m = measure(target(p, year, rules.MEAN, question=q), year, 1)
    assert m.reason == rules.TOO_FEW and m.detail == {"k": 7}


# --- survey question: share agreeing -----------------------------------------------------------
def test_share_agreeing_is_an_exact_fraction_with_its_counts(p, year):
    q = question_of(p)
    answered(q, [5, 4, 4, 3, 2, 1], year=year, dont_know=1)
    t = target(p, year, rules.AGREE_SHARE, question=q, value="1/2")
    m = measure(t, year, 1)
    assert (m.value, m.numerator, m.denominator) == (Fraction(1, 2), 3, 6)
    assert target_row(t, year, 1)["verdict"] == "met"  # exactly the target meets ≥
    t.value = "2/3"
    assert target_row(t, year, 1)["verdict"] == "not_met"


# --- KOOS gap ----------------------------------------------------------------------------------
def test_koos_gap_is_desired_minus_actual(p, year):
    q = question_of(p, kind=QuestionKind.DOUBLE_SCALE, area="klimaat")
    answered(
        q,
        None,
        year=year,
        part={AnswerPart.DESIRED: [5, 5, 5, 5, 4], AnswerPart.ACTUAL: [4, 4, 3, 3, 3]},
    )
    t = target(p, year, rules.KOOS_GAP, question=q, comparison=rules.LE, value="1")
    m = measure(t, year, 1)
    assert m.value == Fraction(24, 5) - Fraction(17, 5) == Fraction(7, 5)
    assert target_row(t, year, 1)["verdict"] == "not_met"
    t.value = "7/5"
    assert target_row(t, year, 1)["verdict"] == "met"


def test_koos_gap_with_too_few_actual_answers_is_not_measurable(p, year):
    q = question_of(p, kind=QuestionKind.DOUBLE_SCALE, area="klimaat")
    answered(q, None, year=year, part={AnswerPart.DESIRED: [5] * 5, AnswerPart.ACTUAL: [3] * 4})
    t = target(p, year, rules.KOOS_GAP, question=q, comparison=rules.LE, value="1")
    assert measure(t, year, 1).reason == rules.TOO_FEW


# --- quality area ------------------------------------------------------------------------------
def test_area_mean_weighs_each_question_the_same(p, year):
    survey = SurveyFactory(partnership=p)
    q1 = question_of(p, survey=survey, area="begeleiding")
    q2 = question_of(p, survey=survey, area="begeleiding")
    elsewhere = question_of(p, survey=survey, area="klimaat")
    answered(q1, [4] * 5, year=year)
    answered(q2, [3] * 10, year=year)
    answered(elsewhere, [1] * 5, year=year)
    t = target(p, year, rules.AREA_MEAN, survey=survey, area="begeleiding")
    m = measure(t, year, 1)
    assert m.value == Fraction(7, 2) and m.detail == {"questions": 2}


# --- response rate -----------------------------------------------------------------------------
def test_response_rate_over_the_closed_rounds_and_per_group(p, year):
    survey = SurveyFactory(partnership=p)
    closed = SurveyRoundFactory(survey=survey, academic_year=year, half=1, closed=True)
    now = timezone.now()
    for i in range(6):
        InvitationFactory(round=closed, group="student", responded_at=now if i < 4 else None)
    for i in range(3):
        InvitationFactory(round=closed, group="mentor", responded_at=now if i < 1 else None)
    still_open = SurveyRoundFactory(survey=survey, academic_year=year, half=1)
    InvitationFactory(round=still_open, group="student")
    other_half = SurveyRoundFactory(survey=survey, academic_year=year, half=2, closed=True)
    InvitationFactory(round=other_half, group="student")

    students = target(p, year, rules.RESPONSE, value="2/3", group="student")
    m = measure(students, year, 1)
    assert (m.value, m.numerator, m.denominator) == (Fraction(2, 3), 4, 6)
    assert target_row(students, year, 1)["verdict"] == "met"  # 4 of 6 is exactly 2/3
    everyone = target(p, year, rules.RESPONSE, value="2/3")
    m = measure(everyone, year, 1)
    assert (m.numerator, m.denominator) == (5, 9)
    assert target_row(everyone, year, 1)["verdict"] == "not_met"
    # a whole-year target counts the closed round of the second half too
    assert measure(everyone, year, None).denominator == 10


# --- dropout -----------------------------------------------------------------------------------
def placements(p, year, school, statuses):
    subject = SubjectFactory(partnership=p)
    institute = InstituteFactory(partnership=p)
    for status in statuses:
        student = StudentFactory(partnership=p, institute=institute, subject=subject)
        Placement.objects.create(
            student=student,
            academic_year=year,
            school=school,
            subject=subject,
            stage="onderbouw",
            level="hbo",
            start="september",
            status=status,
            cancel_reason="other" if status == "cancelled" else "",
        )


def test_dropout_is_cancelled_of_every_placement_of_the_year(p, year):
    school = Organisation.objects.create(partnership=p, kind=OrganisationKind.SCHOOL, name="S")
    placements(p, year, school, ["cancelled"] + ["confirmed"] * 15 + ["active"] * 4)
    placements(p, academic_year(2025), school, ["cancelled"] * 3)  # last year
    other = PartnershipFactory()
    placements(
        other,
        year,
        Organisation.objects.create(partnership=other, kind=OrganisationKind.SCHOOL, name="T"),
        ["cancelled"],
    )
    t = target(p, year, rules.DROPOUT, comparison=rules.LE, value="5%", half=None)
    m = measure(t, year, None)
    assert (m.value, m.numerator, m.denominator) == (Fraction(1, 20), 1, 20)
    assert target_row(t, year, None)["verdict"] == "met"
    placements(p, year, school, ["cancelled"])
    assert target_row(t, year, None)["verdict"] == "not_met"  # 2 of 21


# --- quota realisation -------------------------------------------------------------------------
def test_quota_realisation_counts_students_holding_a_placement(p, year):
    school = Organisation.objects.create(partnership=p, kind=OrganisationKind.SCHOOL, name="S")
    placements(p, year, school, ["confirmed", "active", "completed", "proposed", "cancelled"])
    t = target(p, year, rules.QUOTA, value="95%", half=None)
    row = target_row(t, year, None)
    assert row["verdict"] == "not_measurable"
    assert row["reason"] == "niet meetbaar: geen goedgekeurd quotum voor het jaar"
    quota = Quota.objects.create(partnership=p, academic_year=year, places=4, status="draft")
    assert measure(t, year, None).reason == rules.NO_QUOTA  # a draft does not count
    quota.status = "approved"
    quota.save()
    m = measure(t, year, None)
    assert (m.value, m.numerator, m.denominator) == (Fraction(3, 4), 3, 4)
    assert target_row(t, year, None)["verdict"] == "not_met"
    t.value = "3/4"
    assert target_row(t, year, None)["verdict"] == "met"


# --- attendance of mandatory events ------------------------------------------------------------
def test_attendance_of_mandatory_events_in_the_period(p, year):
    hbo2 = [StudentFactory(partnership=p, hbo_year=2) for _i in range(3)]
    hbo3 = StudentFactory(partnership=p, hbo_year=3)  # no event is meant for them
    StudentFactory(partnership=p, hbo_year=2, is_active=False)
    first = event_on(p, datetime.date(2026, 10, 1))
    second = event_on(p, datetime.date(2027, 1, 15))
    optional = event_on(p, datetime.date(2026, 11, 1), mandatory=False)
    later = event_on(p, datetime.date(2027, 4, 1))  # half 2
    event_on(p, datetime.date(2027, 6, 1))  # half 2, after today
    for event, student, status in [
        (first, hbo2[0], "present"),
        (first, hbo2[1], "present"),
        (first, hbo2[2], "absent"),
        (second, hbo2[0], "present"),
        (second, hbo2[1], "absent_excused"),
        (optional, hbo2[2], "present"),
        (later, hbo2[0], "present"),
        (first, hbo3, "present"),  # recorded, but the event is not meant for hbo 3
    ]:
        Attendance.objects.create(event=event, student=student, status=status)
    t = target(p, year, rules.ATTENDANCE, value="90%")
    m = measure(t, year, 1)
    # 2 events × 3 hbo-2 students expected; 3 present (the second event's third one unrecorded)
    assert (m.value, m.numerator, m.denominator) == (Fraction(1, 2), 3, 6)
    # half 2 so far: one event held by 1 May, one present of three
    assert (measure(t, year, 2).numerator, measure(t, year, 2).denominator) == (1, 3)
    assert measure(t, academic_year(2027), None).reason == rules.NO_DATA  # not started yet


# --- professionalisation: compliance and participation -----------------------------------------
def test_compliance_counts_schools_meeting_every_norm(p, year):
    subject = SubjectFactory(partnership=p)
    compliant_school(p, subject)
    compliant_school(p, subject)
    short = compliant_school(p, subject)
    SectionFactory(school=short, subject=SubjectFactory(partnership=p))  # no certified wpb
    t = target(p, year, rules.COMPLIANCE, value="100%", half=None)
    m = measure(t, year, None)
    assert (m.value, m.numerator, m.denominator) == (Fraction(2, 3), 2, 3)
    assert target_row(t, year, None)["verdict"] == "not_met"


def test_participation_counts_staff_enrolled_in_a_run_of_the_year(p, year):
    school = Organisation.objects.create(partnership=p, kind=OrganisationKind.SCHOOL, name="S")
    people = [staff(p, school, Role.WERKPLEKBEGELEIDER) for _i in range(4)]
    gone = staff(p, school, Role.WERKPLEKBEGELEIDER)
    gone.roles.update(valid_until=datetime.date(2026, 12, 31))
    act = activity(p)
    this_year = Run.objects.create(
        activity=act,
        academic_year=year,
        starts_on=datetime.date(2026, 10, 1),
        ends_on=datetime.date(2027, 3, 1),
    )
    last_year = Run.objects.create(
        activity=act,
        academic_year=academic_year(2025),
        starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2026, 3, 1),
    )
    enrol(this_year, people[0])
    enrol(this_year, people[1], status="cancelled")
    enrol(last_year, people[2])
    enrol(this_year, gone)  # no longer staff on the day measured
    RoleFactory(partnership=PartnershipFactory(), role=Role.WERKPLEKBEGELEIDER)  # elsewhere
    t = target(p, year, rules.PARTICIPATION, value="25%", half=None)
    m = measure(t, year, None)
    assert (m.value, m.numerator, m.denominator) == (Fraction(1, 4), 1, 4)
    assert target_row(t, year, None)["verdict"] == "met"


# --- trend -------------------------------------------------------------------------------------
def test_the_trend_lists_the_earlier_periods_oldest_first(p, year):
    q = question_of(p)
    answered(q, [3] * 5, year=academic_year(2025), half=1)
    answered(q, [4] * 5, year=academic_year(2025), half=2)
    answered(q, [5] * 5, year=year, half=1)
    row = target_row(target(p, year, rules.MEAN, question=q, value="4"), year, 1)
    assert [(t["period"], t["value"], t["verdict"]) for t in row["trend"]] == [
        ("2024-2025, halfjaar 2", None, "not_measurable"),
        ("2025-2026, halfjaar 1", "3", "not_met"),
        ("2025-2026, halfjaar 2", "4", "met"),
    ][-len(row["trend"]) :]
    assert row["value"] == "5"
