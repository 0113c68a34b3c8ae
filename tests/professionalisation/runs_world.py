"""The professionalisation part of the test world: an activity (by default the wpb basic
training, giving ``wpb_basis``), a run of it in partnership A around today, co-taught by A's
instituutsopleider and the co-docent of school1, with meetings, and enrolments."""

import datetime

from django.utils import timezone

from partnerships.glossary import QualificationKind, Role
from professionalisation.models import Activity, Enrolment, Meeting, Run
from tests.factories import academic_year


def activity(partnership, *, name="Wpb basic training", **fields) -> Activity:
    defaults = {
        "kind": "wpb_basis",
        "formality": "basis",
        "target_roles": [Role.WERKPLEKBEGELEIDER],
        "hours": 24,
        "qualification_kind": QualificationKind.WPB_BASIS,
    }
    found, _created = Activity.objects.get_or_create(
        partnership=partnership, name=name, defaults=defaults | fields
    )
    return found


def run(w, *, partnership=None, act=None, trainers=None, starts_in=-10, days=60, **fields) -> Run:
    partnership = partnership or w.a
    act = act or activity(partnership)
    today = timezone.localdate()
    starts_on = today + datetime.timedelta(days=starts_in)
    made = Run.objects.create(
        activity=act,
        academic_year=academic_year(academic_year().start_year_for(starts_on)),
        title=fields.pop("title", f"{act.name} {starts_on}"),
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=days),
        location=fields.pop("location", "Alfa College"),
        **fields,
    )
    if trainers is None and partnership == w.a:
        trainers = [w[Role.INSTITUUTSOPLEIDER], w[Role.CO_DOCENT]]
    made.trainers.set(trainers or [])
    return made


def meeting(r: Run, *, on=None, topic="") -> Meeting:
    return Meeting.objects.create(
        run=r,
        date=on or r.starts_on,
        starts_at=datetime.time(15, 0),
        ends_at=datetime.time(17, 0),
        topic=topic,
    )


def enrol(r: Run, person, **fields) -> Enrolment:
    return Enrolment.objects.create(run=r, person=person, enrolled_by=person, **fields)


def kwargs_run(w):
    return {"partnership": w.a.slug, "pk": run(w).pk}


def kwargs_run_b_under_a(w):
    return {"partnership": w.a.slug, "pk": run(w, partnership=w.b, trainers=[]).pk}


def kwargs_meeting(w):
    r = run(w)
    return {"partnership": w.a.slug, "pk": r.pk, "meeting": meeting(r).pk}


def kwargs_wpb_enrolment(w):
    r = run(w)
    return {"partnership": w.a.slug, "pk": enrol(r, w[Role.WERKPLEKBEGELEIDER]).pk}
