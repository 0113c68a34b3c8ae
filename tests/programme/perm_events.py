"""Permission rows for the programme events, sign-up and attendance. Wired into
``tests/partnerships/test_permissions.py`` with the other ``perm_*.py`` files.

Objects are made inside each row's kwargs (rolled back with the row's test): a published
practice day for hbo year 2 and wo ten days ahead (student1 is hbo 2) with one slot and one
session facilitated by A's co-docent; the same for today (attendance); an unpublished one; and
B's event, slot and session asked for under A (404). The superuser holds no student record, so
the student-only pages (sign-up, my programme) answer 403 for them."""

import dataclasses

from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    A_ACTORS,
    FORGED,
    GOVERNANCE,
    MANAGERS,
    OTHER_SCHOOL,
    SCHOOL1,
    Row,
    forged,
    post_invalid_rows,
    url_rows,
)
from tests.programme.events_world import practice_day

NS = "programme"
EVERYONE = A_ACTORS  # VIEW_PROGRAMME: every role of the partnership and its students
ORGANISERS = ("programmamanager", "administratief_ondersteuner")
FACILITATOR_ROLES = (
    "co_docent",
    "schoolopleider",
    "instituutsopleider",
    "schoolopleider_other_school",
)
GUIDES = (
    *MANAGERS,
    "werkplekbegeleider",
    "schoolopleider",
    "schoolcoordinator",
    "instituutsopleider",
    "instituutscoordinator",
    *OTHER_SCHOOL,
)
NOT_ORGANISERS = tuple(a for a in A_ACTORS if a not in ORGANISERS)
assert set(SCHOOL1) and set(GOVERNANCE)


def a(w):
    return {"partnership": w.a.slug}


def in_year(w):
    return {"partnership": w.a.slug, "year": academic_year().label}


def _day(w, **extra):
    event, slot, (session,) = practice_day(w.a, **extra)
    session.facilitators.add(w["co_docent"])
    return event, slot, session


def event_kw(w):
    return {"partnership": w.a.slug, "pk": _day(w)[0].pk}


def draft_kw(w):
    return {"partnership": w.a.slug, "pk": _day(w, is_published=False)[0].pk}


def today_kw(w):
    return {"partnership": w.a.slug, "pk": _day(w, days_ahead=0)[0].pk}


def slot_event_kw(w):
    return {"partnership": w.a.slug, "event": _day(w)[0].pk}


def slot_kw(w):
    return {"partnership": w.a.slug, "pk": _day(w)[1].pk}


def session_slot_kw(w):
    return {"partnership": w.a.slug, "slot": _day(w)[1].pk}


def session_kw(w):
    return {"partnership": w.a.slug, "pk": _day(w)[2].pk}


def b_object(index, key="pk"):
    return lambda w: {"partnership": w.a.slug, key: practice_day(w.b)[index].pk}


def b_session(w):
    return {"partnership": w.a.slug, "pk": practice_day(w.b)[2][0].pk}


def student_only(name, kwargs, **extra):
    """Rows of a student-only page: the superuser (no student record) gets 403 too."""
    rows = url_rows(name, kwargs, ok=("student",), namespace=NS, **extra)
    return [dataclasses.replace(r, expected=403) if r.actor == "superuser" else r for r in rows]


ROWS: list[Row] = [
    *url_rows("event_list", a, ok=EVERYONE, namespace=NS),
    *url_rows("event_list_year", in_year, ok=EVERYONE, namespace=NS),
    *url_rows("event_create", a, ok=ORGANISERS, namespace=NS),
    *[
        dataclasses.replace(r, name=f"{NS}:event_create")
        for r in post_invalid_rows("event_create", a, ok=ORGANISERS)
    ],
    *url_rows("event_detail", event_kw, ok=EVERYONE, namespace=NS),
    *url_rows(
        "event_detail",
        draft_kw,
        ok=ORGANISERS,
        not_found=NOT_ORGANISERS,
        variant="draft",
        namespace=NS,
    ),
    *forged("event_detail", b_object(0), namespace=NS),
    *url_rows("event_update", event_kw, ok=ORGANISERS, namespace=NS),
    *forged("event_update", b_object(0), actor="programmamanager", namespace=NS),
    *url_rows("event_publish", draft_kw, ok=ORGANISERS, ok_status=302, method="post", namespace=NS),
    *url_rows("slot_create", slot_event_kw, ok=ORGANISERS, namespace=NS),
    *forged("slot_create", b_object(0, "event"), actor="programmamanager", namespace=NS),
    *url_rows("slot_update", slot_kw, ok=ORGANISERS, namespace=NS),
    *forged("slot_update", b_object(1), actor="programmamanager", namespace=NS),
    *url_rows("slot_delete", slot_kw, ok=ORGANISERS, namespace=NS),
    *url_rows("slot_delete", slot_kw, ok=ORGANISERS, ok_status=302, method="post", namespace=NS),
    *forged("slot_delete", b_object(1), actor="programmamanager", method="post", namespace=NS),
    *url_rows("session_create", session_slot_kw, ok=ORGANISERS, namespace=NS),
    *forged("session_create", b_object(1, "slot"), actor="programmamanager", namespace=NS),
    *url_rows("session_update", session_kw, ok=ORGANISERS, namespace=NS),
    *forged("session_update", b_session, actor="programmamanager", namespace=NS),
    *url_rows("session_delete", session_kw, ok=ORGANISERS, namespace=NS),
    *forged("session_delete", b_session, actor="programmamanager", method="post", namespace=NS),
    *student_only("signup", event_kw),
    *forged("signup", b_object(0), actor="student", namespace=NS),
    *url_rows(
        "attendance",
        today_kw,
        ok=(*ORGANISERS, "co_docent"),
        not_found=tuple(r for r in FACILITATOR_ROLES if r != "co_docent"),
        namespace=NS,
    ),
    *url_rows(
        "attendance",
        today_kw,
        ok=(*ORGANISERS,),
        not_found=FACILITATOR_ROLES,  # co_docent: student2 is in no session of theirs
        ok_status=302,
        method="post",
        data=lambda w: {"student": w.student2.pk, "status": "present"},
        variant="record",
        namespace=NS,
    ),
    *forged("attendance", b_object(0), actor="programmamanager", namespace=NS),
    *forged(
        "attendance",
        lambda w: {"partnership": w.a.slug, "pk": FORGED},
        variant="unknown",
        actor="co_docent",
        namespace=NS,
    ),
    *url_rows("attendance_overview", a, ok=GUIDES, namespace=NS),
    *student_only("my_programme", a),
]
