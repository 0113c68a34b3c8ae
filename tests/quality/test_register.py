"""The risk register and the internal evaluations: pages, services, scoping, and the findings
the quality report reads."""

import datetime
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from partnerships.models import AuditEntry
from quality.choices import EvaluationTheme
from quality.models import InternalEvaluation, Risk
from quality.services import register as services
from tests.factories import PersonFactory, SchoolFactory, academic_year
from tests.quality.factories import RiskFactory

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"quality:{name}", args=[world.a.slug, *args])


# --- risks -------------------------------------------------------------------------------------
def risk_data(world, **extra):
    return {
        "title": "Too few mentors",
        "likelihood": "4",
        "impact": "5",
        "mitigation": "Train mentors early.",
        "owner": world["stagecoordinator"].pk,
        "review_date": "2031-03-01",
        "status": "open",
        **extra,
    }


def test_programme_manager_registers_a_risk(client, world):
    client.force_login(world["programmamanager"])
    response = client.post(url(world, "risk_create"), risk_data(world))
    assert response.status_code == 302
    risk = Risk.objects.get(partnership=world.a)
    assert (risk.score, risk.owner) == (20, world["stagecoordinator"])
    assert AuditEntry.objects.filter(action="quality.risk_create", object_id=str(risk.pk)).exists()


def test_risk_owner_must_have_a_role_here(client, world):
    client.force_login(world["programmamanager"])
    for owner in (world["other_partnership"], world["nobody"]):
        response = client.post(url(world, "risk_create"), risk_data(world, owner=owner.pk))
        assert response.status_code == 200
        assert "owner" in response.context["form"].errors
    with pytest.raises(ValidationError) as exc:
        services.risk_save(
            risk=RiskFactory.build(partnership=world.a, owner=world["other_partnership"]),
            by=world["programmamanager"],
        )
    assert "owner" in exc.value.error_dict
    response = client.post(url(world, "risk_create"), risk_data(world, likelihood="6", title=""))
    assert {"likelihood", "title"} <= set(response.context["form"].errors)
    assert not Risk.objects.exists()


def test_risks_sorted_by_score_with_a_heat_map(client, world):
    owner = world["programmamanager"]
    low = RiskFactory(partnership=world.a, owner=owner, likelihood=1, impact=2, title="Low")
    high = RiskFactory(partnership=world.a, owner=owner, likelihood=5, impact=4, title="High")
    mid = RiskFactory(partnership=world.a, owner=owner, likelihood=3, impact=3, title="Mid")
    closed = RiskFactory(partnership=world.a, owner=owner, likelihood=5, impact=4, status="closed")
    RiskFactory(partnership=world.b, owner=world["other_partnership"], title="B risk")
    client.force_login(world["bestuursraadlid"])
    response = client.get(url(world, "risk_list"))
    risks = response.context["risks"]
    assert [r.pk for r in risks] == [high.pk, closed.pk, mid.pk, low.pk]  # by score
    assert "B risk" not in response.content.decode()
    cells = {
        (row["impact"], cell["likelihood"]): cell["count"]
        for row in response.context["heat_map"]
        for cell in row["cells"]
    }
    assert cells[(4, 5)] == 1 and cells[(3, 3)] == 1 and cells[(2, 1)] == 1  # closed left out
    assert sum(cells.values()) == 3
    assert [row["impact"] for row in response.context["heat_map"]] == [5, 4, 3, 2, 1]


def test_risk_list_query_count_does_not_grow(client, world):
    client.force_login(world["programmamanager"])
    counts, made = [], 0
    for total in (1, 10, 50):
        for _n in range(made, total):
            RiskFactory(partnership=world.a, owner=PersonFactory())
        made = total
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "risk_list"))
        assert len(response.context["risks"]) == total
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts


# --- internal evaluations --------------------------------------------------------------------
def evaluation_data(**extra):
    return {
        "placements": "Four students placed, as agreed.",
        "facilitation": "Hours not visible in timetables.",
        "facilitation_for_partnership": "on",
        "communication": "",
        "communication_for_partnership": "on",  # without text: not a finding
        **extra,
    }


