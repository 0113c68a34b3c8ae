"""Permission rows for the programme events, sign-up and attendance. Wired into
``tests/partnerships/test_permissions.py`` with the other ``perm_*.py`` files."""

from tests.factories import academic_year
from tests.partnerships.test_permissions import A_ACTORS, url_rows

NS = "programme"
EVERYONE = A_ACTORS  # VIEW_PROGRAMME: every role of the partnership and its students


def in_year(w):
    return {"partnership": w.a.slug, "year": academic_year().label}


ROWS = [
    *url_rows("event_list", lambda w: {"partnership": w.a.slug}, ok=EVERYONE, namespace=NS),
    *url_rows("event_list_year", in_year, ok=EVERYONE, namespace=NS),
]
