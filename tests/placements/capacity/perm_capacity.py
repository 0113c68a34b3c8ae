"""Permission rows for capacity, the division and the places (wired into
tests/partnerships/test_permissions.py). Capacity is scoped per school: a schoolcoördinator
reaches their own school and its cluster (school1, school3); the other school's coordinator gets
a 404. The division is the planners' (stagecoördinator, programme manager), its approval the
programme manager's and the board council's; places are seen by managers, school leads and
institute staff (what each sees is tested in test_division.py)."""

import datetime

from django.utils import timezone

from partnerships.models import AcademicYear
from placements.models import CapacityRequest, Division, Place
from tests.partnerships.test_permissions import (
    FORGED,
    INSTITUTE,
    MANAGERS,
    SC,
    SC2,
    SCHOOL1_LEADS,
    SO2,
    Row,
    forged,
    has_form_errors,
    in_a,
    url_rows,
)

P = "placements"
YEAR = {"year": "2026-2027"}
PLANNERS = ("stagecoordinator", "programmamanager")
APPROVERS = ("programmamanager", "bestuursraadlid")
PLACES = (*MANAGERS, *SCHOOL1_LEADS, *INSTITUTE, SC2, SO2)


def with_division(status="draft", const=None, **paths):
    """URL kwargs in A for a page that needs the year's division with one place at school1
    (made here, rolled back after the row)."""
    base = in_a(YEAR | (const or {}), **paths)

    def kwargs(world):
        year = AcademicYear.objects.get_or_create(start_year=2026)[0]
        division, _created = Division.objects.update_or_create(
            partnership=world.a,
            academic_year=year,
            defaults={"status": status, "submitted_at": timezone.now()},
        )
        Place.objects.get_or_create(
            division=division,
            school=world.school1,
            subject=world.subject,
            stage="onderbouw",
            level="hbo",
            start="september",
            defaults={"capacity": 2},
        )
        return base(world)

    return kwargs


def with_request(world) -> dict:
    """URL kwargs in A for the confirmation page of a capacity request sent in A."""
    year = AcademicYear.objects.get_or_create(start_year=2026)[0]
    request = CapacityRequest.objects.create(
        partnership=world.a, academic_year=year, deadline=datetime.date(2027, 1, 15)
    )
    return in_a(YEAR)(world) | {"pk": request.pk}


def place_data(world) -> dict:
    """More places reserved than there are: the form answers with an error on that cell."""
    place = Place.objects.get(division__partnership=world.a, school=world.school1)
    return {f"capacity-{place.pk}": "1", f"reserved-{place.pk}": "2"}


def get(name, kwargs, ok, **options):
    return url_rows(name, kwargs, ok=ok, namespace=P, **options)


def post_invalid(name, kwargs, ok, data, **options):
    return url_rows(
        name,
        kwargs,
        ok=ok,
        method="post",
        data=data,
        check=has_form_errors,
        namespace=P,
        **options,
    )


def grid_rows(name, method="get", data=None):
    """A school page of capacity: school1 (SC's), school3 (SC's cluster), school2 (SC2's)."""
    rows = []
    for variant, school, own, other in (
        ("", "school1.pk", SC, SC2),
        ("cluster_school", "school3.pk", SC, SC2),
        ("school2", "school2.pk", SC2, SC),
    ):
        kwargs = in_a(YEAR, school=school)
        ok, options = (*PLANNERS, own), {"not_found": (other,), "variant": variant}
        if method == "post":
            rows += post_invalid(name, kwargs, ok, data, **options)
        else:
            rows += get(name, kwargs, ok, **options)
    return rows


def forged_schools(name, method="get"):
    options = {"namespace": P, "method": method}
    return [
        *forged(name, in_a(YEAR | {"school": FORGED}), **options),
        *forged(name, in_a(YEAR, school="school_b.pk"), "b_school", **options),
        *forged(name, in_a(YEAR, school="institute.pk"), "institute", **options),
        *forged(name, in_a(YEAR, school="school2.pk"), "other_school", actor=SC, **options),
    ]


ROWS: list[Row] = [
    # --- capacity ---------------------------------------------------------------------------
    *get("capacity", in_a(YEAR), (*MANAGERS, SC, SC2)),
    *forged("capacity", in_a({"year": "2026-2028"}), namespace=P),
    *get("capacity_request", in_a(YEAR), PLANNERS),
    *post_invalid("capacity_request", in_a(YEAR), PLANNERS, {"deadline": ""}),
    # check before sending: without (or with forged) signed values back to the form, nothing sent
    *get("capacity_request_check", in_a(YEAR), PLANNERS, ok_status=302),
    *get(
        "capacity_request_check",
        in_a(YEAR),
        PLANNERS,
        ok_status=302,
        method="post",
        data={"data": "forged"},
    ),
    *get("capacity_request_sent", with_request, PLANNERS),
    *forged("capacity_request_sent", in_a(YEAR | {"pk": FORGED}), namespace=P),
    *grid_rows("capacity_grid"),
    *grid_rows("capacity_grid", "post", {"total_cap": "-1"}),
    *forged_schools("capacity_grid"),
    *forged_schools("capacity_grid", "post"),
    *grid_rows("capacity_import"),
    *grid_rows("capacity_import", "post", {}),
    *forged_schools("capacity_import"),
    *grid_rows("capacity_template"),
    *forged_schools("capacity_template"),
    # --- division ---------------------------------------------------------------------------
    *get("division", in_a(YEAR), PLANNERS),
    *get("division", with_division(), PLANNERS, variant="with_places"),
    *get("division_step", in_a(YEAR | {"step": "build"}), PLANNERS, ok_status=302, method="post"),
    *forged("division_step", in_a(YEAR | {"step": "nope"}), namespace=P, method="post"),
    *forged(
        "division_step", in_a(YEAR | {"step": "submit"}), "no_division", namespace=P, method="post"
    ),
    Row(
        f"{P}:division_step", in_a(YEAR | {"step": "build"}), "stagecoordinator", 405, variant="get"
    ),
    # publishing: a check page (an approved division; another status goes back to the division)
    # and the confirmation (a published division; before that back to the division)
    *get("division_publish", with_division("approved"), PLANNERS),
    *get("division_publish", with_division(), PLANNERS, ok_status=302, variant="draft"),
    *get("division_publish", with_division(), PLANNERS, ok_status=302, method="post"),
    *forged("division_publish", in_a(YEAR), "no_division", namespace=P),
    *get("division_published", with_division("published"), PLANNERS),
    *get("division_published", in_a(YEAR), PLANNERS, ok_status=302, variant="no_division"),
    *get("division_school", with_division(school="school1.pk"), PLANNERS),
    *post_invalid("division_school", with_division(school="school1.pk"), PLANNERS, place_data),
    *forged("division_school", in_a(YEAR, school="school1.pk"), "no_division", namespace=P),
    *forged("division_school", with_division(school="school_b.pk"), "b_school", namespace=P),
    *forged("division_school", with_division(const={"school": FORGED}), namespace=P),
    *get("division_approve", in_a(YEAR), APPROVERS),
    *post_invalid(
        "division_approve", with_division("submitted"), APPROVERS, {"send_back": "1", "note": ""}
    ),
    *forged(
        "division_approve",
        in_a(YEAR),
        "no_division",
        actor="programmamanager",
        method="post",
        namespace=P,
    ),
    # --- places -----------------------------------------------------------------------------
    *get("places", in_a(YEAR), PLACES),
    *get("places", with_division(), PLACES, variant="with_places"),
    *forged("places", in_a({"year": "x"}), namespace=P),
]
