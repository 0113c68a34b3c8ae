"""Targets in the reports and on the framework page (issue 15, items 1-2): the drafted report's
"targets" section freezes each target's value, target, verdict and trend; an adopted report keeps
its verdicts when the data changes later; an improvement action that names a target gets its
effect stated in the next report; the framework page measures every target in a number of
queries that does not grow with the number of targets.

The module runs on 20 July 2027: both halves of 2026-2027 are over."""

import datetime
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from placements.models import Quota
from quality import targets as rules
from quality.choices import ReportStatus
from quality.models import ImprovementAction, QualityReport
from quality.services import reports as services
from tests.factories import academic_year
from tests.quality.factories import InvitationFactory, SurveyFactory, SurveyRoundFactory
from tests.quality.test_targets_db import answered, question_of, target

pytestmark = [pytest.mark.django_db, pytest.mark.today("2027-07-20")]


@pytest.fixture
def year():
    return academic_year(2026)


def draft(p, year, half):
    report, _created = services.report_draft(
        partnership=p, academic_year=year, kind="half_year", half=half, today=timezone.localdate()
    )
    return report


def three_targets(p, year):
    """A mean that is met, a response rate that is not, a share with too few answers."""
    q = question_of(p)
    answered(q, [5, 5, 4, 4, 3], year=year)  # mean 21/5
    small = question_of(p)
    answered(small, [5, 5, 5], year=year)
    survey_round = SurveyRoundFactory(
        survey=SurveyFactory(partnership=p), academic_year=year, half=1, closed=True
    )
    now = timezone.now()
    for i in range(9):
        InvitationFactory(round=survey_round, group="student", responded_at=now if i < 5 else None)
    return [
        target(p, year, rules.MEAN, question=q, value="4"),
        target(p, year, rules.RESPONSE, value="2/3", group="student"),
        target(p, year, rules.AGREE_SHARE, question=small, value="80%"),
    ]


def test_the_drafted_report_freezes_value_target_verdict_and_trend(world, client, year):
    p = world.a
    mean, response, share = three_targets(p, year)
    answered(mean.question, [3] * 5, year=academic_year(2025), half=2)
    report = draft(p, year, 1)
    assert report.sections.filter(key="targets").exists()
    rows = {r["id"]: r for r in report.data["targets"]["rows"]}
    assert set(rows) == {mean.pk, response.pk, share.pk}
    assert {k: rows[mean.pk][k] for k in ("value", "target", "verdict", "n")} == {
        "value": "21/5",
        "target": "4",
        "verdict": "met",
        "n": 5,
    }
    r = rows[response.pk]
    assert (r["value"], r["numerator"], r["denominator"], r["verdict"]) == ("5/9", 5, 9, "not_met")
    assert rows[share.pk]["verdict"] == "not_measurable"
    assert "te weinig antwoorden" in rows[share.pk]["reason"]
    assert [(t["period"], t["value"], t["verdict"]) for t in rows[mean.pk]["trend"]] == [
        ("2025-2026, halfjaar 1", None, "not_measurable"),
        ("2025-2026, halfjaar 2", "3", "not_met"),
    ]

    client.force_login(world["programmamanager"])
    html = client.get(reverse("quality:report_detail", args=[p.slug, report.pk])).content.decode()
    section = html[html.index('id="section-targets"') :]
    section = section[: section.index("</details>")]
    assert "4,2" in section and "≥ 4" in section  # value and target, Dutch decimals
    assert "5 van 9" in section and "55,6%" in section and "66,7%" in section
    assert section.count("voldaan") == 1 and section.count("niet gehaald") == 1
    assert "niet meetbaar: te weinig antwoorden (minder dan 5 in een ronde)" in section


