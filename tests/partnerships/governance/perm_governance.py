"""Permission rows for governance (issue 16). Wired into ``tests/partnerships/test_permissions.py``.

Readers: the managers and the bodies' members (steering group, board council, working group);
secretaries (programme manager, administrative support) keep bodies and meetings; the programme
manager edits the plan; the programme manager and the steering group adopt it. An action's status
may be set by its owner (here: the working group member) or a secretary — anyone else with a role
gets 403. Objects are made inside each row (rolled back with the row's test)."""

import datetime

from django.utils import timezone

from partnerships.governance import services
from partnerships.governance.models import AgendaItem, Body, GovernanceAction, Meeting
from tests.factories import academic_year
from tests.partnerships.test_permissions import A_ACTORS, GOVERNANCE, MANAGERS, Row, url_rows

READERS = (*MANAGERS, *GOVERNANCE)
SECRETARIES = ("programmamanager", "administratief_ondersteuner")
EDITORS = ("programmamanager",)
ADOPTERS = ("programmamanager", "stuurgroeplid")
NS = "governance"


def _body(w):
    return Body.objects.get_or_create(
        partnership=w.a, name="Stuurgroep", defaults={"kind": "stuurgroep", "meetings_per_year": 6}
    )[0]


def _meeting(w):
    body = _body(w)
    meeting = Meeting.objects.filter(body=body).first()
    if meeting is None:
        meeting = services.meeting_plan(
            meeting=Meeting(body=body, starts_at=timezone.now() + datetime.timedelta(days=7)),
            by=w["programmamanager"],
        )
    return meeting


def body(w):
    return {"partnership": w.a.slug, "pk": _body(w).pk}


def member(w):
    b = _body(w)
    m = b.members.get_or_create(person=w["stuurgroeplid"])[0]
    return {"partnership": w.a.slug, "pk": b.pk, "member": m.pk}


def meeting(w):
    return {"partnership": w.a.slug, "pk": _meeting(w).pk}


def item(w):
    m = _meeting(w)
    i = AgendaItem.objects.create(
        meeting=m, title="Stuk", document_name="stuk.txt", document=b"x", document_type="text/plain"
    )
    return {"partnership": w.a.slug, "pk": m.pk, "item": i.pk}


def action(w):
    m = _meeting(w)
    a = GovernanceAction.objects.create(
        meeting=m,
        text="Bel de scholen",
        owner=w["werkgroeplid"],
        due_date=datetime.date(2027, 1, 1),
    )
    return {"partnership": w.a.slug, "pk": a.pk}


def plan(w):
    version = services.plan_create(partnership=w.a, year=academic_year(), by=w["programmamanager"])
    return {"partnership": w.a.slug, "pk": version.pk}


def chapter(w):
    return plan(w) | {"key": "2.3"}


def a_only(w):
    return {"partnership": w.a.slug}


def rows(name, kwargs, **options):
    return url_rows(name, kwargs, namespace=NS, **options)


POST = {"method": "post"}

ROWS: list[Row] = [
    *rows("overview", a_only, ok=READERS),
    *rows("body_create", a_only, ok=SECRETARIES),
    *rows("body_detail", body, ok=READERS),
    *rows("body_update", body, ok=SECRETARIES),
    *rows("member_create", body, ok=SECRETARIES),
    *rows("member_update", member, ok=SECRETARIES),
    *rows("meeting_create", body, ok=SECRETARIES),
    *rows("meeting_detail", meeting, ok=READERS),
    *rows("meeting_update", meeting, ok=SECRETARIES),
    *rows("meeting_ics", meeting, ok=READERS),
    *rows("item_create", meeting, ok=SECRETARIES),
    *rows("item_update", item, ok=SECRETARIES),
    *rows("item_document", item, ok=READERS),
    *rows("minutes_save", item, ok=SECRETARIES, ok_status=302, data={"minutes": "x"}, **POST),
    *rows("agenda_send", meeting, ok=SECRETARIES, ok_status=302, **POST),
    *rows("attendance_save", meeting, ok=SECRETARIES, ok_status=302, **POST),
    *rows("decision_create", meeting, ok=SECRETARIES, ok_status=302, data={"text": "x"}, **POST),
    *rows("action_create", meeting, ok=SECRETARIES, ok_status=302, **POST),
    *rows("minutes_approve", meeting, ok=SECRETARIES, ok_status=302, **POST),
    *rows("decision_list", a_only, ok=READERS),
    *rows("action_list", a_only, ok=READERS),
    *rows(
        "action_status",
        action,
        ok=(*SECRETARIES, "werkgroeplid"),
        ok_status=302,
        data={"status": "done"},
        actors=A_ACTORS,
        **POST,
    ),
    *rows("plan_list", a_only, ok=READERS),
    *rows("plan_create", a_only, ok=EDITORS, ok_status=302, data={"year": "2026-2027"}, **POST),
    *rows("plan_detail", plan, ok=READERS),
    *rows("chapter_edit", chapter, ok=EDITORS),
    *rows("plan_adopt", plan, ok=ADOPTERS),
    *rows("plan_pdf", plan, ok=READERS),
    *rows("plan_compare", plan, ok=READERS),
]
