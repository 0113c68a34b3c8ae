"""The 2/3 response target is a fraction, not a rounded percentage (seed 002 §2.5, EXAMPLES.md):
300 invited, 200 responses meets it and 199 (66.3 %) does not; 333 of 500 (66.6 %) does not —
in the pure rule, the rates a user reads, the dashboard card and the report (page and PDF)."""

import re
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from partnerships.models import Person
from quality import response_target
from quality.choices import RoundStatus
from quality.models import Invitation, QualitySettings
from quality.selectors.reports import display_data
from quality.selectors.rounds import round_rates
from quality.services import reports as report_services
from tests.quality.reports_world import closed_round, draft
from tests.quality.rounds_world import mentor_round

EXAMPLES = [(300, 200, True), (300, 199, False), (500, 333, False)]
SHOWN = {(300, 200): 67, (300, 199): 66, (500, 333): 67}  # rounded, for display only


# --- the pure rule ---------------------------------------------------------------------------
@pytest.mark.parametrize(("invited", "responded", "met"), EXAMPLES)
def test_the_examples_against_two_thirds(invited, responded, met):
    assert response_target.meets(responded, invited, Fraction(2, 3)) is met


def test_a_rounded_percentage_would_have_said_met():
    """Why the rule exists: 333 of 500 shows as 67 %, as 200 of 300 does."""
    assert round(100 * 333 / 500) == round(100 * 200 / 300) == 67


def test_nobody_invited_never_meets():
    assert response_target.meets(0, 0, Fraction(2, 3)) is False


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2/3", Fraction(2, 3)),
        (" 2 / 3 ", Fraction(2, 3)),
        ("70%", Fraction(7, 10)),
        ("70", Fraction(7, 10)),
        ("66,5 %", Fraction(133, 200)),
        ("1/1", Fraction(1)),
    ],
)
def test_parse(text, value):
    assert response_target.parse(text) == value


@pytest.mark.parametrize("text", ["0", "4/3", "101", "2/0", "", "two thirds", "-5"])
def test_parse_refuses(text):
    with pytest.raises(ValueError):
        response_target.parse(text)


def test_label_and_stored_values():
    assert response_target.label(Fraction(2, 3)) == "2/3"
    assert response_target.label(Fraction(7, 10)) == "70%"
    assert response_target.from_stored("2/3") == Fraction(2, 3)
    assert response_target.from_stored(67) == Fraction(2, 3)  # old reports: 67 stood for 2/3
    assert response_target.from_stored(70) == Fraction(7, 10)


# --- through the service and the pages -------------------------------------------------------
def invite(survey_round, invited: int, responded: int, *, group="mentor") -> None:
    """``invited`` people invited to the round, the first ``responded`` of them responded."""
    tag = f"r{survey_round.pk}"
    people = Person.objects.bulk_create(
        Person(email=f"{tag}-{i}@example.org", first_name="P", last_name=f"{tag}-{i}")
        for i in range(invited)
    )
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(
            round=survey_round,
            person=person,
            key=f"{tag}-{i}",
            group=group,
            responded_at=now if i < responded else None,
        )
        for i, person in enumerate(people)
    )


@pytest.mark.django_db
def test_the_default_target_is_two_thirds(world):
    assert QualitySettings.for_partnership(world.a).response_target == Fraction(2, 3)


@pytest.mark.django_db
@pytest.mark.parametrize(("invited", "responded", "met"), EXAMPLES)
def test_response_rate_service_and_page(client, world, invited, responded, met):
    survey_round = mentor_round(world, status=RoundStatus.OPEN, opened_at=timezone.now())
    invite(survey_round, invited, responded)
    target = QualitySettings.for_partnership(world.a).response_target
    rates = round_rates(survey_round=survey_round, target=target)
    assert rates["overall"].meets_target is met
    assert [r.meets_target for r in rates["groups"]] == [met]
    assert rates["overall"].percent == SHOWN[invited, responded]

    client.force_login(world["stuurgroeplid"])
    overall = gettext(
        "%(n)s of %(total)s invitees have responded; the target is %(target)s of the invitees."
    ) % {"n": responded, "total": invited, "target": "2/3"}
    for name in ("round_rates", "round_detail"):
        page = client.get(
            reverse(f"quality:{name}", args=[world.a.slug, survey_round.pk])
        ).content.decode()
        assert overall in page
        assert (f"({gettext('target met')})" in page) is met
        assert (f"({gettext('below target')})" in page) is not met
        assert (gettext("The target is met.") in page) is met
        assert (gettext("The target is not met yet.") in page) is not met


