"""Permission rows for the API token pages and the API's addresses (issue 17, item 3). Wired
into ``tests/partnerships/test_permissions.py``.

The token pages: the instituutscoördinator (their own institute's tokens) and the
stagecoördinator (every institute's); a token of another institute is a 404 for the
instituutscoördinator. The API itself answers only tokens: a logged-in session gets 401 like
an anonymous caller (tokens' scopes and scoping are in test_api.py). The schema and its
documentation are public."""

from partnerships.apitokens import services
from tests.partnerships.test_permissions import Row, fixed, in_a, post_invalid_rows, url_rows

MANAGE = ("stagecoordinator", "instituutscoordinator")


def _token(w, institute="institute"):
    token, _secret = services.api_token_create(
        organisation=getattr(w, institute),
        name="Osiris",
        scopes=["persons:read"],
        by=w["stagecoordinator"],
    )
    return token


def token(w):
    return {"partnership": w.a.slug, "pk": _token(w).pk}


def token_institute2(w):
    return {"partnership": w.a.slug, "pk": _token(w, "institute2").pk}


API = (
    ("api_sessions", {}),
    ("api_organisations", {}),
    ("api_places", {}),
    ("api_persons", {}),
    ("api_person", {"personId": 1}),
    ("api_preferences", {"personId": 1, "academicSession": "2026-2027"}),
    ("api_placements", {}),
)

ROWS: list[Row] = [
    *url_rows("api_token_list", in_a(), ok=MANAGE),
    *url_rows("api_token_create", in_a(), ok=MANAGE),
    *post_invalid_rows("api_token_create", in_a(), ok=MANAGE, data={"name": ""}),
    # without its signed values the check page sends you back to the form
    *url_rows("api_token_check", in_a(), ok=MANAGE, ok_status=302),
    *url_rows("api_token_check", in_a(), ok=MANAGE, ok_status=302, method="post"),
    *url_rows("api_token_detail", token, ok=MANAGE),
    *url_rows("api_token_revoke", token, ok=MANAGE),
    *url_rows("api_token_revoke", token, ok=MANAGE, ok_status=302, method="post"),
    *url_rows(
        "api_token_detail",
        token_institute2,
        variant="other_institute",
        ok=("stagecoordinator",),
        not_found=("instituutscoordinator",),
    ),
    *url_rows(
        "api_token_revoke",
        token_institute2,
        variant="other_institute",
        ok=("stagecoordinator",),
        not_found=("instituutscoordinator",),
        ok_status=302,
        method="post",
    ),
    Row("api_schema", fixed(), "anonymous", 200),
    Row("api_docs", fixed(), "anonymous", 200),
    *[
        Row(name, fixed(partnership="alfa", **kwargs), actor, 401)
        for name, kwargs in API
        for actor in ("anonymous", "instituutscoordinator", "superuser")
    ],
]
