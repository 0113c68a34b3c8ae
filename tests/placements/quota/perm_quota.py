"""Permission rows for the quota, facilitation-hours and small-appointment pages
(/p/<slug>/placements/<year>/…), wired into tests/partnerships/test_permissions.py.

Objects are made idempotently inside the kwargs callables on the shared world's partnership A:
a quota for 2026-2027 (proposed by A's stagecoördinator) and placements of student1 (school1,
institute1) and student2 (school2, institute2) in that year. Quota and facilitation pages are
partnership-level (every school lead sees the quota; a schoolcoördinator's facilitation rows are
filtered, not refused); small appointments hang on a placement, so another school's placement is
a 404."""

from placements import services
from placements.models import Placement, Quota, SmallAppointment
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    FORGED,
    GOVERNANCE,
    IC,
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

LABEL = "2026-2027"
NS = {"namespace": "placements"}
PLANNERS = ("stagecoordinator", "programmamanager")
VIEW_QUOTA = (*MANAGERS, *GOVERNANCE, *SCHOOL1_LEADS, SC2, SO2)
VIEW_FACILITATION = (*MANAGERS, *GOVERNANCE, SC, SC2)
MANAGE_PLACEMENTS = (*PLANNERS, SC, IC, SC2)


def _year(w):
    return {"partnership": w.a.slug, "year": LABEL}


def _quota(w) -> Quota:
    quota = Quota.objects.filter(partnership=w.a, academic_year__start_year=2026).first()
    return quota or services.quota_propose(
        partnership=w.a,
        year=academic_year(2026),
        places=10,
        margin_percent=10,
        by=w["stagecoordinator"],
    )


def with_quota(w):
    _quota(w)
    return _year(w)


def _unreasoned_adjustment(w):
    share = _quota(w).shares.order_by("pk").first()
    return {f"adjusted_{share.pk}": share.computed + 3, f"reason_{share.pk}": ""}


def _placement(w, student) -> Placement:
    placement, _created = Placement.objects.get_or_create(
        student=student,
        academic_year=academic_year(2026),
        start="september",
        defaults={
            "school": student.school,
            "subject": student.subject,
            "stage": "onderbouw",
            "level": "hbo",
            "status": "confirmed",
        },
    )
    return placement


def placement_of(student: str, with_appointment: bool = False):
    def kwargs(w):
        placement = _placement(w, getattr(w, student))
        if with_appointment:
            SmallAppointment.objects.get_or_create(
                placement=placement, defaults={"hours_per_week": 5, "study_year": 3}
            )
        return _year(w) | {"pk": placement.pk}

    return kwargs


def _has_norm_errors(response, world):
    forms = response.context["forms"]
    assert forms["year_form"].errors, "an invalid submission should show the form's errors"


_NORMS_INVALID = {
    "year-school_base_hours": "-5",
    "cat-TOTAL_FORMS": "0",
    "cat-INITIAL_FORMS": "0",
    "inst-TOTAL_FORMS": "0",
    "inst-INITIAL_FORMS": "0",
}

ROWS: list[Row] = [
    # --- quota ------------------------------------------------------------------------------
    *url_rows("quota", _year, ok=VIEW_QUOTA, **NS),
    *url_rows("quota", with_quota, ok=VIEW_QUOTA, variant="with_quota", **NS),
    *url_rows("quota_monitor", with_quota, ok=VIEW_QUOTA, **NS),
    *url_rows("quota_propose", _year, ok=PLANNERS, **NS),
    *url_rows(
        "quota_propose",
        _year,
        ok=PLANNERS,
        method="post",
        data={"places": "0"},
        variant="invalid",
        check=has_form_errors,
        **NS,
    ),
    *url_rows("quota_distribution", with_quota, ok=PLANNERS, **NS),
    *url_rows(
        "quota_distribution",
        with_quota,
        ok=PLANNERS,
        method="post",
        data=_unreasoned_adjustment,
        variant="invalid",
        check=has_form_errors,
        **NS,
    ),
    *url_rows("quota_recompute", with_quota, ok=PLANNERS, ok_status=302, method="post", **NS),
    *url_rows("quota_submit", with_quota, ok=PLANNERS, ok_status=302, method="post", **NS),
    *url_rows("quota_approve", with_quota, ok=("stuurgroeplid",), **NS),
    *url_rows(
        "quota_approve",
        with_quota,
        ok=("stuurgroeplid",),
        method="post",
        data={"meeting": ""},
        variant="invalid",
        check=has_form_errors,
        **NS,
    ),
    Row("placements:quota_submit", with_quota, "stagecoordinator", 405, variant="get"),
    *forged("quota_distribution", _year, "no_quota", **NS),
    *forged("quota_approve", _year, "no_quota", actor="stuurgroeplid", **NS),
    *forged("quota_submit", _year, "no_quota", method="post", **NS),
    *forged("quota", in_a({"year": "2026-2028"}), "bad_year", **NS),
    # --- facilitation hours -----------------------------------------------------------------
    *url_rows("facilitation", _year, ok=VIEW_FACILITATION, **NS),
    *url_rows("facilitation_export", _year, ok=VIEW_FACILITATION, **NS),
    *url_rows("facilitation_norms", _year, ok=PLANNERS, **NS),
    *url_rows(
        "facilitation_norms",
        _year,
        ok=PLANNERS,
        method="post",
        data=_NORMS_INVALID,
        variant="invalid",
        check=_has_norm_errors,
        **NS,
    ),
    # --- small appointments -----------------------------------------------------------------
    *url_rows("appointment_list", _year, ok=MANAGE_PLACEMENTS, **NS),
    *url_rows(
        "appointment", placement_of("student1"), ok=(*PLANNERS, SC, IC), not_found=(SC2,), **NS
    ),
    *url_rows(
        "appointment",
        placement_of("student2"),
        ok=(*PLANNERS, SC2),
        not_found=(SC, IC),
        variant="school2",
        **NS,
    ),
    *url_rows(
        "appointment",
        placement_of("student1"),
        ok=(*PLANNERS, SC, IC),
        not_found=(SC2,),
        method="post",
        data={"hours_per_week": ""},
        variant="invalid",
        check=has_form_errors,
        **NS,
    ),
    *url_rows(
        "appointment_delete",
        placement_of("student1", with_appointment=True),
        ok=(*PLANNERS, SC, IC),
        not_found=(SC2,),
        ok_status=302,
        method="post",
        **NS,
    ),
    *forged("appointment", in_a({"year": LABEL, "pk": FORGED}), **NS),
    *forged("appointment", placement_of("student_b"), "b_placement", **NS),
    *forged(
        "appointment",
        lambda w: placement_of("student1")(w) | {"year": "2027-2028"},
        "other_year",
        **NS,
    ),
    *forged("appointment_delete", placement_of("student1"), "no_appointment", method="post", **NS),
]
