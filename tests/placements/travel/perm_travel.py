"""Permission rows for the travel times (issue 11, rule 7): the page, its import and the
template are for the planners only (``PlacementAction.MANAGE_TRAVEL_TIMES``); partnership B's
people get a 404 under A's slug, anonymous users go to the login page (``url_rows``)."""

from tests.partnerships.test_permissions import Row, forged, has_form_errors, url_rows
from tests.placements.allocation.perm_allocation import PLANNERS, in_year

NS = {"namespace": "placements"}


def invalid(name, *, data=None):
    return url_rows(
        name, in_year, ok=PLANNERS, method="post", data=data or {}, check=has_form_errors, **NS
    )


def bad_year(w):
    return {"partnership": w.a.slug, "year": "2026-2028"}


ROWS: list[Row] = [
    *url_rows("travel_times", in_year, ok=PLANNERS, **NS),
    *invalid("travel_times", data={"minutes": "x"}),
    *forged("travel_times", bad_year, "bad_year", **NS),
    *url_rows("travel_import", in_year, ok=PLANNERS, **NS),
    *invalid("travel_import"),
    *url_rows("travel_template", in_year, ok=PLANNERS, **NS),
]