@pytest.mark.django_db
@pytest.mark.parametrize(("invited", "responded", "met"), EXAMPLES)
def test_dashboard_card(client, world, invited, responded, met):
    survey_round = mentor_round(world, status=RoundStatus.OPEN, opened_at=timezone.now())
    invite(survey_round, invited, responded)
    client.force_login(world["programmamanager"])
    page = client.get(reverse("partnerships:dashboard", args=[world.a.slug])).content.decode()
    met_line = "%(title)s: %(percent)s%% responded (%(n)s of %(total)s; target %(target)s, met)"
    unmet_line = (
        "%(title)s: %(percent)s%% responded (%(n)s of %(total)s; target %(target)s, not met yet)"
    )
    values = {
        "title": survey_round.title,
        "percent": SHOWN[invited, responded],
        "n": responded,
        "total": invited,
        "target": "2/3",
    }
    assert gettext(met_line if met else unmet_line) % values in page
    assert gettext(unmet_line if met else met_line) % values not in page


@pytest.mark.django_db
def test_the_report_page_and_pdf_judge_exactly(client, world):
    titles = {}
    for invited, responded, met in EXAMPLES:
        survey_round = closed_round(
            world.a, invited=0, responded=0, title=f"Ronde {invited}-{responded}"
        )
        invite(survey_round, invited, responded, group="student")
        titles[survey_round.title] = (met, SHOWN[invited, responded])
    report = draft(world)
    frozen = {r["title"]: r for r in report.data["rounds"]}
    for title, (met, shown) in titles.items():
        assert frozen[title]["meets_target"] is met
        assert frozen[title]["rate"] == shown

    client.force_login(world["stuurgroeplid"])
    page = client.get(reverse("quality:report_detail", args=[world.a.slug, report.pk]))
    html = page.content.decode()
    caption = gettext(
        "Response per round and group (participation only); target %(t)s of the invitees"
    )
    assert caption % {"t": "2/3"} in html
    for source in (html, report_pdf_html(report)):
        for title, (met, _shown) in titles.items():
            assert verdict(source, title) == gettext("target met" if met else "below target")
    pdf = client.get(reverse("quality:report_pdf", args=[world.a.slug, report.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def verdict(html: str, title: str) -> str:
    """The verdict in the report's response table, on the round's total row."""
    row = re.search(
        rf'<tr class="fw-semibold"><th scope="row">{re.escape(title)}</th>.*?</tr>', html, re.S
    ).group(0)
    met, below = re.escape(gettext("target met")), re.escape(gettext("below target"))
    return re.search(rf"\(({met}|{below})\)", row).group(1)


def report_pdf_html(report) -> str:
    """The HTML the PDF is rendered from (the same document the PDF service renders)."""
    context = {
        **report_services.report_document(report),
        "draft": True,
        "printed_at": timezone.now(),
    }
    return report_services.render_to_pdf.__globals__["render_to_string"](
        report_services.PRINT_TEMPLATE, context
    )


def test_reports_drafted_with_a_percentage_are_judged_exactly():
    """A report frozen before the target was a fraction holds 67 (for 2/3): read exactly."""
    data = {
        "response_target": 67,
        "rounds": [
            {"title": "Oud", "invited": 300, "responded": 199, "rate": 66, "target": 67},
            {"title": "Oud 2", "invited": 300, "responded": 200, "rate": 67, "target": 67},
        ],
    }
    shown = display_data(data)
    assert shown["response_target_label"] == "2/3"
    assert [r["meets_target"] for r in shown["rounds"]] == [False, True]
