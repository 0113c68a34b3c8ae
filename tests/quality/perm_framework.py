"""Permission rows for the framework part of the quality cycle: framework, instruments, the
quality calendar, risks and internal evaluations. Wired into
``tests/partnerships/test_permissions.py`` with the other ``perm_*.py`` files.

Objects are made inside each row's kwargs (rolled back with the row's test). Who:

* reading the framework, instruments and calendar: VIEW_QUALITY (managers, governance, school and
  institute leads); changing them: the programme manager;
* a calendar item: the programme manager or whoever holds its responsible role (here
  schoolcoördinator: school1's and school2's); every other role of the partnership 403;
* risks: managers and governance read, the programme manager writes;
* internal evaluations: managers and governance read all; schoolcoördinator and school leader
  of school1 (and the schoolcoördinator of school2 for school2) fill in their own; another
  organisation's page is a 404 for them. The superuser (a manager, not an evaluator) reads but
  does not fill in."""

import datetime

from partnerships.models import AcademicYear
from quality.models import CalendarItem, InternalEvaluation
from tests.partnerships.test_permissions import (
    FORGED,
    GOVERNANCE,
    IC,
    IO,
    MANAGERS,
    SC,
    SC2,
    SCHOOL1_LEADS,
    SO2,
    Row,
    forged,
    has_form_errors,
    url_rows,
)
from tests.quality.factories import (
    AmbitionFactory,
    IndicatorFactory,
    InstrumentFactory,
    RiskFactory,
)

NS = "quality"
PM = ("programmamanager",)
LG = "leidinggevende"
READERS = (*MANAGERS, *GOVERNANCE, *SCHOOL1_LEADS, IO, IC, SC2, SO2)
RISK_READERS = (*MANAGERS, *GOVERNANCE)
EVALUATION_READERS = (*MANAGERS, *GOVERNANCE, SC, LG, IC, SC2)


def year_label():
    return AcademicYear.current().label


def in_a(**make):
    """URL kwargs under A's slug; each value is a function of the world."""
    return lambda w: {"partnership": w.a.slug} | {k: f(w) for k, f in make.items()}


def ambition(w, partnership=None):
    return AmbitionFactory(partnership=partnership or w.a).pk


def indicator(w, partnership=None):
    return IndicatorFactory(ambition=AmbitionFactory(partnership=partnership or w.a)).pk


def instrument(w, partnership=None):
    return InstrumentFactory(partnership=partnership or w.a).pk


def item(w, partnership=None):
    p = partnership or w.a
    year = AcademicYear.current()
    return CalendarItem.objects.create(
        partnership=p,
        academic_year=year,
        instrument=InstrumentFactory(partnership=p),
        month=1,
        target_group="students",
        responsible_role="schoolcoordinator",
        due_date=datetime.date(year.start_year + 1, 1, 31),
    ).pk


def risk(w, partnership=None):
    p = partnership or w.a
    return RiskFactory(partnership=p, owner=w["programmamanager"]).pk


def submitted(org_name):
    def make(w):
        org = getattr(w, org_name)
        InternalEvaluation.objects.create(
            partnership=org.partnership,
            academic_year=AcademicYear.current(),
            organisation=org,
            status="submitted",
        )
        return org.pk

    return make


def year(w):
    return year_label()


def rows(name, kwargs, *, ok=(), not_found=(), ok_status=200, superuser=None, **extra):
    """Like ``url_rows``, with the superuser's answer given apart (default: ``ok_status``)."""
    out = url_rows(
        name, kwargs, ok=ok, not_found=not_found, ok_status=ok_status, namespace=NS, **extra
    )
    if superuser is None:
        return out
    return [
        Row(r.name, r.kwargs, r.actor, superuser, r.method, r.data, r.variant)
        if r.actor == "superuser"
        else r
        for r in out
    ]


def _invalid(name, kwargs, *, ok, not_found=(), data=None, variant=""):
    """An invalid submission under the quality namespace: the allowed actors get the form back
    with its errors."""
    return url_rows(
        name,
        kwargs,
        ok=ok,
        not_found=not_found,
        method="post",
        data=data or {},
        variant=variant,
        check=has_form_errors,
        namespace=NS,
    )


