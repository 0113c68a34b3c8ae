"""Permission rows for the guidance logs. Wired into ``tests/partnerships/test_permissions.py``
with the other ``perm_*.py`` files.

student1's placement at school1 (guided by A's wpb, schoolopleider and instituutsopleider) and
its entries are made inside each row's kwargs. Every role opens the door to guidance, so that
everyone who is not the student or one of the three guides — managers, the school's own
coordinator, another school's staff, other students — gets 404, as for a forged id. Only the
guides record a talk; the student records a pair observation and writes a reflection. The
norms and the observation frames are the stagecoördinator's and programme manager's."""

import datetime

from placements.models import GuidanceEntry, ObservationFrame
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    A_ACTORS,
    FORGED,
    IO,
    Row,
    forged,
    url_rows,
)
from tests.placements.guidance.guidance_world import entry_of, guided
from tests.placements.transfer.transfer_world import placement

NS = "placements"
PLANNERS = ("stagecoordinator", "programmamanager")
GUIDES = ("werkplekbegeleider", "schoolopleider", IO)
READERS = (*GUIDES, "student")
OTHERS = tuple(a for a in A_ACTORS if a not in READERS)


def rows(name, kwargs, *, ok, forbidden=(), ok_status=200, method="get", data=None, variant=""):
    """``ok`` get ``ok_status``, ``forbidden`` (readers who may not do this) 403, every other
    actor of A 404; the superuser — a manager, not a guide — 404 as well."""
    out = url_rows(
        name,
        kwargs,
        ok=ok,
        not_found=[a for a in A_ACTORS if a not in ok and a not in forbidden],
        ok_status=ok_status,
        method=method,
        data=data,
        variant=variant,
        namespace=NS,
    )
    return [
        Row(r.name, r.kwargs, r.actor, 404, method=r.method, data=r.data, variant=r.variant)
        if r.actor == "superuser"
        else r
        for r in out
    ]


def log(w):
    return {"partnership": w.a.slug, "pk": guided(w).pk}


def new(kind):
    return lambda w: {"partnership": w.a.slug, "pk": guided(w).pk, "kind": kind}


def entry(kind="talk"):
    return lambda w: {"partnership": w.a.slug, "pk": entry_of(w, kind).pk}


def portfolio(w):
    entry_of(w, "observation", attachment=False)
    return {"partnership": w.a.slug, "student": w.student1.pk}


def proposed(w):
    """A proposed placement has no guidance log yet, not even for its guides."""
    return {"partnership": w.a.slug, "pk": guided(w, status="proposed").pk}


def no_file(w):
    return {"partnership": w.a.slug, "pk": entry_of(w, attachment=False).pk}


def b_placement(w):
    return {"partnership": w.a.slug, "pk": placement(w.student_b, w.school_b).pk}


def b_entry(w):
    p = placement(w.student_b, w.school_b)
    return {
        "partnership": w.a.slug,
        "pk": GuidanceEntry.objects.create(placement=p, kind="talk", date=datetime.date.today()).pk,
    }


def b_frame(w):
    return {
        "partnership": w.a.slug,
        "pk": ObservationFrame.objects.create(partnership=w.b, name="B", scale=["a", "b"]).pk,
    }


def a_frame(w):
    return {
        "partnership": w.a.slug,
        "pk": ObservationFrame.objects.create(partnership=w.a, name="A", scale=["a", "b"]).pk,
    }


TALK = {"date": "2026-12-01", "participants": ["student"], "notes": "Goed gesprek."}
PAIR = {"date": "2026-12-01", "others": "Daan (koppel)", "notes": "Geobserveerd."}

ROWS: list[Row] = [
    *rows("guidance_log", log, ok=READERS),
    *rows("guidance_log", proposed, ok=(), variant="proposed"),
    *rows("guidance_new", new("talk"), ok=GUIDES, forbidden=("student",)),
    *rows("guidance_new", new("pair_observation"), ok=READERS, variant="pair"),
    *rows(
        "guidance_new",
        new("talk"),
        ok=GUIDES,
        forbidden=("student",),
        ok_status=302,
        method="post",
        data=TALK,
    ),
    *rows(
        "guidance_new",
        new("pair_observation"),
        ok=READERS,
        ok_status=302,
        method="post",
        data=PAIR,
        variant="pair",
    ),
    *rows("guidance_entry", entry(), ok=READERS),
    *rows("guidance_entry", entry("observation"), ok=READERS, variant="observation"),
    *rows(
        "guidance_entry",
        entry(),
        ok=("student",),
        forbidden=GUIDES,
        ok_status=302,
        method="post",
        data={"reflection": "Ik leerde veel."},
    ),
    *rows("guidance_attachment", entry(), ok=READERS),
    *rows("guidance_observations_pdf", portfolio, ok=READERS),
    *url_rows("guidance_frames", lambda w: {"partnership": w.a.slug}, ok=PLANNERS, namespace=NS),
    *url_rows("guidance_frame_new", lambda w: {"partnership": w.a.slug}, ok=PLANNERS, namespace=NS),
    *url_rows("guidance_frame", a_frame, ok=PLANNERS, namespace=NS),
    *url_rows(
        "guidance_norms",
        lambda w: {"partnership": w.a.slug, "year": academic_year().label},
        ok=PLANNERS,
        namespace=NS,
    ),
    # --- forged ids, other partnerships' objects, unknown kinds --------------------------------
    *forged("guidance_log", b_placement, "b_placement", actor="student", namespace=NS),
    *forged("guidance_log", lambda w: {"partnership": w.a.slug, "pk": FORGED}, namespace=NS),
    *forged("guidance_new", new("gossip"), "kind", actor="werkplekbegeleider", namespace=NS),
    *forged("guidance_entry", b_entry, "b_entry", actor="werkplekbegeleider", namespace=NS),
    *forged("guidance_entry", lambda w: {"partnership": w.a.slug, "pk": FORGED}, namespace=NS),
    *forged("guidance_attachment", no_file, "no_file", actor="student", namespace=NS),
    *forged(
        "guidance_observations_pdf",
        lambda w: {"partnership": w.a.slug, "student": w.student_b.pk},
        "b_student",
        actor="student",
        namespace=NS,
    ),
    *forged("guidance_frame", b_frame, "b_frame", namespace=NS),
]
