"""Permission rows for the results pages (VIEW_RESULTS: managers, governance, school leads and
institute leads, also of school2). Wired into ``tests/partnerships/test_permissions.py`` with the
other ``perm_*.py`` files.

Objects are made inside each row's kwargs (rolled back with the row's test): a closed round of
partnership A with a few responses. A round that is not closed yet, B's round under A's slug and
an id that does not exist are 404s (results exist only for closed rounds)."""

from tests.partnerships.test_permissions import (
    FORGED,
    GOVERNANCE,
    IC,
    IO,
    MANAGERS,
    SC2,
    SCHOOL1_LEADS,
    SO2,
    forged,
    url_rows,
)
from tests.quality.factories import SurveyFactory, SurveyRoundFactory

NS = "quality"
READERS = (*MANAGERS, *GOVERNANCE, *SCHOOL1_LEADS, IO, IC, SC2, SO2)
PAGES = ("round_results", "round_results_pdf", "round_results_xlsx")


def closed_round(partnership, **traits):
    return SurveyRoundFactory(survey=SurveyFactory(partnership=partnership), **traits)


def a_round(state="closed"):
    traits = {"closed": {"closed": True}, "open": {}, "scheduled": {"scheduled": True}}[state]
    return lambda w: {"partnership": w.a.slug, "pk": closed_round(w.a, **traits).pk}


def b_round_under_a(w):
    return {"partnership": w.a.slug, "pk": closed_round(w.b, closed=True).pk}


def returns(content_type):
    def check(response, world):
        assert response["Content-Type"].startswith(content_type)

    return check


ROWS = [
    *url_rows("results_index", lambda w: {"partnership": w.a.slug}, ok=READERS, namespace=NS),
    *url_rows("round_results", a_round(), ok=READERS, namespace=NS),
    *url_rows(
        "round_results_pdf",
        a_round(),
        ok=READERS,
        namespace=NS,
        check=returns("application/pdf"),
    ),
    *url_rows(
        "round_results_xlsx",
        a_round(),
        ok=READERS,
        namespace=NS,
        check=returns("application/vnd.openxmlformats"),
    ),
    *[
        row
        for name in PAGES
        for row in [
            *forged(name, lambda w: {"partnership": w.a.slug, "pk": FORGED}, namespace=NS),
            *forged(name, b_round_under_a, "b_round", namespace=NS),
            *forged(name, a_round("open"), "open_round", actor="programmamanager", namespace=NS),
            *forged(name, a_round("scheduled"), "scheduled", actor="stuurgroeplid", namespace=NS),
        ]
    ],
]