def b(make):
    """An object of partnership B, asked for under A's slug."""
    return lambda w: make(w, w.b)


POST = {"method": "post"}

ROWS: list[Row] = [
    # --- framework --------------------------------------------------------------------------
    *rows("framework", in_a(), ok=READERS),
    *rows("ambition_create", in_a(), ok=PM),
    *_invalid("ambition_create", in_a(), ok=PM),
    *rows("ambition_update", in_a(pk=ambition), ok=PM),
    *_invalid("ambition_update", in_a(pk=ambition), ok=PM, data={"title": "", "order": "x"}),
    *rows("ambition_delete", in_a(pk=ambition), ok=PM),
    *rows("ambition_delete", in_a(pk=ambition), ok=PM, ok_status=302, variant="post", **POST),
    *rows("indicator_create", in_a(ambition=ambition), ok=PM),
    *_invalid("indicator_create", in_a(ambition=ambition), ok=PM, data={"standards": ["7"]}),
    *rows("indicator_update", in_a(pk=indicator), ok=PM),
    *_invalid("indicator_update", in_a(pk=indicator), ok=PM, data={"question": ""}),
    *rows("indicator_delete", in_a(pk=indicator), ok=PM),
    *rows("indicator_delete", in_a(pk=indicator), ok=PM, ok_status=302, variant="post", **POST),
    *rows("instrument_list", in_a(), ok=READERS),
    *rows("instrument_create", in_a(), ok=PM),
    *_invalid("instrument_create", in_a(), ok=PM, data={"name": "x", "months": ["13"]}),
    *rows("instrument_update", in_a(pk=instrument), ok=PM),
    *_invalid("instrument_update", in_a(pk=instrument), ok=PM, data={"kind": "nonsense"}),
    # --- quality calendar -------------------------------------------------------------------
    *rows("calendar", in_a(), ok=READERS),
    *rows("calendar_year", in_a(year=year), ok=READERS),
    *rows("calendar_generate", in_a(year=year), ok=PM, ok_status=302, **POST),
    *rows("calendar_item_update", in_a(pk=item), ok=(*PM, SC, SC2)),
    *_invalid("calendar_item_update", in_a(pk=item), ok=(*PM, SC, SC2), data={"status": "x"}),
    # --- risks ------------------------------------------------------------------------------
    *rows("risk_list", in_a(), ok=RISK_READERS),
    *rows("risk_create", in_a(), ok=PM),
    *_invalid("risk_create", in_a(), ok=PM, data={"likelihood": "6"}),
    *rows("risk_update", in_a(pk=risk), ok=PM),
    *_invalid("risk_update", in_a(pk=risk), ok=PM, data={"title": "", "impact": "0"}),
    # --- internal evaluations ---------------------------------------------------------------
    *rows("evaluation_list", in_a(year=year), ok=EVALUATION_READERS),
    *rows(
        "evaluation_detail",
        in_a(year=year, org=lambda w: w.school1.pk),
        ok=(*MANAGERS, *GOVERNANCE, SC, LG),
        not_found=(IC, SC2),
    ),
    *rows(
        "evaluation_detail",
        in_a(year=year, org=lambda w: w.school3.pk),
        ok=(*MANAGERS, *GOVERNANCE, SC),
        not_found=(LG, IC, SC2),
        variant="cluster_school",
    ),
    *rows(
        "evaluation_detail",
        in_a(year=year, org=lambda w: w.institute.pk),
        ok=(*MANAGERS, *GOVERNANCE, IC),
        not_found=(SC, LG, SC2),
        variant="institute",
    ),
    *rows(
        "evaluation_edit",
        in_a(year=year, org=lambda w: w.school1.pk),
        ok=(SC, LG),
        not_found=(IC, SC2),
        superuser=403,
    ),
    *rows(
        "evaluation_edit",
        in_a(year=year, org=lambda w: w.institute.pk),
        ok=(IC,),
        not_found=(SC, LG, SC2),
        superuser=403,
        variant="institute",
    ),
    *rows(
        "evaluation_edit",
        in_a(year=year, org=lambda w: w.school1.pk),
        ok=(SC, LG),
        not_found=(IC, SC2),
        superuser=403,
        method="post",
        data={"step": "submit"},  # no conclusions: the form comes back with its error
        variant="invalid",
    ),
    *rows(
        "evaluation_edit",
        in_a(year=year, org=submitted("school1")),
        ok=(SC, LG),
        not_found=(IC, SC2),
        ok_status=302,  # submitted: read-only, back to the evaluation
        superuser=403,
        variant="submitted",
    ),
    *rows(
        "evaluation_reopen",
        in_a(year=year, org=submitted("school1")),
        ok=PM,
        ok_status=302,
        **POST,
    ),
    # --- forged ids, other partnerships' objects, malformed years ----------------------------
    *forged(
        "ambition_update", in_a(pk=b(ambition)), "b_ambition", "programmamanager", namespace=NS
    ),
    *forged("ambition_update", in_a(pk=lambda w: FORGED), actor="programmamanager", namespace=NS),
    *forged(
        "ambition_delete",
        in_a(pk=b(ambition)),
        "b_ambition",
        "programmamanager",
        method="post",
        namespace=NS,
    ),
    *forged(
        "indicator_create",
        in_a(ambition=b(ambition)),
        "b_ambition",
        "programmamanager",
        namespace=NS,
    ),
    *forged(
        "indicator_update", in_a(pk=b(indicator)), "b_indicator", "programmamanager", namespace=NS
    ),
    *forged(
        "indicator_delete",
        in_a(pk=b(indicator)),
        "b_indicator",
        "programmamanager",
        method="post",
        namespace=NS,
    ),
    *forged(
        "instrument_update",
        in_a(pk=b(instrument)),
        "b_instrument",
        "programmamanager",
        namespace=NS,
    ),
    *forged("instrument_update", in_a(pk=lambda w: FORGED), actor="programmamanager", namespace=NS),
    *forged("calendar_item_update", in_a(pk=b(item)), "b_item", "programmamanager", namespace=NS),
    *forged(
        "calendar_item_update", in_a(pk=lambda w: FORGED), actor="programmamanager", namespace=NS
    ),
    *forged(
        "calendar_year", in_a(year=lambda w: "2025-2027"), actor="programmamanager", namespace=NS
    ),
    *forged(
        "calendar_year",
        in_a(year=lambda w: "1850-1851"),
        "out_of_range",
        "programmamanager",
        namespace=NS,
    ),
    *forged(
        "calendar_generate",
        in_a(year=lambda w: "2025-2027"),
        actor="programmamanager",
        method="post",
        namespace=NS,
    ),
    *forged("risk_update", in_a(pk=b(risk)), "b_risk", "programmamanager", namespace=NS),
    *forged("risk_update", in_a(pk=lambda w: FORGED), actor="programmamanager", namespace=NS),
    *forged(
        "evaluation_list", in_a(year=lambda w: "next-year"), actor="programmamanager", namespace=NS
    ),
    *forged(
        "evaluation_detail",
        in_a(year=year, org=lambda w: w.school_b.pk),
        "b_school",
        "programmamanager",
        namespace=NS,
    ),
    *forged(
        "evaluation_detail",
        in_a(year=year, org=lambda w: FORGED),
        actor="programmamanager",
        namespace=NS,
    ),
    *forged(
        "evaluation_edit",
        in_a(year=year, org=lambda w: w.school_b.pk),
        "b_school",
        SC,
        namespace=NS,
    ),
    *forged(
        "evaluation_edit",
        in_a(year=year, org=lambda w: w.school2.pk),
        "other_school",
        SC,
        method="post",
        namespace=NS,
    ),
    *forged(
        "evaluation_reopen",
        in_a(year=year, org=lambda w: w.school_b.pk),
        "b_school",
        "programmamanager",
        method="post",
        namespace=NS,
    ),
]
