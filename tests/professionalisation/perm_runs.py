"""Permission rows for professionalisation activities, runs, enrolment, attendance, completion,
the needs inventory and the yearly overview.

VIEW_ACTIVITIES: all staff of A (not students). MANAGE_ACTIVITIES: the organisers (programme
manager, administrator). Attendance and completion: the organisers and the run's trainers
(A's instituutsopleider and school1's co-docent in ``runs_world``). Enrolling others: organisers
and schoolcoördinators. Cancelling: one's own enrolment, or one the user may make."""

from dataclasses import replace

from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    FORGED,
    GOVERNANCE,
    IC,
    MANAGERS,
    SC,
    SC2,
    STAFF,
    forged,
    in_a,
    post_invalid_rows,
    url_rows,
)
from tests.professionalisation.runs_world import (
    activity,
    kwargs_meeting,
    kwargs_run,
    kwargs_run_b_under_a,
    kwargs_wpb_enrolment,
    meeting,
    run,
)

NS = "professionalisation"
ORGANISERS = ("programmamanager", "administratief_ondersteuner")
TRAINERS = ("instituutsopleider", "co_docent")
ENROLLERS = (*ORGANISERS, SC, SC2)
WPB = "werkplekbegeleider"


def activity_a(w):
    return {"partnership": w.a.slug, "pk": activity(w.a).pk}


def activity_b_under_a(w):
    return {"partnership": w.a.slug, "pk": activity(w.b).pk}


def rows(name, kwargs, **kw):
    return url_rows(name, kwargs, namespace=NS, **kw)


def invalid(name, kwargs, **kw):
    return [replace(row, name=f"{NS}:{name}") for row in post_invalid_rows(name, kwargs, **kw)]


def bad(name, kwargs, method="get", variant="forged"):
    return forged(
        name, kwargs, namespace=NS, actor="programmamanager", method=method, variant=variant
    )


def kwargs_meeting_b_under_a(w):
    r = run(w, partnership=w.b, trainers=[])
    return {"partnership": w.a.slug, "pk": r.pk, "meeting": meeting(r).pk}


def kwargs_meeting_of_other_run(w):
    other = run(w, act=activity(w.a, name="Assessor training", qualification_kind="assessor"))
    return {"partnership": w.a.slug, "pk": run(w).pk, "meeting": meeting(other).pk}


LEADER = "leidinggevende"
NEEDS = (*ORGANISERS, SC, LEADER, IC, SC2)


def need_kwargs(org):
    return lambda w: {
        "partnership": w.a.slug,
        "organisation": getattr(w, org).pk,
        "year": academic_year().label,
    }


CANCEL_SCOPE = tuple(a for a in STAFF if a not in (*ORGANISERS, SC, WPB))

ROWS = [
    *rows("activity_list", in_a(), ok=STAFF),
    *rows("activity_create", in_a(), ok=ORGANISERS),
    *invalid("activity_create", in_a(), ok=ORGANISERS),
    *rows("activity_update", activity_a, ok=ORGANISERS),
    *invalid("activity_update", activity_a, ok=ORGANISERS, data={"name": ""}),
    *bad("activity_update", activity_b_under_a),
    *bad("activity_update", in_a(const={"pk": FORGED}), variant="missing"),
    *rows("run_list", in_a(), ok=STAFF),
    *rows("run_create", in_a(), ok=ORGANISERS),
    *invalid("run_create", in_a(), ok=ORGANISERS),
    *rows("run_detail", kwargs_run, ok=STAFF),
    *bad("run_detail", kwargs_run_b_under_a),
    *rows("run_update", kwargs_run, ok=ORGANISERS),
    *invalid("run_update", kwargs_run, ok=ORGANISERS),
    *bad("run_update", kwargs_run_b_under_a),
    *rows("meeting_create", kwargs_run, ok=ORGANISERS),
    *invalid("meeting_create", kwargs_run, ok=ORGANISERS),
    *rows("meeting_delete", kwargs_meeting, ok=ORGANISERS),
    *bad("meeting_delete", in_a(const={"pk": FORGED, "meeting": FORGED})),
    *rows("meeting_attendance", kwargs_meeting, ok=(*ORGANISERS, *TRAINERS)),
    *bad("meeting_attendance", kwargs_meeting_b_under_a),
    *bad("meeting_attendance", kwargs_meeting_of_other_run, variant="other_run"),
    *rows("run_enrol", kwargs_run, ok=STAFF),
    *bad("run_enrol", kwargs_run_b_under_a),
    *rows("run_enrol_person", kwargs_run, ok=ENROLLERS),
    *invalid("run_enrol_person", kwargs_run, ok=ENROLLERS),
    *bad("run_enrol_person", kwargs_run_b_under_a),
    *rows("run_complete", kwargs_run, ok=(*ORGANISERS, *TRAINERS)),
    *invalid("run_complete", kwargs_run, ok=(*ORGANISERS, *TRAINERS)),
    *bad("run_complete", kwargs_run_b_under_a),
    *rows(
        "enrolment_cancel",
        kwargs_wpb_enrolment,
        ok=(*ORGANISERS, SC, WPB),
        not_found=CANCEL_SCOPE,
    ),
    *bad("enrolment_cancel", in_a(const={"pk": FORGED})),
    *rows("need_list", in_a(), ok=NEEDS),
    *rows("need_edit", need_kwargs("school1"), ok=(*ORGANISERS, SC, LEADER), not_found=(IC, SC2)),
    *invalid(
        "need_edit",
        need_kwargs("school1"),
        ok=(*ORGANISERS, SC, LEADER),
        not_found=(IC, SC2),
        data={"count_werkplekbegeleider": "-1"},
    ),
    *rows(
        "need_edit",
        need_kwargs("school3"),
        ok=(*ORGANISERS, SC),
        not_found=(LEADER, IC, SC2),
        variant="cluster_school",
    ),
    *rows(
        "need_edit",
        need_kwargs("institute"),
        ok=(*ORGANISERS, IC),
        not_found=(SC, LEADER, SC2),
        variant="institute",
    ),
    *bad("need_edit", need_kwargs("school_b")),
    *bad(
        "need_edit",
        lambda w: {"partnership": w.a.slug, "organisation": w.school1.pk, "year": "2025-2027"},
        variant="bad_year",
    ),
    *rows("pro_overview", in_a(), ok=(*MANAGERS, *GOVERNANCE)),
    *rows("pro_overview_xlsx", in_a(), ok=(*MANAGERS, *GOVERNANCE)),
]
