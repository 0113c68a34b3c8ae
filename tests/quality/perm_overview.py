"""Permission rows for the quality cycle's hub page (VIEW_QUALITY: managers, governance, school
and institute leads; everyone else of the partnership 403)."""

from tests.partnerships.test_permissions import (
    GOVERNANCE,
    IC,
    IO,
    MANAGERS,
    SC2,
    SCHOOL1_LEADS,
    SO2,
    in_a,
    url_rows,
)

READERS = (*MANAGERS, *GOVERNANCE, *SCHOOL1_LEADS, IO, IC, SC2, SO2)


def shows_only_allowed_parts(response, world):
    names = {part["url_name"] for part in response.context["parts"]}
    assert "quality:framework" in names
    if response.wsgi_request.user == world["stuurgroeplid"]:
        assert "quality:survey_list" not in names  # the builder is for survey staff


ROWS = [
    *url_rows("overview", in_a(), ok=READERS, namespace="quality", check=shows_only_allowed_parts),
]
