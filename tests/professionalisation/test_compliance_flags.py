"""Flagged placements: this year's confirmed and active placements whose werkplekbegeleider
falls short (teaching years, training), scoped to the viewer, with a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from partnerships.access import Access
from partnerships.glossary import Role
from professionalisation import compliance
from tests.factories import academic_year
from tests.professionalisation.compliance_world import enrol, placement, run, staff, student_at

pytestmark = pytest.mark.django_db


def flags_url(world):
    return reverse("professionalisation:mentor_flags", args=[world.a.slug])


def flags_of(client, world, actor):
    client.force_login(world[actor])
    response = client.get(flags_url(world))
    assert response.status_code == 200
    return response


def test_an_untrained_mentor_flags_the_placement_with_the_reason(client, world):
    flagged = placement(world.student2, world.school2, world["wpb_other_school"])
    placement(world.student1, world.school1, world["werkplekbegeleider"])  # meets everything
    response = flags_of(client, world, "stagecoordinator")
    (flag,) = response.context["flags"]
    assert flag.placement == flagged
    assert flag.reasons == [gettext("no completed, running or planned wpb training")]
    page = response.content.decode()
    assert world.student2.person.full_name in page
    assert world["wpb_other_school"].full_name in page
    assert f">{world.student1.person.full_name}<" not in page


def test_teaching_years_short_or_unknown_are_reasons(client, world):
    wpb = world["werkplekbegeleider"]
    placement(world.student1, world.school1, wpb, status="confirmed")
    year = timezone.localdate().year
    for since, reason in (
        (
            year - 1,
            gettext("has taught %(have)s years (a wpb needs %(need)s)") % {"have": 1, "need": 3},
        ),
        (None, gettext("teaching years unknown (a wpb needs %(need)s)") % {"need": 3}),
    ):
        wpb.teaching_since = since
        wpb.save()
        (flag,) = flags_of(client, world, "stagecoordinator").context["flags"]
        assert flag.reasons == [reason]


def test_a_running_or_planned_training_keeps_the_placement_off_the_list(client, world):
    wpb = world["wpb_other_school"]
    placement(world.student2, world.school2, wpb)
    enrol(run(world.a, "wpb_basis"), wpb)
    assert flags_of(client, world, "stagecoordinator").context["flags"] == []


@pytest.mark.parametrize("status", ["proposed", "interview_planned", "completed", "cancelled"])
def test_only_confirmed_and_active_placements_count(client, world, status):
    placement(world.student2, world.school2, world["wpb_other_school"], status=status)
    assert flags_of(client, world, "stagecoordinator").context["total"] == 0


def test_only_this_years_placements_count(client, world):
    last_year = academic_year(academic_year().start_year - 1)
    placement(world.student2, world.school2, world["wpb_other_school"], year=last_year)
    assert flags_of(client, world, "stagecoordinator").context["total"] == 0


def test_each_viewer_sees_the_placements_of_their_scope(client, world):
    placement(world.student2, world.school2, world["wpb_other_school"])
    assert len(flags_of(client, world, "schoolcoordinator_other_school").context["flags"]) == 1
    lead = flags_of(client, world, "schoolopleider")
    assert (lead.context["flags"], lead.context["total"]) == ([], 0)
    governance = flags_of(client, world, "stuurgroeplid")
    assert governance.context["flags"] == []  # no students for governance
    assert governance.context["total"] == 1
    assert governance.context["per_school"] == [(world.school2.name, 1)]
    page = governance.content.decode()
    assert world.student2.person.full_name not in page
    assert escape(gettext("Your role shows the numbers per school, not the students.")) in page


def test_the_dashboard_counts_the_flags(world):
    placement(world.student2, world.school2, world["wpb_other_school"])
    from professionalisation.dashboard.compliance import cards

    (_gaps, flag_card) = cards(Access(world["schoolopleider_other_school"]), world.a)
    assert flag_card.count == 1
    assert flag_card.items[0][1] == flags_url(world)
    (_gaps, flag_card) = cards(Access(world["schoolopleider"]), world.a)
    assert (flag_card.count, flag_card.items) == (0, [])


def test_the_list_reads_a_fixed_number_of_queries(client, world):
    compliance.norms_for(world.a)
    client.force_login(world["stagecoordinator"])
    counts = []
    made = 0
    for n in (1, 10, 50):
        for i in range(made, n):
            wpb = staff(world.a, world.school2, Role.WERKPLEKBEGELEIDER, since=None)
            student = student_at(world.a, world.school2, world.subject2, world.institute2)
            placement(student, world.school2, wpb, status="active" if i % 2 else "confirmed")
        made = n
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(flags_url(world))
        assert len(response.context["flags"]) == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2], counts
