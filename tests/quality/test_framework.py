"""The quality framework: ambitions, indicators and instruments through their pages and
services, the NVAO matrix, and the instrument list's query count."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from partnerships.models import AuditEntry
from quality.models import Ambition, Indicator, Instrument
from quality.services import framework as services
from tests.quality.factories import (
    AmbitionFactory,
    IndicatorFactory,
    InstrumentFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"quality:{name}", args=[world.a.slug, *args])


def test_framework_page_shows_ambitions_indicators_and_flags_uncovered_standards(client, world):
    ambition = AmbitionFactory(partnership=world.a, title="Samen opleiden")
    indicator = IndicatorFactory(ambition=ambition, question="Know the vision?", standards=[1, 2])
    survey = InstrumentFactory(partnership=world.a, name="Studentenenquête", standards=[1, 2])
    survey.indicators.add(indicator)
    InstrumentFactory(partnership=world.a, name="Retired panel", standards=[3], is_active=False)
    InstrumentFactory(partnership=world.b, name="B report", standards=[3, 4])
    client.force_login(world["schoolopleider"])
    response = client.get(url(world, "framework"))
    html = response.content.decode()
    assert "Samen opleiden" in html and "Know the vision?" in html and "Studentenenquête" in html
    covered = {row["standard"]: row["covered"] for row in response.context["matrix"]}
    assert covered == {1: True, 2: True, 3: False, 4: False}  # inactive and B's do not count
    assert escape(gettext("No instrument — not covered")) in html
    assert url(world, "ambition_create") not in html  # reading only


def test_programme_manager_builds_the_framework(client, world):
    client.force_login(world["programmamanager"])
    response = client.post(url(world, "ambition_create"), {"title": "Quality culture", "order": 1})
    assert response.status_code == 302
    ambition = Ambition.objects.get(partnership=world.a)
    response = client.post(
        url(world, "indicator_create", ambition.pk),
        {"question": "Do actions help?", "standards": ["4", "2", "4"], "order": 0},
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(ambition=ambition)
    assert indicator.standards == [2, 4]
    survey = SurveyFactory(partnership=world.a, name="Studentenenquête")
    response = client.post(
        url(world, "instrument_create"),
        {
            "name": "Studentenenquête",
            "kind": "survey",
            "target_group": "students",
            "responsible_role": "programmamanager",
            "frequency": "half_yearly",
            "months": ["6", "1"],
            "standards": ["2"],
            "indicators": [indicator.pk],
            "survey": survey.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    instrument = Instrument.objects.get(partnership=world.a)
    assert (instrument.months, instrument.standards, instrument.survey) == ([1, 6], [2], survey)
    assert list(instrument.indicators.all()) == [indicator]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "quality.ambition_create",
        "quality.indicator_create",
        "quality.instrument_create",
    } <= actions


def test_instrument_form_rejects_bad_input_and_other_partnerships_choices(client, world):
    InstrumentFactory(partnership=world.a, name="Studentenenquête")
    b_survey = SurveyFactory(partnership=world.b)
    b_indicator = IndicatorFactory(ambition=AmbitionFactory(partnership=world.b))
    client.force_login(world["programmamanager"])
    response = client.post(
        url(world, "instrument_create"),
        {
            "name": "Studentenenquête",
            "kind": "survey",
            "target_group": "students",
            "responsible_role": "nobody",
            "frequency": "yearly",
            "months": ["7"],
            "standards": ["5"],
            "indicators": [b_indicator.pk],
            "survey": b_survey.pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {
        "name",
        "responsible_role",
        "months",
        "standards",
        "indicators",
        "survey",
    }
    assert Instrument.objects.filter(partnership=world.a).count() == 1


def test_instrument_service_checks_the_partnership(world):
    other = SurveyFactory(partnership=world.b)
    instrument = InstrumentFactory.build(partnership=world.a, survey=other)
    with pytest.raises(ValidationError) as exc:
        services.instrument_save(instrument=instrument, by=world["programmamanager"])
    assert "survey" in exc.value.error_dict
    instrument = InstrumentFactory.build(partnership=world.a, months=[13])
    with pytest.raises(ValidationError):
        services.instrument_save(instrument=instrument, by=world["programmamanager"])
    assert not Instrument.objects.filter(partnership=world.a).exists()


def test_edit_and_delete(client, world):
    ambition = AmbitionFactory(partnership=world.a, title="Old title")
    indicator = IndicatorFactory(ambition=ambition)
    instrument = InstrumentFactory(partnership=world.a)
    instrument.indicators.add(indicator)
    client.force_login(world["programmamanager"])
    client.post(url(world, "ambition_update", ambition.pk), {"title": "New title", "order": 2})
    ambition.refresh_from_db()
    assert ambition.title == "New title"
    response = client.get(url(world, "indicator_delete", indicator.pk))
    assert indicator.question in response.content.decode()
    assert client.post(url(world, "indicator_delete", indicator.pk)).status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    IndicatorFactory(ambition=ambition)
    client.post(url(world, "ambition_delete", ambition.pk))
    assert not Ambition.objects.filter(pk=ambition.pk).exists()
    assert not Indicator.objects.filter(ambition_id=ambition.pk).exists()
    assert Instrument.objects.filter(pk=instrument.pk).exists()


def test_instrument_update_keeps_its_own_name(client, world):
    instrument = InstrumentFactory(partnership=world.a, name="Panel", months=[10])
    client.force_login(world["programmamanager"])
    response = client.post(
        url(world, "instrument_update", instrument.pk),
        {
            "name": "Panel",
            "kind": "panel",
            "target_group": "mentors",
            "responsible_role": "schoolcoordinator",
            "frequency": "half_yearly",
            "months": ["10", "2"],
            "in_development": "on",
        },
    )
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.months == [2, 10] and instrument.in_development
    assert not instrument.is_active


def test_instrument_list_query_count_does_not_grow(client, world):
    client.force_login(world["stuurgroeplid"])
    ambition = AmbitionFactory(partnership=world.a)
    counts = []
    made = 0
    for total in (1, 10, 50):
        for _n in range(made, total):
            instrument = InstrumentFactory(
                partnership=world.a, survey=SurveyFactory(partnership=world.a)
            )
            instrument.indicators.add(IndicatorFactory(ambition=ambition))
        made = total
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(world, "instrument_list"))
        assert len(response.context["instruments"]) == total
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_framework_page_query_count_does_not_grow(client, world):
    client.force_login(world["programmamanager"])
    counts = []
    for _round in range(3):
        ambition = AmbitionFactory(partnership=world.a)
        for _n in range(5):
            indicator = IndicatorFactory(ambition=ambition)
            InstrumentFactory(partnership=world.a).indicators.add(indicator)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url(world, "framework"))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
