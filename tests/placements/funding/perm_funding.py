"""Permission rows for the money pages (issue 19): the overview, the amounts, the key, a
payment, the statements and their downloads. Wired into ``tests/partnerships/test_permissions.py``
(every ``tests/*/perm_*.py``).

The administrator and the programme manager read the overview and enter the amounts; the
stuurgroep reads it and decides the key; the administrator records payments; a school's or an
institute's coordinator reads only the statement of their own school (cluster included) or
institute — another's is a 404. A decided key of A (and one of B) is made inside the rows'
kwargs (rolled back with the row's test)."""

import datetime

from placements.models import DistributionKey, SubsidySnapshot
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    FORGED,
    GOVERNANCE,
    IC,
    SC,
    SC2,
    Row,
    forged,
    has_form_errors,
    url_rows,
)

YEAR = 2026
LABEL = f"{YEAR}-{YEAR + 1}"
NS = {"namespace": "placements"}
READERS = ("programmamanager", "administratief_ondersteuner", "stuurgroeplid")
AMOUNTS = ("programmamanager", "administratief_ondersteuner")
STUURGROEP = ("stuurgroeplid",)
ADMIN = ("administratief_ondersteuner",)
NOT_GOVERNANCE = tuple(g for g in GOVERNANCE if g != "stuurgroeplid")


def _key(partnership) -> DistributionKey:
    year = academic_year(YEAR)
    snapshot = SubsidySnapshot.objects.get_or_create(
        partnership=partnership,
        academic_year=year,
        label="perm",
        defaults={"reference_date": datetime.date(YEAR + 1, 10, 1)},
    )[0]
    schools = partnership.organisations.filter(kind="school")
    institutes = partnership.organisations.filter(kind="institute")
    result = {
        "total": 0,
        "parts": {"own": 0, "institutes": 0, "fixed": 0, "students": 0},
        "schools": {str(s.pk): {"fixed": 0, "students": 0} for s in schools},
        "institutes": {str(i.pk): 0 for i in institutes},
        "names": {str(o.pk): o.name for o in partnership.organisations.all()},
        "students": [],
    }
    return DistributionKey.objects.get_or_create(
        partnership=partnership,
        academic_year=year,
        defaults={
            "snapshot": snapshot,
            "own_costs_percent": 0,
            "institutes_percent": 0,
            "fixed_percent": 0,
            "result": result,
        },
    )[0]


def in_year():
    return lambda w: {"partnership": w.a.slug, "year": LABEL}


def statement(org: str, fmt=None):
    def kwargs(w):
        _key(w.a)
        return {"partnership": w.a.slug, "year": LABEL, "organisation": getattr(w, org).pk} | (
            {"fmt": fmt} if fmt else {}
        )

    return kwargs


def with_key(w):
    _key(w.a)
    return {"partnership": w.a.slug, "year": LABEL}


def statement_b(w):
    _key(w.a)
    return {"partnership": w.a.slug, "year": LABEL, "organisation": w.school_b.pk}


ROWS: list[Row] = [
    *url_rows("funding", in_year(), ok=READERS, **NS),
    *forged("funding", lambda w: {"partnership": w.a.slug, "year": "2026-2028"}, **NS),
    *url_rows("funding_amounts", in_year(), ok=AMOUNTS, **NS),
    *url_rows(
        "funding_amounts",
        in_year(),
        ok=AMOUNTS,
        method="post",
        data={"a": "veel"},
        variant="invalid",
        check=has_form_errors,
        **NS,
    ),
    *url_rows("funding_key", in_year(), ok=STUURGROEP, **NS),
    *url_rows(
        "funding_key",
        in_year(),
        ok=STUURGROEP,
        method="post",
        data={"own_costs_percent": "200"},
        variant="invalid",
        check=has_form_errors,
        **NS,
    ),
    *url_rows("funding_payment", in_year(), ok=ADMIN, **NS),
    *url_rows(
        "funding_payment",
        in_year(),
        ok=ADMIN,
        method="post",
        data={"amount": "-5"},
        variant="invalid",
        check=has_form_errors,
        **NS,
    ),
    *url_rows("funding_statements", with_key, ok=(*READERS, SC, IC, SC2), **NS),
    *url_rows(
        "funding_statement",
        statement("school1"),
        ok=(*READERS, SC),
        not_found=(IC, SC2),
        **NS,
    ),
    *url_rows(
        "funding_statement",
        statement("school3"),
        variant="cluster_school",
        ok=(*READERS, SC),
        not_found=(IC, SC2),
        **NS,
    ),
    *url_rows(
        "funding_statement",
        statement("institute"),
        variant="institute",
        ok=(*READERS, IC),
        not_found=(SC, SC2),
        **NS,
    ),
    *forged("funding_statement", statement_b, "b_school", actor="programmamanager", **NS),
    *forged(
        "funding_statement",
        lambda w: {"partnership": w.a.slug, "year": LABEL, "organisation": FORGED},
        actor="programmamanager",
        **NS,
    ),
    *url_rows(
        "funding_statement_export",
        statement("school1", "xlsx"),
        ok=(*READERS, SC),
        not_found=(IC, SC2),
        variant="xlsx",
        **NS,
    ),
    *url_rows(
        "funding_statement_export",
        statement("institute", "pdf"),
        ok=(*READERS, IC),
        not_found=(SC, SC2),
        variant="pdf",
        actors=(*READERS, SC, IC, SC2, "student"),
        **NS,
    ),
    *forged(
        "funding_statement_export",
        statement("school1", "doc"),
        "format",
        actor="programmamanager",
        **NS,
    ),
]
