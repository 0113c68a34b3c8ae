"""Drafting the half-yearly and annual quality reports (quality.tasks.reports)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from partnerships.models import SentNotification
from quality import report_data
from quality.choices import ActionStatus, ReportKind
from quality.models import (
    EvaluationFinding,
    ImprovementAction,
    InternalEvaluation,
    QualityReport,
    QualitySettings,
)
from quality.tasks.reports import draft_due_reports
from tests.factories import academic_year
from tests.quality.factories import ImprovementActionFactory, SurveyRoundFactory
from tests.quality.reports_world import cancel_placements, closed_round, draft

pytestmark = pytest.mark.django_db


def today_iso():
    return timezone.localdate().isoformat()


def reports(world):
    return QualityReport.objects.filter(partnership=world.a)


def test_no_report_while_a_round_of_the_half_is_still_open(
    world, django_capture_on_commit_callbacks
):
    closed_round(world.a, half=1)
    SurveyRoundFactory(survey__partnership=world.a, half=1)  # open
    assert draft_due_reports(on=today_iso()) == 0
    assert not reports(world).exists()


def test_no_report_without_rounds_or_with_only_cancelled_ones(world):
    SurveyRoundFactory(survey__partnership=world.a, half=1, closed=True, status="cancelled")
    assert draft_due_reports(on=today_iso()) == 0
    assert not reports(world).exists()


def test_all_rounds_closed_drafts_one_report_once(world, django_capture_on_commit_callbacks):
    closed_round(world.a, half=1)
    closed_round(world.a, half=1)
    SurveyRoundFactory(survey__partnership=world.a, half=1, status="cancelled")  # not counted
    closed_round(world.b, half=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert draft_due_reports(on=today_iso()) == 2  # A and B
        assert draft_due_reports(on=today_iso()) == 0
    report = reports(world).get()
    assert (report.kind, report.half, report.academic_year) == ("half_year", 1, academic_year())
    assert len(report.data["rounds"]) == 2
    keys = list(report.sections.values_list("key", flat=True))
    assert keys == [
        *("summary", "targets", "results", "response"),
        *("dropout", "actions", "conclusions"),
    ]
    # the programme manager hears once that the draft is ready
    pm = world["programmamanager"]
    assert [m.to for m in mail.outbox if report.title in m.subject] == [[pm.email]]
    assert (
        SentNotification.objects.filter(key__startswith=f"quality_report:{report.pk}:").count() == 1
    )


def test_the_june_report_has_the_internal_evaluations_section_and_findings(world):
    year = academic_year()
    evaluation = InternalEvaluation.objects.create(
        partnership=world.a,
        academic_year=year,
        organisation=world.school1,
        status="submitted",
        submitted_at=timezone.now(),
    )
    EvaluationFinding.objects.create(
        evaluation=evaluation, theme="facilitation", text="Te weinig uren", for_partnership=True
    )
    draft_evaluation = InternalEvaluation.objects.create(
        partnership=world.a, academic_year=year, organisation=world.school2
    )
    EvaluationFinding.objects.create(evaluation=draft_evaluation, theme="programme", text="Concept")
    report = draft(world, half=2)
    assert "evaluations" in report.sections.values_list("key", flat=True)
    [finding] = report.data["findings"]
    assert finding["organisation"] == world.school1.name
    assert (finding["theme"], finding["text"], finding["for_partnership"]) == (
        "facilitation",
        "Te weinig uren",
        True,
    )


def test_the_data_holds_response_rates_and_the_results_summary(world):
    closed_round(world.a, half=1, invited=9, responded=6, title="Studentenenquête januari")
    report = draft(world)  # adds a second round of 8 invited, 6 responded
    rounds = {r["title"]: r for r in report.data["rounds"]}
    first = rounds["Studentenenquête januari"]
    assert (first["invited"], first["responded"], first["rate"]) == (9, 6, 67)
    assert first["groups"] == [{"group": "student", "invited": 9, "responded": 6, "rate": 67}]
    assert first["target"] == str(QualitySettings.for_partnership(world.a).response_target)
    assert first["target"] == "2/3" and first["meets_target"] is True  # 6 of 9 is exactly 2/3
    summary = first["summary"]
    assert summary["round"]["id"] == first["id"]
    assert summary["shown"] is True and summary["responses"] == 6


def test_a_round_under_the_threshold_shows_no_results_in_the_report(world):
    closed_round(world.a, half=1, invited=10, responded=4, title="Klein")
    report = draft(world)
    small = next(r for r in report.data["rounds"] if r["title"] == "Klein")
    assert small["summary"]["shown"] is False
    assert small["summary"]["sections"] == []


def test_dropout_counts_reasons_and_names_only_schools_from_the_threshold(world):
    cancel_placements(
        world, world.school1, ["Ziek", "Ziek", "Andere baan", "Ziek", "verhuisd", "Ziek"]
    )
    cancel_placements(world, world.school3, ["Ziek"] * 5)
    cancel_placements(world, world.school2, ["Ziek", "Andere  baan"])  # 2 < 5
    cancel_placements(world, world.school_b, ["Ziek"])  # another partnership
    cancel_placements(
        world, world.school1, ["Vorig jaar"], year=academic_year(academic_year().start_year - 1)
    )
    dropout = draft(world).data["dropout"]
    assert dropout["total"] == 13
    assert dropout["reasons"] == [
        {"reason": "Ziek", "count": 10},
        {"reason": "Andere baan", "count": 2},
        {"reason": "verhuisd", "count": 1},
    ]
    # school2's 2 alone under "other schools" would be a small group: school3 joins it
    assert dropout["schools"] == [{"name": world.school1.name, "count": 6}]
    assert dropout["other_schools"] == 7


def test_school_counts_complement_a_small_remainder():
    assert report_data.school_counts({"A": 7, "B": 6, "C": 2}, 5) == ([("A", 7)], 8)
    assert report_data.school_counts({"A": 7, "B": 6, "C": 5}, 5) == (
        [("A", 7), ("B", 6), ("C", 5)],
        0,
    )
    assert report_data.school_counts({"A": 2, "B": 1}, 5) == ([], 3)
    assert report_data.school_counts({"A": 9, "B": 3, "C": 3}, 5) == ([("A", 9)], 6)
    assert report_data.school_counts({}, 5) == ([], 0)


def test_actions_open_overdue_and_done_since_the_last_report(world):
    today = timezone.localdate()
    owner = world["schoolcoordinator"]
    common = {"partnership": world.a, "owner": owner}
    open_ = ImprovementActionFactory(**common, title="Open", due_date=today + datetime.timedelta(9))
    late = ImprovementActionFactory(
        **common, title="Late", due_date=today - datetime.timedelta(3), status="in_progress"
    )
    done = ImprovementActionFactory(
        **common, title="Done", status=ActionStatus.DONE, evaluation="Werkt goed"
    )
    ImprovementActionFactory(**common, title="Stopped", status=ActionStatus.CANCELLED)
    ImprovementActionFactory(partnership=world.b, title="Elsewhere")
    report = draft(world)
    actions = report.data["actions"]
    assert [a["id"] for a in actions["open"]] == [open_.pk]
    assert [a["id"] for a in actions["overdue"]] == [late.pk]
    assert actions["overdue"][0]["overdue"] is True
    assert [(a["id"], a["evaluation"]) for a in actions["done"]] == [(done.pk, "Werkt goed")]
    done.refresh_from_db()
    assert done.evaluated_in == report
    # the next report lists it no more as "done since the last report"
    second = draft(world, half=2)
    assert second.data["actions"]["done"] == []
    assert ImprovementAction.objects.get(pk=late.pk).evaluated_in is None


def test_the_annual_report_is_drafted_in_january_for_the_previous_year(world):
    year = academic_year()
    closed_round(world.a, half=1, year=year)
    closed_round(world.a, half=2, year=year)
    july = datetime.date(year.start_year + 1, 7, 20)
    assert draft_due_reports(on=july.isoformat()) == 2
    assert not reports(world).filter(kind=ReportKind.ANNUAL).exists()
    december = datetime.date(year.start_year + 1, 12, 31)
    assert draft_due_reports(on=december.isoformat()) == 0
    january = datetime.date(year.start_year + 2, 1, 5)
    assert draft_due_reports(on=january.isoformat()) == 1
    assert draft_due_reports(on=january.isoformat()) == 0
    annual = reports(world).get(kind=ReportKind.ANNUAL)
    assert annual.half is None and annual.academic_year == year
    assert [h["half"] for h in annual.data["halves"]] == [1, 2]
    assert len(annual.data["rounds"]) == 2
    assert "evaluations" in annual.sections.values_list("key", flat=True)
