"""The demo framework of partnership hos (quality.demo.framework): what it loads, that loading
again changes nothing, and that other partnerships are left alone."""

import datetime

import pytest

from partnerships.models import AcademicYear
from quality.demo import framework as demo_framework
from quality.models import (
    Ambition,
    CalendarItem,
    EvaluationFinding,
    Indicator,
    Instrument,
    InternalEvaluation,
    Risk,
)
from quality.services.register import evaluation_findings
from tests.factories import InstituteFactory, PartnershipFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2030, 3, 15)
MODELS = (
    Ambition,
    Indicator,
    Instrument,
    CalendarItem,
    Risk,
    InternalEvaluation,
    EvaluationFinding,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def hos():
    hos = PartnershipFactory(slug="hos", name="Haagse Opleidingsschool")
    for name in ("Segbroek College", "Heldring College", "Dalton", "Maerlant", "Zandvliet"):
        SchoolFactory(partnership=hos, name=name)
    InstituteFactory(partnership=hos, name="Hogeschool Rotterdam")
    PersonFactory(email="programmamanager@hos.example")
    PersonFactory(email="stagecoordinator@hos.example")
    PersonFactory(email="schoolcoordinator@hos.example")
    return hos


def test_demo_framework_loads_once(hos):
    other = PartnershipFactory(slug="other")
    assert demo_framework.load(other, TODAY) is None
    assert sum(counts().values()) == 0

    line = demo_framework.load(hos, TODAY)
    assert "instruments" in line
    first = counts()
    assert demo_framework.load(hos, TODAY) == line
    assert counts() == first

    assert first["Ambition"] == 4 and first["Indicator"] >= 8
    names = set(Instrument.objects.values_list("name", flat=True))
    assert {
        "Studentenenquête",
        "Enquête werkplekbegeleiders",
        "Inventarisatie uitval",
        "Intercollegiale visitatie",
    } <= names
    assert Instrument.objects.get(name="Intercollegiale visitatie").in_development
    assert not Instrument.objects.filter(survey__isnull=False).exists()
    for indicator in Indicator.objects.all():
        assert indicator.standards and indicator.instruments.exists(), indicator
    covered = {
        s for standards in Instrument.objects.values_list("standards", flat=True) for s in standards
    }
    assert covered == {1, 2, 3, 4}

    year = AcademicYear.current(TODAY)
    items = CalendarItem.objects.filter(academic_year=year)
    assert items.filter(due_date__lt=TODAY).exclude(status="done").count() == 0
    assert items.filter(due_date__gte=TODAY, status="planned").exists()
    assert items.filter(instrument__name="Studentenenquête").count() == 2

    assert first["Risk"] == 4
    last_year = AcademicYear.objects.get(start_year=year.start_year - 1)
    evaluations = InternalEvaluation.objects.filter(academic_year=last_year, status="submitted")
    assert evaluations.count() == 5
    assert evaluations.filter(organisation__kind="institute").count() == 1
    findings = evaluation_findings(partnership=hos, academic_year=last_year)
    assert len(findings) == 5 * 7 and any(f["for_partnership"] for f in findings)
