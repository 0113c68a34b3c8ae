"""Permission rows for the subject-access export (issue 17, item 4). Wired into
``tests/partnerships/test_permissions.py``: only the administrator (administratief ondersteuner)
and platform admins; a person outside the partnership is a 404."""

from tests.partnerships.test_permissions import FORGED, Row, forged, in_a, url_rows

ADMINISTRATOR = ("administratief_ondersteuner",)
STUDENT_PERSON = "student1.person_id"

ROWS: list[Row] = [
    *url_rows("person_data_export", in_a(pk=STUDENT_PERSON), ok=ADMINISTRATOR),
    *url_rows(
        "person_data_export",
        in_a(pk=STUDENT_PERSON),
        ok=ADMINISTRATOR,
        method="post",
        variant="download",
    ),
    *forged(
        "person_data_export",
        in_a(pk="people.other_partnership.pk"),
        "b_person",
        actor="administratief_ondersteuner",
    ),
    *forged("person_data_export", in_a({"pk": FORGED}), actor="administratief_ondersteuner"),
]

# The check page of an import (schools from DUO): the same people as the import page. Without a
# file waiting in the session it sends them back to the upload (302).
ROWS += [
    *url_rows(
        "import_check",
        in_a(),
        ok=("stagecoordinator", "programmamanager", "administratief_ondersteuner"),
        ok_status=302,
    ),
    *url_rows(
        "import_check",
        in_a(),
        ok=("stagecoordinator", "programmamanager", "administratief_ondersteuner"),
        ok_status=302,
        method="post",
        variant="post",
    ),
]
