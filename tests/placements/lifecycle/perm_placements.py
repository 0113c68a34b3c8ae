"""Permission rows for the placement pages (list, detail, lifecycle steps, new placement) and the
procedure calendar. Wired into ``tests/partnerships/test_permissions.py`` by the lead.

The objects are made inside each row's kwargs (rolled back with the row's test): a placement of
student1 at school1 (institute1, guided by A's wpb), one of student2 at school2 and one in
partnership B, each put in the status its step needs; procedure steps 13 (owner:
schoolcoördinator) and 1 (owner: stagecoördinator) of A's year and step 13 of B's."""

from placements.calendar.procedure import STEPS, due_dates
from placements.models import Placement, ProcedureStep
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    FORGED,
    IC,
    IO,
    MANAGERS,
    OTHER_SCHOOL,
    SC,
    SC2,
    SCHOOL1_LEADS,
    SO2,
    WPB2,
    Row,
    forged,
    has_form_errors,
    url_rows,
)

YEAR = 2026
LABEL = f"{YEAR}-{YEAR + 1}"
PLANNERS = ("stagecoordinator", "programmamanager")
MANAGE = (*PLANNERS, SC)  # on school1's placements; an instituutscoördinator only some steps
VIEW_PLACEMENTS = (*MANAGERS, *SCHOOL1_LEADS, "werkplekbegeleider", IO, IC, "student")
NS = {"namespace": "placements"}


def _placement(student, school, status="proposed") -> Placement:
    placement, _created = Placement.objects.get_or_create(
        student=student,
        academic_year=academic_year(YEAR),
        start="september",
        defaults={
            "school": school,
            "subject": student.subject,
            "stage": "onderbouw",
            "level": "hbo",
        },
    )
    if placement.status != status:
        Placement.objects.filter(pk=placement.pk).update(status=status)
    return placement


def placement1(status="proposed"):
    return lambda w: {"partnership": w.a.slug, "pk": _placement(w.student1, w.school1, status).pk}


def placement1_with_trainer(status="proposed"):
    """placement1 with A's schoolopleider as its schoolopleider (who records the interview)."""

    def kwargs(w):
        placement = _placement(w.student1, w.school1, status)
        Placement.objects.filter(pk=placement.pk).update(schoolopleider=w["schoolopleider"])
        return {"partnership": w.a.slug, "pk": placement.pk}

    return kwargs


def placement2(w):
    return {"partnership": w.a.slug, "pk": _placement(w.student2, w.school2).pk}


def placement_b_under_a(w):
    return {"partnership": w.a.slug, "pk": _placement(w.student_b, w.school_b).pk}


def _step(partnership, number):
    definition = next(step for step in STEPS if step.number == number)
    step, _created = ProcedureStep.objects.get_or_create(
        partnership=partnership,
        academic_year=academic_year(YEAR),
        number=number,
        occurrence=1,
        defaults={
            "code": definition.code,
            "owner_role": definition.owner,
            "due_date": due_dates(definition, YEAR)[0],
        },
    )
    return step


def step13(w):  # owner: schoolcoördinator
    return {"partnership": w.a.slug, "pk": _step(w.a, 13).pk}


def step1(w):  # owner: stagecoördinator
    return {"partnership": w.a.slug, "pk": _step(w.a, 1).pk}


def step_b_under_a(w):
    return {"partnership": w.a.slug, "pk": _step(w.b, 13).pk}


def in_year(w):
    return {"partnership": w.a.slug, "year": LABEL}


def invalid_rows(name, kwargs, *, ok, not_found=(), data=None):
    """An invalid submission: the allowed actors get the form back with its errors."""
    return url_rows(
        name,
        kwargs,
        ok=ok,
        not_found=not_found,
        method="post",
        data=data or {},
        variant="invalid",
        check=has_form_errors,
        **NS,
    )


def _step_rows(name, kwargs, *, ok, data, get=True):
    """GET (the step's own form page) and a valid POST (redirect to the placement)."""
    rows = url_rows(name, kwargs, ok=ok, not_found=(SC2,), **NS) if get else []
    rows += url_rows(
        name, kwargs, ok=ok, not_found=(SC2,), ok_status=302, method="post", data=data, **NS
    )
    return rows