def test_an_adopted_report_keeps_its_verdicts_when_the_data_changes(world, client, year):
    p = world.a
    mean, *_rest = three_targets(p, year)
    report = draft(p, year, 1)
    services.report_submit(report=report, by=world["programmamanager"])
    services.report_adopt(
        report=report,
        by=world["stuurgroeplid"],
        meeting="Stuurgroep",
        meeting_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    frozen = QualityReport.objects.get(pk=report.pk).data["targets"]
    # later: a late round of the half closes with low scores, the target is raised
    answered(mean.question, [1] * 10, year=year)
    mean.value = "9/2"
    mean.save()
    services.report_draft(  # drafting again leaves an adopted report alone
        partnership=p, academic_year=year, kind="half_year", half=1, today=timezone.localdate()
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.ADOPTED
    assert report.data["targets"] == frozen
    row = next(r for r in frozen["rows"] if r["id"] == mean.pk)
    assert (row["value"], row["target"], row["verdict"]) == ("21/5", "4", "met")
    client.force_login(world["programmamanager"])
    html = client.get(reverse("quality:report_detail", args=[p.slug, report.pk])).content.decode()
    section = html[html.index('id="section-targets"') :]
    assert "4,2" in section[: section.index("</details>")]


def action_on(p, t, owner, created):
    action = ImprovementAction.objects.create(
        partnership=p,
        title="Feedbacktraining voor werkplekbegeleiders",
        level="partnership",
        owner=owner,
        due_date=datetime.date(2027, 6, 1),
        target=t,
    )
    ImprovementAction.objects.filter(pk=action.pk).update(
        created_at=timezone.make_aware(datetime.datetime.combine(created, datetime.time(12)))
    )
    return action


def test_the_next_report_states_whether_the_actions_measure_moved(world, client, year):
    p = world.a
    q = question_of(p)
    answered(q, [3, 3, 3, 4, 4], year=year, half=1)  # 17/5
    answered(q, [4, 4, 5, 5, 5], year=year, half=2)  # 23/5
    mean = target(p, year, rules.MEAN, question=q, value="4", half=None)
    survey_round = SurveyRoundFactory(
        survey=SurveyFactory(partnership=p), academic_year=year, half=1, closed=True
    )
    later = SurveyRoundFactory(survey=survey_round.survey, academic_year=year, half=2, closed=True)
    now = timezone.now()
    for i in range(4):
        InvitationFactory(round=survey_round, group="mentor", responded_at=now if i < 3 else None)
        InvitationFactory(round=later, group="mentor", responded_at=now if i < 2 else None)
    response = target(p, year, rules.RESPONSE, value="2/3", group="mentor", half=None)
    pm = world["programmamanager"]
    better = action_on(p, mean, pm, datetime.date(2026, 12, 10))  # half 1
    worse = action_on(p, response, pm, datetime.date(2027, 1, 20))
    action_on(p, mean, pm, datetime.date(2027, 4, 1))  # in half 2 itself: judged next time

    first = draft(p, year, 1)
    assert first.data["targets"]["effects"] == []  # nothing was created before half 1
    report = draft(p, year, 2)
    effects = {e["id"]: e for e in report.data["targets"]["effects"]}
    assert set(effects) == {better.pk, worse.pk}
    e = effects[better.pk]
    assert (e["before"]["value"], e["now"]["value"], e["movement"]) == ("17/5", "23/5", "better")
    assert (e["before"]["period"], e["now"]["period"]) == (
        "2026-2027, halfjaar 1",
        "2026-2027, halfjaar 2",
    )
    assert e["now"]["verdict"] == "met"
    e = effects[worse.pk]
    assert (Fraction(e["before"]["value"]), Fraction(e["now"]["value"])) == (
        Fraction(3, 4),
        Fraction(1, 2),
    )
    assert e["movement"] == "worse"

    client.force_login(pm)
    html = client.get(reverse("quality:report_detail", args=[p.slug, report.pk])).content.decode()
    assert html.count('data-effect="better"') == 1 and html.count('data-effect="worse"') == 1
    assert "in de richting van het streefdoel bewogen" in html
    assert "van het streefdoel af bewogen" in html


def test_framework_page_queries_do_not_grow_with_the_targets(world, client, year):
    p = world.a
    Quota.objects.create(partnership=p, academic_year=year, places=4, status="approved")
    survey = SurveyFactory(partnership=p)
    questions = [question_of(p, survey=survey, area="begeleiding") for _i in range(3)]
    for q in questions:
        answered(q, [4, 5, 3, 4, 4], year=year)

    def add_targets(n):
        for i in range(n):
            q = questions[i % len(questions)]
            target(p, year, rules.MEAN, question=q, value="4")
            target(p, year, rules.AGREE_SHARE, question=q, value="70%", half=2)
            target(p, year, rules.AREA_MEAN, survey=survey, area="begeleiding", value="4")
            target(p, year, rules.RESPONSE, value="2/3", group="student" if i % 2 else "")
            for kind in (rules.DROPOUT, rules.QUOTA, rules.COMPLIANCE):
                target(p, year, kind, value="50%", half=None)
            target(p, year, rules.ATTENDANCE, value="90%")
            target(p, year, rules.PARTICIPATION, value="50%", half=None)

    url = reverse("quality:framework", args=[p.slug])
    client.force_login(world["programmamanager"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    add_targets(1)
    client.get(url)  # warm the session and caches
    few, html = count()
    assert html.count("<tr>") >= 9
    add_targets(3)
    many, html = count()
    assert "Streefdoelen in één oogopslag" in html
    assert many == few, f"{few} queries with 9 targets, {many} with 36"


def test_the_action_page_names_its_target_and_the_form_says_what_a_value_may_be(
    world, client, year
):
    p, pm = world.a, world["programmamanager"]
    response = target(p, year, rules.RESPONSE, value="2/3", group="student", half=None)
    action = action_on(p, response, pm, datetime.date(2027, 1, 20))
    client.force_login(pm)
    page = client.get(reverse("quality:action_detail", args=[p.slug, action.pk])).content.decode()
    assert "Dient het streefdoel" in page and "≥ 66,7%" in page  # a decimal comma, as elsewhere
    form = client.get(reverse("quality:action_create", args=[p.slug])).content.decode()
    assert "66,7%" in form and "66.7%" not in form

    url = reverse("quality:target_create", args=[p.slug, response.indicator_id])
    for measure, value, says in [
        (rules.RESPONSE, "150%", "Geef een aandeel van 0 tot 100%"),
        (rules.MEAN, "7", "Geef een gemiddelde van 1 tot 5"),
        (rules.KOOS_GAP, "abc", "Geef een verschil van −4 tot 4"),
    ]:
        data = {"measure": measure, "comparison": "ge", "value": value}
        data |= {"academic_year": year.pk, "question": question_of(p).pk}
        page = client.post(url, data)
        assert page.status_code == 200
        assert says in page.content.decode()
    assert p.quality_targets.count() == 1  # nothing half-saved
