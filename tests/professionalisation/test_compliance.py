"""Compliance pages: the facts loaded per school, scoping, candidates with their links, the
norms, query counts that do not grow with the number of schools."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from partnerships.access import Access
from partnerships.glossary import Role
from partnerships.models import AuditEntry, Person
from professionalisation import compliance
from professionalisation.dashboard.compliance import cards
from professionalisation.models import RequirementNorms
from tests.factories import PartnershipFactory, SubjectFactory
from tests.professionalisation.compliance_world import (
    compliant_school,
    enrol,
    qualify,
    run,
    staff,
)

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"professionalisation:{name}", kwargs={"partnership": world.a.slug, **kwargs})


def codes(report):
    return sorted(g.code for g in report.gaps)


def reports_for(client, world, actor="stagecoordinator"):
    client.force_login(world[actor])
    response = client.get(url(world, "compliance"))
    assert response.status_code == 200
    return {r.name: r for r in response.context["reports"]}


def test_the_world_schools_and_their_gaps(client, world):
    reports = reports_for(client, world)
    school1, school2, school3 = (
        reports[world.school1.name],
        reports[world.school2.name],
        reports[world.school3.name],
    )
    # school1: one schoolopleider without BRLO, an uncertified assessor, a certified wpb
    assert codes(school1) == ["assessors", "brlo", "schoolopleiders"]
    (assessors,) = [g for g in school1.gaps if g.code == "assessors"]
    assert [c.name for c in assessors.candidates] == [world["assessor"].full_name]
    assert assessors.candidates[0].status == gettext("eligible")
    # school3 shares school1's coordinator (cluster) but has nobody else
    assert "coordinator" not in codes(school3)
    assert codes(school3) == ["assessors", "brlo", "schoolopleiders"]
    # school2: its wpb has no subject and no training
    assert codes(school2) == ["assessors", "brlo", "schoolopleiders", "section", "wpb_training"]
    (training,) = [g for g in school2.gaps if g.code == "wpb_training"]
    assert world["wpb_other_school"].full_name in training.text
    assert [c.person_id for c in training.candidates] == [world["wpb_other_school"].pk]


def test_the_page_shows_the_gap_and_who_could_close_it(client, world):
    client.force_login(world["schoolcoordinator_other_school"])
    response = client.get(url(world, "compliance_school", pk=world.school2.pk))
    page = response.content.decode()
    (section,) = [g for g in response.context["report"].gaps if g.code == "section"]
    assert section.text == gettext(
        "The %(label)s section takes students but has %(have)s of the %(need)s "
        "werkplekbegeleiders with a completed wpb training it needs."
    ) % {"label": world.subject, "have": 0, "need": 1}
    assert escape(section.text) in page
    assert world["wpb_other_school"].full_name in page
    assert escape(gettext("eligible")) in page
    assert world.school1.name not in page


def test_a_coordinator_is_missing_without_the_cluster(client, world):
    world.school3.cluster = None
    world.school3.save()
    reports = reports_for(client, world)
    assert "coordinator" in codes(reports[world.school3.name])
    assert "coordinator" not in codes(reports[world.school1.name])


def test_an_enrolled_candidate_links_to_the_run(client, world):
    wpb = world["wpb_other_school"]
    world.roles["wpb_other_school"].subject = world.subject
    world.roles["wpb_other_school"].save()
    the_run = run(world.a, "wpb_basis", title="Basistraining wpb voorjaar")
    enrol(the_run, wpb)
    reports = reports_for(client, world)
    school2 = reports[world.school2.name]
    assert "wpb_training" not in codes(school2)  # enrolled: the training counts
    (section,) = [g for g in school2.gaps if g.code == "section"]
    (candidate,) = section.candidates
    assert candidate.status == gettext("enrolled in %(run)s") % {
        "run": "Basistraining wpb voorjaar"
    }
    assert candidate.run_url == the_run.get_absolute_url()


def test_a_cancelled_enrolment_or_a_completed_run_is_no_training(client, world):
    wpb = world["wpb_other_school"]
    enrol(run(world.a, "wpb_basis"), wpb, status="cancelled")
    enrol(run(world.a, "wpb_basis", status="cancelled"), wpb)
    enrol(run(world.a, "brlo"), wpb)  # another kind
    reports = reports_for(client, world)
    assert "wpb_training" in codes(reports[world.school2.name])


def test_eligible_people_get_an_enrol_link_for_those_who_may_enrol_others(client, world):
    the_run = run(world.a, "wpb_basis", title="Basistraining")
    wpb = world["wpb_other_school"]
    for actor, expected in (("programmamanager", True), ("schoolopleider_other_school", False)):
        client.force_login(world[actor])
        response = client.get(url(world, "compliance_school", pk=world.school2.pk))
        (gap,) = [g for g in response.context["report"].gaps if g.code == "wpb_training"]
        (candidate,) = gap.candidates
        enrol_url = reverse(
            "professionalisation:run_enrol_person",
            kwargs={"partnership": world.a.slug, "pk": the_run.pk},
        )
        if expected:
            assert candidate.enrol_url == f"{enrol_url}?person={wpb.pk}"
            assert candidate.enrol_url.replace("&", "&amp;") in response.content.decode()
        else:
            assert candidate.enrol_url == ""


def test_without_an_open_run_the_organiser_is_pointed_to_plan_one(client, world):
    client.force_login(world["programmamanager"])
    response = client.get(url(world, "compliance_school", pk=world.school2.pk))
    (gap,) = [g for g in response.context["report"].gaps if g.code == "wpb_training"]
    assert gap.plan_url == url(world, "activity_list")  # no activity gives the training yet
    done = run(world.a, "wpb_basis", status="completed")
    response = client.get(url(world, "compliance_school", pk=world.school2.pk))
    (gap,) = [g for g in response.context["report"].gaps if g.code == "wpb_training"]
    assert gap.plan_url == f"{url(world, 'run_create')}?activity={done.activity_id}"
    assert escape(gettext("No open run to enrol in: plan one")) in response.content.decode()
    client.force_login(world["stuurgroeplid"])
    response = client.get(url(world, "compliance_school", pk=world.school2.pk))
    (gap,) = [g for g in response.context["report"].gaps if g.code == "wpb_training"]
    assert gap.plan_url == ""


def test_a_completed_qualification_closes_the_gap(client, world):
    for kind in ("brlo",):
        qualify(world["schoolopleider"], kind)
    qualify(world["assessor"], "assessor")
    staff(world.a, world.school1, Role.SCHOOLOPLEIDER)
    reports = reports_for(client, world)
    assert reports[world.school1.name].compliant


def test_ended_roles_do_not_count(client, world):
    role = world.roles["schoolcoordinator"]
    role.valid_until = timezone.localdate() - timezone.timedelta(days=1)
    role.valid_from = None
    role.save()
    reports = reports_for(client, world)
    assert "coordinator" in codes(reports[world.school1.name])


def test_another_partnerships_enrolments_and_schools_stay_out(client, world):
    b_run = run(world.b, "wpb_basis")
    enrol(b_run, world["wpb_other_school"])
    reports = reports_for(client, world)
    assert world.school_b.name not in reports
    assert "wpb_training" in codes(reports[world.school2.name])


# --- norms ---------------------------------------------------------------------------------
def norms_data(**changes):
    data = {
        "min_schoolopleiders": 1,
        "min_brlo": 0,
        "min_coordinators": 1,
        "min_assessors": 0,
        "min_certified_wpb_per_section": 1,
        "min_teaching_years": 3,
    }
    return data | changes


def test_norms_change_what_counts_as_a_gap(client, world):
    client.force_login(world["programmamanager"])
    response = client.post(url(world, "norms_edit"), norms_data())
    assert response.status_code == 302
    assert response.url == url(world, "compliance")
    norms = RequirementNorms.objects.get(partnership=world.a)
    assert (norms.min_schoolopleiders, norms.min_brlo, norms.min_assessors) == (1, 0, 0)
    entry = AuditEntry.objects.get(action="requirement_norms")
    assert entry.details["min_schoolopleiders"] == [2, 1]
    reports = reports_for(client, world)
    assert reports[world.school1.name].compliant
    assert compliance.norms_for(world.b).min_schoolopleiders == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"min_brlo": 2}, "min_brlo"),
        ({"min_teaching_years": -1}, "min_teaching_years"),
        ({"min_assessors": "many"}, "min_assessors"),
        ({"min_schoolopleiders": ""}, "min_schoolopleiders"),
    ],
)
def test_bad_norms_are_refused_and_nothing_is_saved(client, world, changes, field):
    client.force_login(world["administratief_ondersteuner"])
    response = client.post(url(world, "norms_edit"), norms_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    norms = compliance.norms_for(world.a)
    assert (norms.min_schoolopleiders, norms.min_brlo) == (2, 1)
    assert not AuditEntry.objects.filter(action="requirement_norms").exists()


def test_the_service_refuses_more_brlo_than_schoolopleiders(world):
    from django.core.exceptions import ValidationError

    from professionalisation.services.compliance import requirement_norms_update

    with pytest.raises(ValidationError) as exc:
        requirement_norms_update(
            partnership=world.a, by=world["programmamanager"], min_schoolopleiders=1, min_brlo=2
        )
    assert "min_brlo" in exc.value.error_dict
    with pytest.raises(TypeError):
        requirement_norms_update(partnership=world.a, by=world["programmamanager"], name="x")


# --- query counts --------------------------------------------------------------------------
def test_the_overview_reads_a_fixed_number_of_queries(client):
    p = PartnershipFactory(slug="many-schools")
    subject = SubjectFactory(partnership=p, code="wi", name="Wiskunde")
    manager = Person.objects.create_user("pm@many.example.org", "x", first_name="P", last_name="M")
    from tests.factories import RoleFactory

    RoleFactory(person=manager, partnership=p, role=Role.PROGRAMMAMANAGER)
    the_run = run(p, "wpb_basis")
    compliance.norms_for(p)  # made on the first visit
    client.force_login(manager)
    counts = []
    made = 0
    for n in (1, 10):
        for i in range(made, n):
            school = compliant_school(p, subject)
            wpb = staff(p, school, Role.WERKPLEKBEGELEIDER, subject=subject, since=None)
            if i % 2:
                enrol(the_run, wpb)
        made = n
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("professionalisation:compliance", args=[p.slug]))
        assert len(response.context["reports"]) == n
        assert all(not r.compliant for r in response.context["reports"])
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_the_school_page_reads_a_fixed_number_of_queries(client, world):
    client.force_login(world["stagecoordinator"])
    compliance.norms_for(world.a)  # made on the first visit
    counts = []
    for extra in (0, 6):
        for _i in range(extra):
            staff(world.a, world.school1, Role.WERKPLEKBEGELEIDER, subject=world.subject)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url(world, "compliance_school", pk=world.school1.pk))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


# --- dashboard -----------------------------------------------------------------------------
def test_dashboard_cards_per_role(world):
    lead = cards(Access(world["schoolopleider"]), world.a)
    assert [c.title for c in lead] == [
        gettext("Professionalisation gaps at your school"),
        gettext("Placements with a werkplekbegeleider who falls short"),
    ]
    assert lead[0].count == 3
    assert lead[0].items[0][1] == url(world, "compliance_school", pk=world.school1.pk)
    manager = cards(Access(world["stagecoordinator"]), world.a)
    assert manager[0].title == gettext("Schools with professionalisation gaps")
    assert manager[0].count == 3
    assert cards(Access(world["werkplekbegeleider"]), world.a) == []
    assert cards(Access(world["instituutsopleider"]), world.a) == []


def test_the_dashboard_page_shows_the_cards(client, world):
    client.force_login(world["schoolcoordinator"])
    response = client.get(reverse("partnerships:dashboard", args=[world.a.slug]))
    page = response.content.decode()
    assert escape(gettext("Professionalisation gaps at your school")) in page
    assert url(world, "compliance_school", pk=world.school3.pk) in page


def test_the_overview_cards_follow_the_gaps_of_the_moment(client, world):
    """The overview's cards per school with gaps are rendered once per version of the reports
    (cached): a gap closed since the last view is gone at once."""
    client.force_login(world["stagecoordinator"])
    gap = escape(gettext("%(have)s of the %(need)s certified assessors the school needs."))
    gap %= {"have": 0, "need": 1}

    def school1_card() -> str:
        page = client.get(url(world, "compliance")).content.decode()
        start = page.index(f'id="school-{world.school1.pk}"')
        return page[start : page.index("</section>", start)]

    assert gap in school1_card() and gap in school1_card()
    qualify(world["assessor"], "assessor")
    assert gap not in school1_card()