ROWS: list[Row] = [
    # --- the list and the new-placement form ------------------------------------------------
    *url_rows("placement_list", in_year, ok=(*VIEW_PLACEMENTS, *OTHER_SCHOOL), **NS),
    *forged("placement_list", lambda w: {"partnership": w.a.slug, "year": "2026-2028"}, **NS),
    *url_rows("placement_create", in_year, ok=(*MANAGE, IC, SC2), **NS),
    *invalid_rows("placement_create", in_year, ok=(*MANAGE, IC, SC2)),
    # --- one placement -----------------------------------------------------------------------
    *url_rows("placement_detail", placement1(), ok=VIEW_PLACEMENTS, not_found=OTHER_SCHOOL, **NS),
    *url_rows(
        "placement_detail",
        placement2,
        variant="school2",
        ok=(*MANAGERS, SC2, SO2, WPB2),
        not_found=(*SCHOOL1_LEADS, "werkplekbegeleider", IO, IC, "student"),
        **NS,
    ),
    *forged("placement_detail", placement_b_under_a, "b_placement", **NS),
    *forged("placement_detail", lambda w: {"partnership": w.a.slug, "pk": FORGED}, **NS),
    # --- lifecycle steps, each on a placement in the status it needs --------------------------
    *_step_rows(
        "placement_plan_interview",
        placement1(),
        ok=MANAGE,
        data={"planned_at": "2027-06-10T10:00"},
    ),
    *invalid_rows(
        "placement_plan_interview",
        placement1(),
        ok=MANAGE,
        not_found=(SC2,),
        data={"planned_at": "not a date"},
    ),
    # the interview's page: whoever sees the placement; recording it: the school's coordinators
    # and the placement's own schoolopleider (others who see the placement: 403)
    *url_rows(
        "placement_interview", placement1(), ok=VIEW_PLACEMENTS, not_found=OTHER_SCHOOL, **NS
    ),
    *forged("placement_interview", placement_b_under_a, "b_placement", **NS),
    *forged("placement_interview", lambda w: {"partnership": w.a.slug, "pk": FORGED}, **NS),
    *url_rows(
        "placement_interview_held",
        placement1_with_trainer("interview_planned"),
        ok=(*MANAGE, "schoolopleider"),
        not_found=OTHER_SCHOOL,
        **NS,
    ),
    *url_rows(
        "placement_interview_held",
        placement1_with_trainer("interview_planned"),
        ok=(*MANAGE, "schoolopleider"),
        not_found=OTHER_SCHOOL,
        ok_status=302,
        method="post",
        data={"attended": ["student", "schoolopleider"], "topics": ["vog", "expectations"]},
        **NS,
    ),
    *invalid_rows(
        "placement_interview_held",
        placement1_with_trainer("interview_planned"),
        ok=(*MANAGE, "schoolopleider"),
        not_found=OTHER_SCHOOL,
        data={"attended": ["schoolopleider"], "topics": ["vog"]},
    ),
    *forged("placement_interview_held", placement_b_under_a, "b_placement", method="post", **NS),
    *_step_rows("placement_confirm", placement1(), ok=MANAGE, data={}, get=False),
    *_step_rows("placement_activate", placement1("confirmed"), ok=MANAGE, data={}, get=False),
    *_step_rows("placement_complete", placement1("active"), ok=MANAGE, data={}, get=False),
    *_step_rows("placement_lock", placement1(), ok=MANAGE, data={"locked": "on"}, get=False),
    *_step_rows(
        "placement_cancel", placement1(), ok=(*MANAGE, IC), data={"cancel_reason": "gestopt"}
    ),
    *invalid_rows(
        "placement_cancel",
        placement1(),
        ok=(*MANAGE, IC),
        not_found=(SC2,),
        data={"cancel_reason": ""},
    ),
    *_step_rows("placement_guides", placement1(), ok=(*MANAGE, IC), data={}),
    Row("placements:placement_confirm", placement1(), "stagecoordinator", 405, variant="get"),
    # a step the status does not allow sends you back to the placement with the reason
    Row(
        "placements:placement_complete",
        placement1(),
        "stagecoordinator",
        302,
        method="post",
        variant="not_active",
    ),
    Row(
        "placements:placement_cancel",
        placement1("confirmed"),
        IC,
        403,
        method="post",
        data={"cancel_reason": "x"},
        variant="confirmed",
    ),
    *[
        row
        for name in ("confirm", "cancel", "guides", "lock")
        for row in forged(
            f"placement_{name}", placement_b_under_a, "b_placement", method="post", **NS
        )
    ],
    *forged(
        "placement_confirm",
        lambda w: {"partnership": w.a.slug, "pk": FORGED},
        method="post",
        **NS,
    ),
    # --- the procedure calendar --------------------------------------------------------------
    *url_rows("calendar", in_year, ok=(*MANAGERS, SC, IO, IC, SC2), **NS),
    *forged("calendar", lambda w: {"partnership": w.a.slug, "year": "1850-1851"}, **NS),
    *url_rows("calendar_generate", in_year, ok=PLANNERS, ok_status=302, method="post", **NS),
    Row("placements:calendar_generate", in_year, "stagecoordinator", 405, variant="get"),
    *url_rows("calendar_step", step13, ok=("stagecoordinator", SC, SC2), **NS),
    *url_rows(
        "calendar_step",
        step13,
        ok=("stagecoordinator", SC, SC2),
        ok_status=302,
        method="post",
        data={"status": "done"},
        **NS,
    ),
    *url_rows(
        "calendar_step",
        step1,
        variant="stagecoordinators_step",
        ok=("stagecoordinator",),
        ok_status=302,
        method="post",
        data={"status": "done"},
        **NS,
    ),
    *forged("calendar_step", step_b_under_a, "b_step", method="post", **NS),
    *forged("calendar_step", lambda w: {"partnership": w.a.slug, "pk": FORGED}, **NS),
]
