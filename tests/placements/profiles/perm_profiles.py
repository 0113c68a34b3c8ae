"""Permission rows for the school profiles students read (002 §3.1 voorlichting)."""

from tests.partnerships.test_permissions import (
    FORGED,
    MANAGERS,
    SCHOOL1_LEADS,
    Row,
    forged,
    url_rows,
)

LABEL = "2026-2027"
NS = {"namespace": "placements"}
READERS = (
    *MANAGERS,
    *SCHOOL1_LEADS,
    "schoolcoordinator_other_school",
    "schoolopleider_other_school",
    "instituutsopleider",
    "instituutscoordinator",
    "student",
)


def in_year(w):
    return {"partnership": w.a.slug, "year": LABEL}


def school(name):
    return lambda w: in_year(w) | {"school": getattr(w, name).pk}


ROWS: list[Row] = [
    *url_rows("school_profiles", in_year, ok=READERS, **NS),
    *url_rows("school_profile", school("school1"), ok=READERS, **NS),
    *url_rows("school_profile", school("school2"), variant="school2", ok=READERS, **NS),
    *forged("school_profile", school("school_b"), "b_school", **NS),
    *forged("school_profile", school("institute"), "institute", **NS),
    *forged("school_profile", lambda w: in_year(w) | {"school": FORGED}, **NS),
]
