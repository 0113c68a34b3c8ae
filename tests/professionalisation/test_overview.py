"""The yearly overview: participants, completions and hours per activity and per school, new
certifications, open needs; the XLSX reads back; the query count does not grow with the rows."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partnerships.glossary import QualificationKind, Role
from partnerships.models import Qualification
from professionalisation.choices import EnrolmentStatus
from professionalisation.overview import enrolment_hours, year_overview
from professionalisation.services import runs as services
from professionalisation.services.needs import needs_save
from tests.professionalisation.runs_world import activity, enrol, meeting, run

pytestmark = pytest.mark.django_db
WPB = Role.WERKPLEKBEGELEIDER


def test_hours_are_the_activity_hours_or_the_attended_share():
    h = Decimal(24)
    assert enrolment_hours(h, EnrolmentStatus.COMPLETED, 0, 4) == 24
    assert enrolment_hours(h, EnrolmentStatus.ENROLLED, 1, 4) == 6
    assert enrolment_hours(h, EnrolmentStatus.NOT_COMPLETED, 1, 3) == Decimal("8.0")
    assert enrolment_hours(h, EnrolmentStatus.ENROLLED, 0, 0) == 0
    assert enrolment_hours(h, EnrolmentStatus.CANCELLED, 4, 4) == 0


def scenario(world):
    world.qualification.delete()
    pm = world["programmamanager"]
    r = run(world)
    m1, m2 = meeting(r), meeting(r, on=r.ends_on)
    done = services.run_enrol(run=r, person=world[WPB])
    busy = services.run_enrol(run=r, person=world["wpb_other_school"])
    services.meeting_attendance_save(meeting=m1, present={done.pk, busy.pk}, by=pm)
    services.meeting_attendance_save(meeting=m2, present={done.pk}, by=pm)
    services.run_complete(run=r, completed={done.pk: True}, on=timezone.localdate(), by=pm)
    webinar = activity(
        world.a,
        name="Webinar",
        kind="webinar",
        formality="informal",
        target_roles=[],
        hours=2,
        qualification_kind="",
    )
    enrol(run(world, act=webinar), world[Role.CO_DOCENT], status=EnrolmentStatus.CANCELLED)
    # B's certification this year does not count for A
    Qualification.objects.create(
        person=world["wpb_b"], kind=QualificationKind.WPB_BASIS, obtained_on=timezone.localdate()
    )
    year = r.academic_year
    needs_save(
        organisation=world.school1,
        year=year,
        by=pm,
        rows={WPB: (3, "Coaching"), Role.ASSESSOR: (2, "")},
    )
    needs_save(organisation=world.school2, year=year, by=pm, rows={WPB: (1, "")})
    return year


def test_the_numbers_of_a_year(world):
    year = scenario(world)
    data = year_overview(partnership=world.a, year=year)
    by_activity = {row["activity"].name: row for row in data["activities"]}
    wpb = by_activity["Wpb basic training"]
    assert (wpb["runs"], wpb["participants"], wpb["completed"], wpb["hours"]) == (1, 2, 1, 36)
    assert by_activity["Webinar"]["participants"] == 0  # the cancelled one does not count
    by_org = {row["organisation"]: row for row in data["schools"]}
    s1, s2 = by_org[world.school1], by_org[world.school2]
    assert (s1["participants"], s1["completed"], s1["hours"], s1["needs"], s1["open"]) == (
        1,
        1,
        24,
        5,
        4,
    )
    assert (s2["participants"], s2["completed"], s2["hours"], s2["needs"], s2["open"]) == (
        1,
        0,
        12,
        1,
        0,
    )
    certs = {row["kind"]: row["count"] for row in data["certifications"]}
    assert certs[dict(QualificationKind.choices)[QualificationKind.WPB_BASIS]] == 1
    assert data["totals"] == {
        "participants": 2,
        "completed": 1,
        "hours": 36,
        "certifications": 1,
        "needs": 6,
        "open": 4,
    }
    needs = {(r["organisation"], str(r["role"])): (r["trained"], r["open"]) for r in data["needs"]}
    assert needs[("Alfa College", str(dict(Role.choices)[WPB]))] == (1, 2)


def test_the_xlsx_reads_back(client, world):
    year = scenario(world)
    client.force_login(world["stuurgroeplid"])
    response = client.get(
        reverse("professionalisation:pro_overview_xlsx", args=[world.a.slug]), {"year": year.label}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 4
    activities = list(book.worksheets[0].iter_rows(values_only=True))
    wpb_row = next(r for r in activities if r[0] == "Wpb basic training")
    assert wpb_row[3:] == (1, 2, 1, 36)
    schools = {r[0]: r for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert schools["Alfa College"][2:] == (1, 1, 24, 5, 4)
    needs = list(book.worksheets[3].iter_rows(min_row=2, values_only=True))
    assert any(r[0] == "Alfa College" and r[5] == "Coaching" for r in needs)


def test_overview_query_count_is_flat(client, world):
    client.force_login(world["programmamanager"])
    url = reverse("professionalisation:pro_overview", args=[world.a.slug])
    year = run(world, title="first").academic_year
    client.get(url, {"year": year.label})
    counts, total = {}, 0
    for size in (1, 10, 50):
        for i in range(total, size):
            act = activity(world.a, name=f"Activity {i}", target_roles=[WPB, Role.CO_DOCENT])
            r = run(world, act=act, title=f"Run {i}")
            e = enrol(r, world[WPB] if i % 2 else world["wpb_other_school"])
            m = meeting(r)
            m.attendance.create(enrolment=e, present=True)
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"year": year.label})
        assert len(response.context["activities"]) == size + 1
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts
