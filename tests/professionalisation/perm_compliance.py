"""Permission rows for compliance (VIEW_COMPLIANCE: managers, governance and school leads;
leads see their own school, a schoolcoördinator also the cluster's other school) and the
norms (MANAGE_ACTIVITIES: programme manager and administrator)."""

from tests.partnerships.test_permissions import (
    ADMINS,
    FORGED,
    GOVERNANCE,
    MANAGERS,
    SC,
    SC2,
    SCHOOL1_LEADS,
    SO,
    SO2,
    forged,
    has_form_errors,
    in_a,
    url_rows,
)

NS = "professionalisation"
READERS = (*MANAGERS, *GOVERNANCE, *SCHOOL1_LEADS, SC2, SO2)


def lists_only_own_schools(response, world):
    names = {r.name for r in response.context["reports"]}
    user = response.wsgi_request.user
    if user == world["schoolopleider"]:
        assert names == {world.school1.name}
    elif user == world["schoolcoordinator"]:
        assert names == {world.school1.name, world.school3.name}
    elif user == world["schoolcoordinator_other_school"]:
        assert names == {world.school2.name}
    elif user == world["stagecoordinator"]:
        assert names == {world.school1.name, world.school2.name, world.school3.name}


def names_the_school(response, world):
    assert response.context["report"].id == response.context["school"].pk


BAD_NORMS = {
    "min_schoolopleiders": "1",
    "min_brlo": "2",
    "min_coordinators": "1",
    "min_assessors": "-1",
    "min_certified_wpb_per_section": "1",
    "min_teaching_years": "3",
}

ROWS = [
    *url_rows("compliance", in_a(), ok=READERS, namespace=NS, check=lists_only_own_schools),
    *url_rows(
        "compliance_school",
        in_a(pk="school1.pk"),
        ok=(*MANAGERS, *GOVERNANCE, *SCHOOL1_LEADS),
        not_found=(SC2, SO2),
        namespace=NS,
        check=names_the_school,
    ),
    *url_rows(
        "compliance_school",
        in_a(pk="school3.pk"),
        variant="cluster_school",
        ok=(*MANAGERS, *GOVERNANCE, SC),
        not_found=(SO, "leidinggevende", SC2, SO2),
        namespace=NS,
    ),
    *forged("compliance_school", in_a(pk="institute.pk"), "institute", namespace=NS),
    *forged("compliance_school", in_a(pk="school_b.pk"), "b_school", namespace=NS),
    *forged("compliance_school", in_a({"pk": FORGED}), namespace=NS),
    *forged("compliance_school", in_a(pk="school2.pk"), "other_school", SO, namespace=NS),
    *url_rows("mentor_flags", in_a(), ok=READERS, namespace=NS),
    *url_rows("norms_edit", in_a(), ok=ADMINS, namespace=NS),
    *url_rows(
        "norms_edit",
        in_a(),
        ok=ADMINS,
        method="post",
        data=BAD_NORMS,
        check=has_form_errors,
        namespace=NS,
    ),
]
