"""Permission rows for the subsidy category lists: the page, the chooser, the downloads, the
snapshots (take, view, compare, download). Wired into ``tests/partnerships/test_permissions.py``
(every ``tests/*/perm_*.py``).

Everybody in the partnership's management reads the list; the administrator and the programme
manager download it; only the stagecoördinator hands over a snapshot (procedure step 15). A
snapshot of A and one of B are made inside the rows' kwargs (rolled back with the row's test)."""

import datetime

from placements.models import SubsidySnapshot
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    ADMINS,
    FORGED,
    IC,
    MANAGERS,
    SC,
    Row,
    forged,
    has_form_errors,
    url_rows,
)

YEAR = 2026
LABEL = f"{YEAR}-{YEAR + 1}"
NS = {"namespace": "placements"}
SOME = (*MANAGERS, SC, IC, "student")  # the other formats: a few actors suffice
PLANNER = ("stagecoordinator",)


def _snapshot(partnership) -> SubsidySnapshot:
    return SubsidySnapshot.objects.get_or_create(
        partnership=partnership,
        academic_year=academic_year(YEAR),
        label="perm",
        defaults={"reference_date": datetime.date(YEAR + 1, 10, 1)},
    )[0]


def in_year(fmt=None):
    return lambda w: {"partnership": w.a.slug, "year": LABEL} | ({"fmt": fmt} if fmt else {})


def snapshot_a(fmt=None):
    return lambda w: (
        {"partnership": w.a.slug, "pk": _snapshot(w.a).pk} | ({"fmt": fmt} if fmt else {})
    )


def snapshot_b_under_a(fmt=None):
    return lambda w: (
        {"partnership": w.a.slug, "pk": _snapshot(w.b).pk} | ({"fmt": fmt} if fmt else {})
    )


ROWS: list[Row] = [
    *url_rows(
        "subsidy_choose", lambda w: {"partnership": w.a.slug}, ok=MANAGERS, ok_status=302, **NS
    ),
    *url_rows("subsidy", in_year(), ok=MANAGERS, **NS),
    *forged("subsidy", lambda w: {"partnership": w.a.slug, "year": "2026-2028"}, **NS),
    *url_rows("subsidy_export", in_year("xlsx"), ok=ADMINS, variant="xlsx", **NS),
    *url_rows("subsidy_export", in_year("csv"), ok=ADMINS, variant="csv", actors=SOME, **NS),
    *url_rows("subsidy_export", in_year("pdf"), ok=ADMINS, variant="pdf", actors=SOME, **NS),
    *forged("subsidy_export", in_year("doc"), "format", actor="administratief_ondersteuner", **NS),
    *url_rows(
        "subsidy_snapshot_take",
        in_year(),
        ok=PLANNER,
        ok_status=302,
        method="post",
        data={"label": "Juli"},
        **NS,
    ),
    *url_rows(
        "subsidy_snapshot_take",
        in_year(),
        ok=PLANNER,
        method="post",
        data={"reference_date": "2000-01-01"},
        variant="invalid",
        check=has_form_errors,
        actors=(*MANAGERS, SC),
        **NS,
    ),
    *url_rows("subsidy_snapshot", snapshot_a(), ok=MANAGERS, **NS),
    *forged("subsidy_snapshot", snapshot_b_under_a(), "b_snapshot", **NS),
    *forged("subsidy_snapshot", lambda w: {"partnership": w.a.slug, "pk": FORGED}, **NS),
    *url_rows("subsidy_compare", snapshot_a(), ok=MANAGERS, **NS),
    *forged("subsidy_compare", snapshot_b_under_a(), "b_snapshot", **NS),
    *url_rows("subsidy_snapshot_export", snapshot_a("xlsx"), ok=ADMINS, **NS),
    *forged(
        "subsidy_snapshot_export",
        snapshot_b_under_a("xlsx"),
        "b_snapshot",
        actor="administratief_ondersteuner",
        **NS,
    ),
    *forged(
        "subsidy_snapshot_export",
        snapshot_a("doc"),
        "format",
        actor="administratief_ondersteuner",
        **NS,
    ),
]
