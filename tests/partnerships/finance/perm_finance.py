"""Permission rows for the money pages (issue 19, items 4-5). Wired into
``tests/partnerships/test_permissions.py``.

The budget is read by the managers, the steering group and the board council, and kept by the
programme manager and the administrative support. Every member of staff declares; a declaration
(here: the schoolcoördinator's, for school1) is read by the managers, its declarant and the leads
of its school (the leidinggevende); only the declarant changes, checks and submits their draft.
The programme manager decides, the administrative support pays, both export."""

from partnerships.finance.models import Budget, BudgetLine
from partnerships.models import AcademicYear
from tests.partnerships.finance import helpers
from tests.partnerships.test_permissions import (
    FORGED,
    MANAGERS,
    STAFF,
    Row,
    forged,
    has_form_errors,
    url_rows,
)

NS = "finance"
READERS = (*MANAGERS, "stuurgroeplid", "bestuursraadlid")
KEEPERS = ("programmamanager", "administratief_ondersteuner")
SC = "schoolcoordinator"
# who reads the schoolcoördinator's declaration for school1
DECLARATION_READERS = (*MANAGERS, SC, "leidinggevende")
OUT_OF_SCOPE = tuple(a for a in STAFF if a not in DECLARATION_READERS)
OWNER_OUT = tuple(a for a in STAFF if a != SC)  # the draft is the declarant's only


def a_only(w):
    return {"partnership": w.a.slug}


def budget(w):
    helpers.budget(w.a, w["programmamanager"])
    return {"partnership": w.a.slug, "year": AcademicYear.current().label}


def line(w):
    return {"partnership": w.a.slug, "pk": helpers.codocent_line(w.a, w["programmamanager"]).pk}


def declaration(status):
    def kwargs(w):
        d = helpers.declaration(
            w.a,
            w[SC],
            w["programmamanager"],
            status=status,
            organisation=w.school1,
            payer=w["administratief_ondersteuner"],
        )
        return {"partnership": w.a.slug, "pk": d.pk}

    return kwargs


def b_line(w):
    budget_b = Budget.objects.create(partnership=w.b, academic_year=AcademicYear.current())
    line = BudgetLine.objects.create(budget=budget_b, side="cost", category="other", name="B")
    return {"partnership": w.a.slug, "pk": line.pk}


def rows(name, kwargs, **options):
    return url_rows(name, kwargs, namespace=NS, **options)


def owner_rows(name, kwargs, **options):
    """Only the declarant: the managers and the leads who read it get a 404 here, and so does
    the superuser (a draft is nobody else's)."""
    table = rows(name, kwargs, ok=(SC,), not_found=OWNER_OUT, **options)
    superuser = next(r for r in table if r.actor == "superuser")
    return [r for r in table if r is not superuser] + [
        Row(r.name, kwargs, "superuser", 404, r.method, r.data, r.variant) for r in (superuser,)
    ]


POST = {"method": "post"}
INVALID = {"method": "post", "check": has_form_errors}
DECLARERS = STAFF

ROWS: list[Row] = [
    *rows("home", a_only, ok=DECLARERS, ok_status=302),
    *rows("budget_list", a_only, ok=READERS),
    *rows("budget_create", a_only, ok=KEEPERS),
    *rows("budget_create", a_only, ok=KEEPERS, data={"year": "1999-2000"}, **INVALID),
    *rows("budget_detail", budget, ok=READERS),
    *rows("line_create", budget, ok=KEEPERS),
    *rows("line_create", budget, ok=KEEPERS, **INVALID),
    *rows("line_detail", line, ok=READERS),
    *rows("line_update", line, ok=KEEPERS),
    *rows("entry_create", line, ok=KEEPERS),
    *rows("entry_create", line, ok=KEEPERS, data={"amount_cents": "x"}, **INVALID),
    *rows("declaration_list", a_only, ok=DECLARERS),
    *rows("declaration_create", a_only, ok=DECLARERS),
    *rows("declaration_create", a_only, ok=DECLARERS, **INVALID),
    *rows(
        "declaration_detail",
        declaration("submitted"),
        ok=DECLARATION_READERS,
        not_found=OUT_OF_SCOPE,
    ),
    *rows(
        "declaration_attachment",
        declaration("submitted"),
        ok=DECLARATION_READERS,
        not_found=OUT_OF_SCOPE,
    ),
    *owner_rows("declaration_update", declaration("draft")),
    *owner_rows("declaration_check", declaration("draft")),
    *owner_rows("declaration_check", declaration("draft"), ok_status=302, **POST),
    *owner_rows("declaration_submitted", declaration("submitted")),
    *rows(
        "declaration_decide",
        declaration("submitted"),
        ok=("programmamanager",),
        ok_status=302,
        data={"decision": "approve"},
        **POST,
    ),
    *rows(
        "declaration_decide",
        declaration("submitted"),
        ok=("programmamanager",),
        data={"decision": "reject"},
        variant="without_reason",
        **POST,
    ),
    *rows(
        "declaration_pay",
        declaration("approved"),
        ok=("administratief_ondersteuner",),
        ok_status=302,
        **POST,
    ),
    *rows("declaration_export", lambda w: a_only(w) | {"fmt": "xlsx"}, ok=KEEPERS),
    *rows("declaration_export", lambda w: a_only(w) | {"fmt": "csv"}, ok=KEEPERS, variant="csv"),
    *forged(
        "declaration_export",
        lambda w: a_only(w) | {"fmt": "pdf"},
        actor="programmamanager",
        namespace=NS,
    ),
    *forged("budget_detail", lambda w: a_only(w) | {"year": "1999-2000"}, namespace=NS),
    *forged(
        "budget_detail", lambda w: a_only(w) | {"year": "2026-2028"}, "bad_label", namespace=NS
    ),
    *forged("line_detail", b_line, "b_line", namespace=NS),
    *forged("line_update", b_line, "b_line", actor="programmamanager", namespace=NS),
    *forged("declaration_detail", lambda w: a_only(w) | {"pk": FORGED}, namespace=NS),
]
