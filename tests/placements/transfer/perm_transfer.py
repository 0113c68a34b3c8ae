"""Permission rows for the transfer forms (doorstroomformulieren). Wired into
``tests/partnerships/test_permissions.py`` with the other ``perm_*.py`` files.

The objects are made inside each row's kwargs (rolled back with the row's test): student1's
placement at school1 this year (guided by A's wpb, schoolopleider and instituutsopleider), its
next placement at school2 next year (mentor: the wpb of school2), student1's form in the status
the row needs; student2's form at school2; a form in partnership B. Who may open a form:
the student, the placement's three guides, school1's schoolcoördinator, the managers, and —
only once the form is shared — school2's coordinator, schoolopleider and the new wpb."""

from placements.models import TransferForm
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    A_ACTORS,
    FORGED,
    IO,
    MANAGERS,
    OTHER_SCHOOL,
    SC,
    SO2,
    WPB2,
    Row,
    forged,
)
from tests.placements.transfer.transfer_world import form_of, placement

NS = "placements"
PLANNERS = ("stagecoordinator", "programmamanager")
GUIDES = ("werkplekbegeleider", "schoolopleider", IO)
# Roles that open the door to transfer forms at all (others get 403, even for existing forms).
DOOR = (*MANAGERS, SC, *GUIDES, "student", *OTHER_SCHOOL)
READERS = (*MANAGERS, SC, *GUIDES, "student")  # of student1's form before it is shared
RECEIVERS = OTHER_SCHOOL  # school2's coordinator and schoolopleider, and the new wpb


def form1(status="draft", **fields):
    return lambda w: {"partnership": w.a.slug, "pk": form_of(w, status, **fields).pk}


def form2(w):
    p = placement(w.student2, w.school2, werkplekbegeleider=w["wpb_other_school"])
    form = TransferForm.objects.get_or_create(placement=p, defaults={"student": w.student2})[0]
    return {"partnership": w.a.slug, "pk": form.pk}


def form_b_under_a(w):
    p = placement(w.student_b, w.school_b)
    form = TransferForm.objects.get_or_create(placement=p, defaults={"student": w.student_b})[0]
    return {"partnership": w.a.slug, "pk": form.pk}


def portfolio1(w):
    form_of(w)
    return {"partnership": w.a.slug, "student": w.student1.pk}


def in_year(w):
    return {"partnership": w.a.slug, "year": academic_year().label}


def rows(
    name,
    kwargs,
    *,
    ok=(),
    not_found=(),
    ok_status=200,
    superuser=None,
    method="get",
    data=None,
    variant="",
):
    """A row for every actor: ``ok`` get ``ok_status``, ``not_found`` and anyone outside the
    door get 404 / 403, anonymous is sent to log in, B's user and a user without roles get 404;
    the superuser (a manager everywhere) gets ``superuser`` (default: ``ok_status``)."""
    full = f"{NS}:{name}"
    common = {"method": method, "data": data or {}, "variant": variant}
    out = []
    for actor in A_ACTORS:
        if actor in ok:
            expected = ok_status
        elif actor in not_found or actor in DOOR:
            expected = 404 if actor in not_found else 403
        else:
            expected = 403
        out.append(Row(full, kwargs, actor, expected, **common))
    out += [
        Row(full, kwargs, "anonymous", 302, **common),
        Row(full, kwargs, "other_partnership", 404, **common),
        Row(full, kwargs, "nobody", 404, **common),
        Row(full, kwargs, "superuser", ok_status if superuser is None else superuser, **common),
    ]
    return out


POST = {"method": "post"}
REMARK = {"text": "Goed gedaan", "agrees": "on"}