def test_school_fills_in_saves_a_draft_and_submits(client, world):
    year = academic_year()
    client.force_login(world["schoolcoordinator"])
    edit = url(world, "evaluation_edit", year.label, world.school1.pk)
    response = client.get(edit)
    assert response.status_code == 200
    placements_help = gettext(
        "Students placed per category compared with the quota; how the placement process went; "
        "working with the stagecoördinator and the institutes' placement offices."
    )
    # the theme's sub-items as help text (rendered as is or escaped: compare unescaped)
    assert placements_help in unescape(response.content.decode())
    response = client.post(edit, evaluation_data(step="save"))
    assert response.status_code == 302
    evaluation = InternalEvaluation.objects.get(organisation=world.school1, academic_year=year)
    assert evaluation.status == "draft"
    findings = {f.theme: (f.text, f.for_partnership) for f in evaluation.findings.all()}
    assert findings["facilitation"] == ("Hours not visible in timetables.", True)
    assert findings["communication"] == ("", False)

    response = client.post(edit, evaluation_data(step="submit"))  # no conclusions yet
    assert response.status_code == 200
    assert "conclusions" in response.context["form"].errors
    evaluation.refresh_from_db()
    assert evaluation.status == "draft"

    response = client.post(edit, evaluation_data(step="submit", conclusions="A good year."))
    assert response.status_code == 200  # the check page: saved as a draft, not submitted yet
    assert "Controleer uw antwoorden" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == "draft"
    assert evaluation.findings.get(theme="conclusions").text == "A good year."
    response = client.post(edit, evaluation_data(step="confirm", conclusions="A good year."))
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted"
    assert evaluation.submitted_by == world["schoolcoordinator"]

    # read-only now, for the school leader too
    client.force_login(world["leidinggevende"])
    response = client.post(edit, evaluation_data(step="save", placements="changed"))
    assert response.status_code == 302
    assert evaluation.findings.get(theme="placements").text == "Four students placed, as agreed."


def test_programme_manager_reopens_a_submitted_evaluation(client, world):
    year = academic_year()
    evaluation = services.evaluation_save(
        partnership=world.a,
        organisation=world.school1,
        academic_year=year,
        findings={"conclusions": {"text": "Fine.", "for_partnership": False}},
        submit=True,
        by=world["leidinggevende"],
    )
    client.force_login(world["programmamanager"])
    detail = url(world, "evaluation_detail", year.label, world.school1.pk)
    html = client.get(detail).content.decode()
    assert "Fine." in html
    assert url(world, "evaluation_reopen", year.label, world.school1.pk) in html
    client.post(url(world, "evaluation_reopen", year.label, world.school1.pk))
    evaluation.refresh_from_db()
    assert evaluation.status == "draft" and evaluation.submitted_at is None
    with pytest.raises(ValidationError):
        services.evaluation_reopen(evaluation=evaluation, by=world["programmamanager"])


def test_evaluators_see_only_their_own_organisations(client, world):
    year = academic_year()
    client.force_login(world["schoolcoordinator"])
    response = client.get(url(world, "evaluation_list", year.label))
    names = [row["organisation"].name for row in response.context["rows"]]
    assert names == ["Alfa College", "Alfa Lyceum"]  # school1 and its cluster school
    client.force_login(world["instituutscoordinator"])
    response = client.get(url(world, "evaluation_list", year.label))
    assert [row["organisation"] for row in response.context["rows"]] == [world.institute]
    assert (
        client.get(url(world, "evaluation_edit", year.label, world.school1.pk)).status_code == 404
    )


def test_evaluation_list_shows_every_active_organisation_with_status(client, world):
    year = academic_year()
    SchoolFactory(partnership=world.a, name="Closed school", is_active=False)
    services.evaluation_save(
        partnership=world.a,
        organisation=world.school2,
        academic_year=year,
        findings={"conclusions": {"text": "Done.", "for_partnership": False}},
        submit=True,
        by=world["schoolcoordinator_other_school"],
    )
    client.force_login(world["stuurgroeplid"])
    response = client.get(url(world, "evaluation_list", year.label))
    rows = {row["organisation"].name: row["evaluation"] for row in response.context["rows"]}
    assert set(rows) == {
        "Alfa College",
        "Alfa Lyceum",
        "Beekdal School",
        "Hogeschool Alfa",
        "Universiteit Alfa",
    }
    assert rows["Beekdal School"].status == "submitted"
    assert rows["Alfa College"] is None


