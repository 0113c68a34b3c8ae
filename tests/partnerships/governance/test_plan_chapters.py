"""The plan's chapters assembled from live data (issue 16, item 4): every app registers its
providers in ``partnerships.governance.registry``; a drafted version shows the figures of the
moment (placement procedure and calendar, facilitation norms, programme, professionalisation
activities and compliance, training hours, quality framework, instruments, calendar, actions,
risks); adoption freezes them in the chapters and the PDF, and later changes to the data do not
reach an adopted version — a draft follows them."""

import datetime
import re

import pytest
from django.utils import timezone

from partnerships.governance import registry, selectors, services
from partnerships.governance.chapters import BY_KEY
from partnerships.governance.models import Body, Meeting
from placements import services as placement_services
from placements.choices import StepStatus
from placements.models import FacilitationNorm, ProcedureStep
from programme.models import Event
from quality.models import CalendarItem, Target
from quality.targets import COMPLIANCE, parse_value
from tests.factories import academic_year
from tests.professionalisation.runs_world import activity, run
from tests.quality.factories import (
    AmbitionFactory,
    ImprovementActionFactory,
    IndicatorFactory,
    InstrumentFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    """Partnership A with something of every kind a chapter reads."""
    pm, year = world["programmamanager"], academic_year()
    placement_services.procedure_generate(partnership=world.a, year=year)
    step = ProcedureStep.objects.filter(partnership=world.a, academic_year=year).first()
    placement_services.procedure_step_set_status(step=step, status="done", note="", by=pm)
    placement_services.facilitation_norms_ensure(partnership=world.a, year=year)
    FacilitationNorm.objects.filter(partnership=world.a, academic_year=year, category="1").update(
        wpb_hours=41
    )
    event = Event.objects.create(
        partnership=world.a,
        academic_year=year,
        kind="practice_day",
        title="Praktijkdag Zuid",
        date=timezone.localdate() + datetime.timedelta(days=20),
        starts_at=datetime.time(9),
        ends_at=datetime.time(16),
        is_published=True,
        audience_hbo_years=[2, 3],
    )
    run(world, act=activity(world.a, name="Basistraining wpb"))  # in this school year
    indicator = IndicatorFactory(
        ambition=AmbitionFactory(partnership=world.a, title="Studenten leren in de school"),
        question="Krijgt elke student een gecertificeerde wpb?",
    )
    Target.objects.create(
        partnership=world.a,
        indicator=indicator,
        measure=COMPLIANCE,
        value=str(parse_value("50%", COMPLIANCE)),
        academic_year=year,
    )
    instrument = InstrumentFactory(partnership=world.a, name="KOOS-zelfevaluatie")
    instrument.indicators.add(indicator)
    CalendarItem.objects.create(
        partnership=world.a,
        academic_year=year,
        instrument=instrument,
        month=3,
        target_group="students",
        responsible_role="programmamanager",
        due_date=datetime.date(year.start_year + 1, 3, 31),
    )
    risk = RiskFactory(partnership=world.a, title="Krimp van het leerlingenaantal", owner=pm)
    ImprovementActionFactory(partnership=world.a, title="Respons verhogen", owner=pm)
    return year, event, risk, step


def chapters(version) -> dict[str, str]:
    document = selectors.plan_document(version)
    return {c["key"]: str(c["data_html"]) for c in document["chapters"]}


def cells(html: str) -> list[str]:
    return re.findall(r"<td>(.*?)</td>", html)


def test_every_data_source_has_a_provider():
    sources = {s for chapter in BY_KEY.values() for s in chapter.sources}
    assert sources <= set(registry.CHAPTER_PROVIDERS), sources - set(registry.CHAPTER_PROVIDERS)


def test_a_draft_holds_the_live_figures_and_an_adopted_version_keeps_them(world, data):
    year, event, risk, _step = data
    pm = world["programmamanager"]
    body = Body.objects.create(partnership=world.a, kind="stuurgroep", name="Stuurgroep")
    meeting = Meeting.objects.create(body=body, starts_at=timezone.now(), status="held")
    version = services.plan_create(partnership=world.a, year=year, by=pm)
    live = chapters(version)
    steps = cells(live["2.5"])
    assert steps.count(str(StepStatus.DONE.label)) == 1 and str(StepStatus.OPEN.label) in steps
    assert "Praktijkdag Zuid" in cells(live["2.6"]) and "hbo-jaar 2, 3" in cells(live["2.6"])
    assert "41" in cells(live["2.8"])  # the changed norm of category 1
    assert "Basistraining wpb" in cells(live["3.4"]) and world.school1.name in cells(live["3.4"])
    assert "scholingsuren" in live["3.5"]
    framework = cells(live["4.3"])
    assert framework.count("Krijgt elke student een gecertificeerde wpb?") == 2  # and its target
    assert "≥ 50%" in framework or "≥ 50,0%" in framework
    assert "KOOS-zelfevaluatie" in cells(live["4.4"]) and "maart" in cells(live["4.4"])
    assert "KOOS-zelfevaluatie" in cells(live["4.5"])
    assert "Respons verhogen" in cells(live["4.6"])
    assert "Krimp van het leerlingenaantal" in cells(live["4.7"]) and "12 (3 × 4)" in live["4.7"]
    assert "Deze cijfers konden niet worden samengesteld" not in "".join(live.values())

    # While it is a draft the chapters follow the data.
    Event.objects.filter(pk=event.pk).update(title="Praktijkdag Noord")
    live = chapters(version)
    assert "Praktijkdag Noord" in cells(live["2.6"])

    services.plan_adopt(version=version, meeting=meeting, by=pm)
    version.refresh_from_db()
    assert bytes(version.pdf).startswith(b"%PDF")
    adopted = chapters(version)
    assert adopted == live  # frozen as they were at adoption
    assert "Praktijkdag Noord" in version.chapters.get(key="2.6").frozen_data

    # The data changes afterwards: the adopted version does not.
    Event.objects.filter(pk=event.pk).update(title="Praktijkdag Oost")
    risk.title = "Bezuinigingen"
    risk.save()
    FacilitationNorm.objects.filter(partnership=world.a, category="1").update(wpb_hours=44)
    placement_services.procedure_generate(partnership=world.b, year=year)
    assert chapters(version) == adopted


def test_a_broken_provider_does_not_break_the_plan(world, data, monkeypatch):
    year = data[0]

    def broken(partnership, year):
        raise RuntimeError("kapot")

    monkeypatch.setitem(registry.CHAPTER_PROVIDERS, "risks", [broken])
    version = services.plan_create(partnership=world.a, year=year, by=world["programmamanager"])
    live = chapters(version)
    assert "Deze cijfers konden niet worden samengesteld" in live["4.7"]
    assert "Praktijkdag Zuid" in live["2.6"]