ROWS: list[Row] = [
    # --- reading: the page, the PDF, the portfolio and the year list ------------------------
    *rows("transfer_form", form1(), ok=READERS, not_found=RECEIVERS),
    *rows("transfer_form", form1("shared"), ok=(*READERS, *RECEIVERS), variant="shared"),
    *rows(
        "transfer_form",
        form2,
        ok=(*MANAGERS, "schoolcoordinator_other_school", WPB2),
        not_found=(SC, *GUIDES, "student", SO2),
        variant="student2",
    ),
    *rows("transfer_form_pdf", form1(), ok=READERS, not_found=RECEIVERS),
    *rows("transfer_form_pdf", form1("shared"), ok=(*READERS, *RECEIVERS), variant="shared"),
    *rows("transfer_portfolio", portfolio1, ok=READERS, not_found=RECEIVERS),
    *rows("transfer_list", in_year, ok=DOOR),
    *rows("transfer_settings", lambda w: {"partnership": w.a.slug}, ok=PLANNERS),
    # --- writing: the student's texts and the steps, each in the status it needs -----------------
    *rows(
        "transfer_form",
        form1(),
        ok=("student",),
        not_found=RECEIVERS,
        ok_status=302,
        superuser=403,
        data={"suits_me": "x", "step": "save"},
        variant="save",
        **POST,
    ),
    *rows(
        "transfer_remark",
        form1("submitted"),
        ok=GUIDES,
        not_found=RECEIVERS,
        ok_status=302,
        superuser=403,
        data=REMARK,
        **POST,
    ),
    *rows(
        "transfer_finalise",
        form1("submitted"),
        ok=("student",),
        not_found=RECEIVERS,
        ok_status=302,
        superuser=403,
        **POST,
    ),
    *rows(
        "transfer_share",
        form1("final"),
        ok=("student",),
        not_found=RECEIVERS,
        ok_status=302,
        superuser=403,
        **POST,
    ),
    *rows(
        "transfer_employer",
        form1("final"),
        ok=("student",),
        not_found=RECEIVERS,
        ok_status=302,
        superuser=403,
        data={"share_with_employer": "on", "employer_name": "Lyceum"},
        **POST,
    ),
    *rows(
        "transfer_acknowledge",
        form1("shared"),
        ok=RECEIVERS,
        ok_status=302,
        superuser=403,
        data={"discussed": "on"},
        **POST,
    ),
    # --- check your answers before submitting and sharing, and their confirmation pages -------
    *rows(
        "transfer_submit",
        form1(),
        ok=("student",),
        not_found=RECEIVERS,
        superuser=403,
        variant="check",
    ),
    *rows(
        "transfer_submit",
        form1(strengths="a", points_of_attention="b", learning_goals_next_year="c"),
        ok=("student",),
        not_found=RECEIVERS,
        ok_status=302,
        superuser=403,
        **POST,
    ),
    *rows(
        "transfer_submitted",
        form1("submitted"),
        ok=("student",),
        not_found=RECEIVERS,
        ok_status=302,  # not submitted through the page: back to the form
        superuser=403,
    ),
    *rows(
        "transfer_share",
        form1("final"),
        ok=("student",),
        not_found=RECEIVERS,
        superuser=403,
        variant="check",
    ),
    *rows(
        "transfer_shared",
        form1("shared"),
        ok=("student",),  # the sender's confirmation; the receivers read the form itself
        ok_status=302,
        superuser=403,
    ),
    # --- forged ids and other partnerships' forms --------------------------------------------
    *forged("transfer_form", form_b_under_a, "b_form", namespace=NS),
    *forged("transfer_form", lambda w: {"partnership": w.a.slug, "pk": FORGED}, namespace=NS),
    *forged("transfer_form_pdf", form_b_under_a, "b_form", namespace=NS),
    *forged("transfer_form_pdf", lambda w: {"partnership": w.a.slug, "pk": FORGED}, namespace=NS),
    *forged(
        "transfer_portfolio",
        lambda w: {"partnership": w.a.slug, "student": w.student_b.pk},
        "b_student",
        namespace=NS,
    ),
    *forged(
        "transfer_portfolio",
        lambda w: {"partnership": w.a.slug, "student": FORGED},
        namespace=NS,
    ),
    *[
        row
        for step in ("remark", "finalise", "share", "acknowledge", "employer", "submit")
        for row in forged(f"transfer_{step}", form_b_under_a, "b_form", method="post", namespace=NS)
    ],
    *[
        row
        for name in ("transfer_submit", "transfer_share", "transfer_submitted", "transfer_shared")
        for row in forged(name, form_b_under_a, "b_form", namespace=NS)
    ],
    Row(f"{NS}:transfer_finalise", form1("submitted"), "student", 405, variant="get"),
    *forged(
        "transfer_list", lambda w: {"partnership": w.a.slug, "year": "2026-2028"}, namespace=NS
    ),
]
