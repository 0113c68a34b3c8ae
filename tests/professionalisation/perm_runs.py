"""Permission rows for professionalisation activities, runs, enrolment, attendance, completion,
the needs inventory and the yearly overview."""

from tests.partnerships.test_permissions import STAFF, in_a, url_rows

NS = "professionalisation"

ROWS = [
    *url_rows("activity_list", in_a(), ok=STAFF, namespace=NS),
]