def test_evaluation_list_query_count_does_not_grow(client, world):
    year = academic_year()
    client.force_login(world["programmamanager"])
    counts, made = [], 0
    for total in (1, 10, 50):
        for n in range(made, total):
            school = SchoolFactory(partnership=world.a, name=f"School {n:03}")
            services.evaluation_save(
                partnership=world.a,
                organisation=school,
                academic_year=year,
                findings={"conclusions": {"text": "x", "for_partnership": False}},
                submit=True,
                by=world["schoolcoordinator"],
            )
        made = total
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "evaluation_list", year.label))
        assert len(response.context["rows"]) == total + 5
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_evaluation_findings_for_the_report(world):
    year = academic_year()
    by = world["schoolcoordinator"]
    services.evaluation_save(
        partnership=world.a,
        organisation=world.school2,
        academic_year=year,
        findings={
            "conclusions": {"text": "Need a date overview.", "for_partnership": True},
            "placements": {"text": "All placed.", "for_partnership": False},
            "programme": {"text": "", "for_partnership": True},
        },
        submit=True,
        by=by,
    )
    services.evaluation_save(  # a draft does not count
        partnership=world.a,
        organisation=world.school1,
        academic_year=year,
        findings={"conclusions": {"text": "Draft text.", "for_partnership": True}},
        by=by,
    )
    services.evaluation_save(  # nor does another year
        partnership=world.a,
        organisation=world.institute,
        academic_year=academic_year(year.start_year - 1),
        findings={"conclusions": {"text": "Last year.", "for_partnership": True}},
        submit=True,
        by=by,
    )
    rows = services.evaluation_findings(partnership=world.a, academic_year=year)
    assert rows == [
        {
            "organisation": world.school2,
            "theme": "placements",
            "theme_label": gettext("placement numbers against the quota and the placement process"),
            "text": "All placed.",
            "for_partnership": False,
        },
        {
            "organisation": world.school2,
            "theme": "conclusions",
            "theme_label": gettext("conclusions, improvement points and advice"),
            "text": "Need a date overview.",
            "for_partnership": True,
        },
    ]
    assert services.evaluation_findings(partnership=world.b, academic_year=year) == []


def test_evaluation_service_refuses_another_partnerships_organisation(world):
    with pytest.raises(ValidationError):
        services.evaluation_save(
            partnership=world.a,
            organisation=world.school_b,
            academic_year=academic_year(),
            findings={},
            by=world["programmamanager"],
        )
    assert not InternalEvaluation.objects.exists()


def test_review_dates_render(client, world):
    RiskFactory(
        partnership=world.a, owner=world["programmamanager"], review_date=datetime.date(2031, 5, 4)
    )
    client.force_login(world["programmamanager"])
    assert 'datetime="2031-05-04"' in client.get(url(world, "risk_list")).content.decode()


def test_the_prefilled_questions_alone_cannot_be_submitted_as_findings(client, world):
    """The evaluation opens with each theme's question and facts in its box; submitting them
    untouched would put the prompts in the quality report as findings."""
    year = academic_year()
    client.force_login(world["schoolcoordinator"])
    edit = url(world, "evaluation_edit", year.label, world.school1.pk)
    opened = client.get(edit).context["form"].initial
    response = client.post(edit, {**opened, "step": "submit"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == set(EvaluationTheme.values)
    assert "Alleen de vraag en de feiten" in response.content.decode()
    assert not InternalEvaluation.objects.filter(organisation=world.school1).exists()

    # A draft keeps them; own words under a theme (the facts may stay), empty boxes otherwise.
    assert client.post(edit, {**opened, "step": "save"}).status_code == 302
    written = {theme: "" for theme in EvaluationTheme.values} | {
        "placements": opened["placements"] + "Vier studenten geplaatst, zoals afgesproken.",
        "conclusions": "Een goed jaar.",
    }
    assert client.post(edit, {**written, "step": "submit"}).status_code == 200  # check page
    assert client.post(edit, {**written, "step": "confirm"}).status_code == 302
    evaluation = InternalEvaluation.objects.get(organisation=world.school1)
    assert evaluation.status == "submitted"
    assert "Vier studenten" in evaluation.findings.get(theme="placements").text
