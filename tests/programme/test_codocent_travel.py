"""Co-docent travel (002 §6.5 "per bijeenkomst: 1 uur reistijd"), a norm per partnership:
"per meeting" (default) or "once per event day". EXAMPLES.md: 2 work meetings (×1.7) and 1
intervision (×1.4) on three days → 10.2 h; on one day per meeting → 10.2 h; on one day once
per event day → 8.2 h. Through the pure module, the page, the norms form and the export."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from partnerships.models import AcademicYear
from programme.codocent_hours import PER_EVENT_DAY, PER_MEETING, Norms, SessionWork, person_hours
from programme.models import CoDocentNorms
from tests.programme.groups_world import event, session

NORMS = {
    "meeting_hours": D("1.5"),
    "factors": {"workshop": D("1.0"), "intervision": D("1.4"), "work_meeting": D("1.7")},
    "travel_hours": D("1"),
    "packages": {},
}
DAY = datetime.date(2026, 11, 4)
OTHER_DAYS = [DAY, DAY + datetime.timedelta(days=7), DAY + datetime.timedelta(days=14)]
KINDS = ["work_meeting", "work_meeting", "intervision"]


def example(days) -> list[SessionWork]:
    return [
        SessionWork(person=1, event=10 + i, session=100 + i, kind=kind, day=day)
        for i, (kind, day) in enumerate(zip(KINDS, days, strict=True))
    ]


@pytest.mark.parametrize(
    ("rule", "days", "total", "journeys"),
    [
        (PER_MEETING, OTHER_DAYS, D("10.2"), 3),
        (PER_EVENT_DAY, OTHER_DAYS, D("10.2"), 3),
        (PER_MEETING, [DAY] * 3, D("10.2"), 3),
        (PER_EVENT_DAY, [DAY] * 3, D("8.2"), 1),
    ],
)
def test_the_examples(rule, days, total, journeys):
    hours = person_hours(example(days), [], Norms(**NORMS, travel_rule=rule))[1]
    assert hours.session_hours == D("7.2")  # 2.55 + 2.55 + 2.1
    assert hours.total == total
    assert hours.journeys == journeys


def test_the_default_rule_is_per_meeting():
    assert Norms(**NORMS).travel_rule == PER_MEETING
    one_event = [SessionWork(1, 10, 100 + i, kind) for i, kind in enumerate(KINDS)]
    assert person_hours(one_event, [], Norms(**NORMS))[1].total == D("10.2")


def test_once_per_event_day_joins_two_events_on_one_day():
    """Two events (a morning and an afternoon) on one date are one journey."""
    work = [SessionWork(1, 10, 100, "workshop", DAY), SessionWork(1, 11, 110, "workshop", DAY)]
    hours = person_hours(work, [], Norms(**NORMS, travel_rule=PER_EVENT_DAY))[1]
    assert (hours.events, hours.journeys, hours.travel_hours) == (2, 1, D("1"))


# --- through the pages -----------------------------------------------------------------------
def url(w, name):
    return reverse(f"programme:{name}", kwargs={"partnership": w.a.slug})


def give_the_example(world, *, same_day: bool):
    start = AcademicYear.current().start_date + datetime.timedelta(days=60)
    for i, kind in enumerate(KINDS):
        day = start if same_day else start + datetime.timedelta(days=7 * i)
        session(event(world.a, day=day), kind=kind, facilitators=[world["co_docent"]])


def rule_norms(world, rule):
    CoDocentNorms.objects.update_or_create(partnership=world.a, defaults={"travel_rule": rule})


def hours_on_page(client, world):
    response = client.get(url(world, "codocent_hours"))
    [(_person, _school, hours)] = response.context["table"].people
    return hours, response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("same_day", "rule", "total", "travel"),
    [
        (False, "per_meeting", D("10.2"), "3"),
        (True, "per_meeting", D("10.2"), "3"),
        (True, "per_event_day", D("8.2"), "1"),
    ],
)
def test_the_page_and_export_show_the_examples(client, world, same_day, rule, total, travel):
    give_the_example(world, same_day=same_day)
    rule_norms(world, rule)
    client.force_login(world["stuurgroeplid"])
    hours, page = hours_on_page(client, world)
    assert hours.total == total
    assert f'<td class="text-end fw-semibold">{total}'.replace(".", ",") in page
    words = {
        "per_meeting": gettext(
            "Travel counts %(t)s hours per meeting: every session a co-docent gives adds it, "
            "also several on one day."
        ),
        "per_event_day": gettext(
            "Travel counts %(t)s hours once per event day, however many sessions a co-docent "
            "gives that day."
        ),
    }
    sentence = words[rule] % {"t": "1"}
    assert sentence in page

    book = load_workbook(
        io.BytesIO(client.get(url(world, "codocent_hours_xlsx")).content), read_only=True
    )
    people = list(book.worksheets[0].iter_rows(values_only=True))
    assert D(str(people[1][-1])) == total
    assert D(str(people[1][5])) == D(travel)  # travel hours
    norms = dict(list(book.worksheets[2].iter_rows(values_only=True))[1:])
    labels = {"per_meeting": gettext("per meeting"), "per_event_day": gettext("once per event day")}
    assert norms[gettext("travel counts")] == labels[rule]
    assert sentence in norms[gettext("The rule in words")]


@pytest.mark.django_db
def test_the_rule_is_edited_with_the_other_norms_and_defaults_to_per_meeting(client, world):
    give_the_example(world, same_day=True)
    client.force_login(world["programmamanager"])
    form = client.get(url(world, "codocent_norms")).context["form"]
    assert form.initial["travel_rule"] == "per_meeting"
    fields = {
        "meeting_hours": "1.5",
        "workshop_factor": "1",
        "intervision_factor": "1.4",
        "work_meeting_factor": "1.7",
        "travel_hours": "1",
        "travel_rule": "per_event_day",
        "hbo_year_1_package": "48",
        "wpb_training_package": "35",
    }
    assert client.post(url(world, "codocent_norms"), fields).status_code == 302
    assert CoDocentNorms.objects.get(partnership=world.a).travel_rule == "per_event_day"
    assert hours_on_page(client, world)[0].total == D("8.2")
    bad = client.post(url(world, "codocent_norms"), fields | {"travel_rule": "per_week"})
    assert "travel_rule" in bad.context["form"].errors
    client.post(url(world, "codocent_norms"), fields | {"travel_rule": "per_meeting"})
    assert hours_on_page(client, world)[0].total == D("10.2")
