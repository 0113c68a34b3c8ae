"""Capacity: the bulk grid through the page, the XLSX form and its import, the request to all
schools and the reminders."""

import datetime
import io
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from partnerships.glossary import Role
from partnerships.models import Cluster, SentNotification
from placements.capacity import reminders
from placements.capacity import services as service
from placements.models import CapacityLine, CapacityRequest, SchoolCapacity
from placements.tasks import send_capacity_reminders
from tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    SectionFactory,
    SubjectFactory,
    academic_year,
)
from tests.placements.factories import CapacityLineFactory, SchoolCapacityFactory

pytestmark = pytest.mark.django_db
LABEL = "2030-2031"


def shows(response, message: str) -> bool:
    with translation.override("nl"):
        return escape(gettext(message)) in response.content.decode()


@pytest.fixture
def w(db):
    p = PartnershipFactory(name="Capaciteit", slug="cap")
    cluster = Cluster.objects.create(partnership=p, name="Noord")
    school1 = SchoolFactory(partnership=p, name="Alfa College", cluster=cluster)
    school3 = SchoolFactory(partnership=p, name="Alfa Lyceum", cluster=cluster)
    school2 = SchoolFactory(partnership=p, name="Beekdal")
    SchoolFactory(partnership=p, name="Gesloten School", is_active=False)
    maths = SubjectFactory(partnership=p, name="Wiskunde", code="wi")
    english = SubjectFactory(partnership=p, name="Engels", code="en")
    german = SubjectFactory(partnership=p, name="Duits", code="du")
    SectionFactory(school=school1, subject=maths)
    SectionFactory(school=school1, subject=english)
    SectionFactory(school=school2, subject=maths)

    def person(role, org=None, email=None):
        someone = PersonFactory(email=email or f"{role}@cap.example.org")
        RoleFactory(person=someone, partnership=p, role=role, organisation=org)
        return someone

    return SimpleNamespace(
        p=p,
        year=academic_year(2030),
        school1=school1,
        school2=school2,
        school3=school3,
        maths=maths,
        english=english,
        german=german,
        sc=person(Role.SCHOOLCOORDINATOR, school1),
        sc2=person(Role.SCHOOLCOORDINATOR, school2, "sc2@cap.example.org"),
        stage=person(Role.STAGECOORDINATOR),
        admin=person(Role.ADMINISTRATIEF_ONDERSTEUNER),
    )


def url(name, w, *args):
    return reverse(f"placements:{name}", args=[w.p.slug, LABEL, *args])


def cell(subject, stage="onderbouw", level="hbo", start="september"):
    return f"c-{subject.pk}-{stage}-{level}-{start}"


def lines_of(school):
    return sorted(
        (line.subject.code, line.stage, line.level, line.start, line.places, line.availability)
        for line in CapacityLine.objects.filter(capacity__school=school)
    )


# --- the grid -----------------------------------------------------------------------------


def test_grid_shows_the_sections_and_saves_the_whole_declaration(client, w):
    client.force_login(w.sc)
    response = client.get(url("capacity_grid", w, w.school1.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wiskunde" in page and "Engels" in page
    assert f'name="{cell(w.maths)}-places"' in page
    assert shows(response, "Not answered yet.")

    data = {
        f"{cell(w.maths)}-places": "2",
        f"{cell(w.maths, 'bovenbouw', 'either', 'february')}-places": "3",
        f"{cell(w.maths, 'bovenbouw', 'either', 'february')}-maybe": "on",
        f"{cell(w.english, level='wo')}-places": "0",
        "total_cap": "4",
    }
    response = client.post(url("capacity_grid", w, w.school1.pk), data)
    assert response.status_code == 302
    assert lines_of(w.school1) == [
        ("wi", "bovenbouw", "either", "february", 3, "maybe"),
        ("wi", "onderbouw", "hbo", "september", 2, "yes"),
    ]
    capacity = SchoolCapacity.objects.get(school=w.school1, academic_year=w.year)
    assert capacity.total_cap == 4
    assert capacity.answered_at is not None and capacity.updated_by == w.sc

    page = client.get(response["Location"]).content.decode()
    assert 'value="3"' in page and "table-warning" in page  # the maybe cell stands out

    # Saving again replaces the declaration: a cleared cell removes its line.
    data.pop(f"{cell(w.maths)}-places")
    client.post(url("capacity_grid", w, w.school1.pk), data)
    assert lines_of(w.school1) == [("wi", "bovenbouw", "either", "february", 3, "maybe")]


def test_an_invalid_cell_saves_nothing_and_is_marked_in_dutch(client, w):
    CapacityLineFactory(
        capacity=SchoolCapacityFactory(school=w.school1, academic_year=w.year), subject=w.maths
    )
    before = lines_of(w.school1)
    client.force_login(w.sc)
    data = {
        f"{cell(w.maths)}-places": "5",
        f"{cell(w.english)}-places": "abc",
        f"{cell(w.english, level='wo')}-places": "-1",
        f"{cell(w.english, start='february')}-maybe": "on",
    }
    response = client.post(url("capacity_grid", w, w.school1.pk), data)
    assert response.status_code == 200
    assert lines_of(w.school1) == before
    form = response.context["form"]
    assert set(form.errors) == {
        f"{cell(w.english)}-places",
        f"{cell(w.english, level='wo')}-places",
        f"{cell(w.english, start='february')}-places",
    }
    assert "moet een heel getal zijn" in response.content.decode()  # form_defaults
    assert shows(response, "Enter the number of places that may be available.")
    assert 'aria-invalid="true"' in response.content.decode()
    assert 'value="abc"' in response.content.decode()  # what was typed stays


def test_with_htmx_the_form_is_swapped_in_place(client, w):
    client.force_login(w.sc)
    response = client.post(
        url("capacity_grid", w, w.school1.pk),
        {f"{cell(w.maths)}-places": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith("<form") and "<html" not in page
    assert lines_of(w.school1) == [("wi", "onderbouw", "hbo", "september", 1, "yes")]
    assert "Alfa College" in response.context["saved"]


def test_adding_a_subject_keeps_what_was_typed_and_saves_nothing(client, w):
    client.force_login(w.sc)
    response = client.post(
        url("capacity_grid", w, w.school1.pk),
        {f"{cell(w.maths)}-places": "2", "add_subject": w.german.pk, "add": "1"},
    )
    assert response.status_code == 200
    assert f'name="{cell(w.german)}-places"' in response.content.decode()
    assert 'value="2"' in response.content.decode()
    assert not CapacityLine.objects.exists()
    # The added subject stays in the grid (hidden field) and can be saved.
    response = client.post(
        url("capacity_grid", w, w.school1.pk),
        {"subject": [w.german.pk], f"{cell(w.german, 'bovenbouw')}-places": "1"},
    )
    assert response.status_code == 302
    assert lines_of(w.school1) == [("du", "bovenbouw", "hbo", "september", 1, "yes")]


def test_someone_elses_save_in_the_meantime_is_not_overwritten(client, w):
    client.force_login(w.sc)
    loaded = client.get(url("capacity_grid", w, w.school1.pk))
    client.post(url("capacity_grid", w, w.school1.pk), {f"{cell(w.maths)}-places": "1"})
    stamp = SchoolCapacity.objects.get().updated_at
    client.force_login(w.stage)
    data = {f"{cell(w.maths)}-places": "2", "loaded": stamp.isoformat()}
    assert client.post(url("capacity_grid", w, w.school1.pk), data).status_code == 302
    client.force_login(w.sc)
    data = {f"{cell(w.maths)}-places": "9", "loaded": stamp.isoformat()}
    response = client.post(url("capacity_grid", w, w.school1.pk), data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert lines_of(w.school1)[0][4] == 2
    assert loaded.status_code == 200


def test_school_coordinators_reach_only_their_own_schools(client, w):
    client.force_login(w.sc)
    assert client.get(url("capacity_grid", w, w.school2.pk)).status_code == 404
    assert client.post(url("capacity_grid", w, w.school2.pk), {}).status_code == 404
    assert client.get(url("capacity_grid", w, w.school3.pk)).status_code == 200  # cluster
    assert client.get(url("capacity_template", w, w.school2.pk)).status_code == 404
    client.force_login(w.stage)
    assert client.get(url("capacity_grid", w, w.school2.pk)).status_code == 200
    client.force_login(w.admin)  # sees the overview, does not edit
    assert client.get(url("capacity", w)).status_code == 200
    assert client.get(url("capacity_grid", w, w.school2.pk)).status_code == 403


def test_confirming_the_february_places(client, w):
    CapacityRequest.objects.create(
        partnership=w.p,
        academic_year=w.year,
        deadline=datetime.date(2030, 12, 15),
        is_february_recheck=True,
    )
    client.force_login(w.sc)
    response = client.get(url("capacity_grid", w, w.school1.pk))
    assert b'name="confirm_february"' in response.content
    data = {f"{cell(w.maths, start='february')}-places": "1", "confirm_february": "1"}
    client.post(url("capacity_grid", w, w.school1.pk), data)
    assert SchoolCapacity.objects.get(school=w.school1).february_checked_at is not None
    client.force_login(w.stage)
    response = client.get(url("capacity", w))
    assert shows(response, "February re-checked")


# --- the overview -------------------------------------------------------------------------


def test_overview_shows_answered_updated_cap_and_sums(client, w):
    capacity = SchoolCapacityFactory(
        school=w.school1, academic_year=w.year, total_cap=4, answered_at=timezone.now()
    )
    CapacityLineFactory(capacity=capacity, subject=w.maths, places=3)
    CapacityLineFactory(capacity=capacity, subject=w.english, places=2, availability="maybe")
    client.force_login(w.stage)
    response = client.get(url("capacity", w))
    rows = {row.name: row for row in response.context["rows"]}
    assert set(rows) == {"Alfa College", "Alfa Lyceum", "Beekdal"}  # active schools only
    row = rows["Alfa College"]
    assert (row.cap_total, row.places_yes, row.places_maybe) == (4, 3, 2)
    assert row.cap_updated_at is not None
    assert rows["Beekdal"].cap_answered_at is None
    assert shows(response, "not answered")
    client.force_login(w.sc)
    names = {row.name for row in client.get(url("capacity", w)).context["rows"]}
    assert names == {"Alfa College", "Alfa Lyceum"}


def test_overview_costs_the_same_queries_at_1_10_and_50_schools(client, w):
    client.force_login(w.stage)
    client.get(url("capacity", w))
    counts = []
    for size in (1, 10, 50):
        while w.p.organisations.filter(kind="school", is_active=True).count() < size + 3:
            school = SchoolFactory(partnership=w.p)
            capacity = SchoolCapacityFactory(
                school=school, academic_year=w.year, answered_at=timezone.now()
            )
            CapacityLineFactory(capacity=capacity, subject=w.maths)
            CapacityLineFactory(capacity=capacity, subject=w.english, availability="maybe")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url("capacity", w))
        assert len(response.context["rows"]) == size + 3
        counts.append(len(ctx.captured_queries))
    assert len(set(counts)) == 1, counts


# --- the XLSX form ------------------------------------------------------------------------


def upload(rows, *, total=None, school="Alfa College", year=LABEL):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Capaciteit"])
    sheet.append(["School", school])
    sheet.append(["Schooljaar", year])
    sheet.append(["Maximum aantal studenten (totaal)", total])
    sheet.append([])
    sheet.append(["Vak", "Onderbouw/Bovenbouw", "hbo/wo/beide", "September/Februari", "Aantal",
                  "Misschien (ja/nee)"])  # fmt: skip
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("capaciteit.xlsx", buffer.getvalue())


def test_import_replaces_the_declaration(client, w):
    CapacityLineFactory(
        capacity=SchoolCapacityFactory(school=w.school1, academic_year=w.year), subject=w.german
    )
    client.force_login(w.sc)
    file = upload(
        [
            ["Wiskunde", "onderbouw", "hbo", "september", 2, "nee"],
            ["wi", "BB", "Beide", "Februari", 3, "ja"],
            ["Engels", "lower", "either", "Sept", 1, ""],
        ],
        total=4,
    )
    response = client.post(url("capacity_import", w, w.school1.pk), {"file": file})
    assert response.status_code == 302, response.context["report"].errors
    assert lines_of(w.school1) == [
        ("en", "onderbouw", "either", "september", 1, "yes"),
        ("wi", "bovenbouw", "either", "february", 3, "maybe"),
        ("wi", "onderbouw", "hbo", "september", 2, "yes"),
    ]
    assert SchoolCapacity.objects.get(school=w.school1).total_cap == 4


def test_a_bad_row_saves_nothing_and_is_reported_per_row(client, w):
    client.force_login(w.sc)
    file = upload(
        [
            ["Wiskunde", "onderbouw", "hbo", "september", 2, "nee"],
            ["Scheikunde", "middenbouw", "hbo", "september", "twee", "nee"],
            ["Wiskunde", "onderbouw", "hbo", "september", 1, "ja"],
        ],
        total="vier",
    )
    response = client.post(url("capacity_import", w, w.school1.pk), {"file": file})
    assert response.status_code == 200
    assert not CapacityLine.objects.exists() and not SchoolCapacity.objects.exists()
    errors = {(e.row, e.column) for e in response.context["report"].errors}
    assert errors == {
        (4, "Maximum aantal studenten (totaal)"),
        (8, "Vak"),
        (8, "Onderbouw/Bovenbouw"),
        (8, "Aantal"),
        (9, ""),  # repeats row 7
    }
    assert "Voer een geheel getal in." in response.content.decode()


def test_a_form_for_another_school_or_year_is_refused(client, w):
    client.force_login(w.sc)
    for file in (
        upload([["Wiskunde", "onderbouw", "hbo", "september", 2, "nee"]], school="Beekdal"),
        upload([["Wiskunde", "onderbouw", "hbo", "september", 2, "nee"]], year="2029-2030"),
    ):
        response = client.post(url("capacity_import", w, w.school1.pk), {"file": file})
        assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not CapacityLine.objects.exists()


def test_template_round_trip(client, w):
    capacity = SchoolCapacityFactory(school=w.school1, academic_year=w.year, total_cap=3)
    CapacityLineFactory(capacity=capacity, subject=w.maths, places=2)
    CapacityLineFactory(
        capacity=capacity,
        subject=w.english,
        stage="bovenbouw",
        level="either",
        start="february",
        places=1,
        availability="maybe",
    )
    before = lines_of(w.school1)
    client.force_login(w.sc)
    response = client.get(url("capacity_template", w, w.school1.pk))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet["A6"].value == "Vak" and sheet["B4"].value == 3
    CapacityLine.objects.all().delete()
    file = SimpleUploadedFile("form.xlsx", content)
    response = client.post(url("capacity_import", w, w.school1.pk), {"file": file})
    assert response.status_code == 302
    assert lines_of(w.school1) == before

    with translation.override("en"):
        client.post(reverse("set_language"), {"language": "en"})
        content = b"".join(client.get(url("capacity_template", w, w.school1.pk)))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet["A6"].value == "Subject"
    assert {sheet["B7"].value, sheet["B8"].value} == {"lower", "upper"}


# --- the request and the reminders --------------------------------------------------------


def test_request_mails_every_coordinator_once_even_when_run_twice(
    client, w, django_capture_on_commit_callbacks
):
    client.force_login(w.stage)
    response = client.get(url("capacity_request", w))
    assert [s.name for s in response.context["uncoordinated"]] == []
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = client.post(
        url("capacity_request", w),
        {
            "deadline": deadline.isoformat(),
            "message": "Graag voor de meivakantie.",
            "audience": "not_answered",
        },
    )
    assert response.status_code == 302 and not CapacityRequest.objects.exists()
    token = parse_qs(urlsplit(response.url).query)["data"][0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("capacity_request_check", w), {"data": token})
    assert response.status_code == 302
    request = CapacityRequest.objects.get()
    assert request.sent_by == w.stage and not request.is_february_recheck
    # The cluster's coordinator answers for both cluster schools in one mail; school2 has its own.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "sc2@cap.example.org",
        "schoolcoordinator@cap.example.org",
    ]
    assert all("Graag voor de meivakantie." in m.body for m in mail.outbox)
    assert f"/p/cap/placements/{LABEL}/capacity/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert service.capacity_request_notify(request=request) == 0
    assert len(mail.outbox) == 2


def _send(w, audience=None, **kwargs):
    return service.capacity_request_send(
        partnership=w.p,
        academic_year=w.year,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        message="",
        is_february_recheck=False,
        by=w.stage,
        **({"audience": audience} if audience else {}),
        **kwargs,
    )


def test_recipients_are_the_schools_that_have_not_answered_by_default(
    w, django_capture_on_commit_callbacks
):
    SchoolCapacityFactory(school=w.school2, academic_year=w.year, answered_at=timezone.now())
    recipients = service.capacity_request_recipients(partnership=w.p, academic_year=w.year)
    assert recipients.audience == service.RequestAudience.NOT_ANSWERED
    assert [s.name for s in recipients.schools] == ["Alfa College", "Alfa Lyceum"]
    assert [s.name for s in recipients.answered] == ["Beekdal"]
    assert [r.person for r in recipients.recipients] == [w.sc]
    with django_capture_on_commit_callbacks(execute=True):
        _send(w)
    assert [m.to for m in mail.outbox] == [["schoolcoordinator@cap.example.org"]]

    everyone = service.capacity_request_recipients(
        partnership=w.p, academic_year=w.year, audience=service.RequestAudience.ALL
    )
    assert [s.name for s in everyone.schools] == ["Alfa College", "Alfa Lyceum", "Beekdal"]
    assert everyone.answered == []
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _send(w, audience=service.RequestAudience.ALL)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "sc2@cap.example.org",
        "schoolcoordinator@cap.example.org",
    ]


def test_the_request_page_offers_not_answered_by_default_with_counts(client, w):
    SchoolCapacityFactory(school=w.school2, academic_year=w.year, answered_at=timezone.now())
    client.force_login(w.stage)
    response = client.get(url("capacity_request", w))
    field = response.context["form"]["audience"]
    assert field.value() == "not_answered"
    labels = [str(label) for _value, label in field.field.choices]
    with translation.override("nl"):
        assert labels[0].endswith("(2)") and labels[1].endswith("(3)")
    assert response.context["schools"] == 2 and response.context["people"] == 1
    assert 'value="not_answered"' in response.content.decode()


def test_a_cluster_coordinator_gets_one_mail_listing_their_schools(
    w, django_capture_on_commit_callbacks
):
    # A third school in the cluster with the same coordinator holding a role there too.
    school4 = SchoolFactory(partnership=w.p, name="Alfa Mavo", cluster=w.school1.cluster)
    RoleFactory(person=w.sc, partnership=w.p, role=Role.SCHOOLCOORDINATOR, organisation=school4)
    recipients = service.capacity_request_recipients(partnership=w.p, academic_year=w.year)
    by_person = {r.person.pk: [s.name for s in r.schools] for r in recipients.recipients}
    assert by_person == {
        w.sc.pk: ["Alfa College", "Alfa Lyceum", "Alfa Mavo"],
        w.sc2.pk: ["Beekdal"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        request = _send(w)
    mine = [m for m in mail.outbox if m.to == ["schoolcoordinator@cap.example.org"]]
    assert len(mine) == 1 and len(mail.outbox) == 2
    body = mine[0].body
    for school in (w.school1, w.school3, school4):
        assert school.name in body
        assert f"/p/cap/placements/{LABEL}/capacity/{school.pk}/" in body
    assert "3" in mine[0].subject
    assert SentNotification.objects.filter(key=f"capacity-request:{request.pk}:{w.sc.pk}").exists()


def test_apostrophes_in_subjects_are_plain_text(w, django_capture_on_commit_callbacks):
    w.school2.name = "'t Hooghe Landt & Co"
    w.school2.save()
    with django_capture_on_commit_callbacks(execute=True):
        _send(w)
    subject = next(m.subject for m in mail.outbox if m.to == ["sc2@cap.example.org"])
    assert "'t Hooghe Landt & Co" in subject
    assert "&#x27;" not in subject and "&amp;" not in subject


def test_every_mail_subject_template_renders_without_html_escaping():
    """Mail is plain text: every ``*_subject.txt`` (and ``*_body.txt``) turns autoescape off."""
    from pathlib import Path

    from django.conf import settings

    templates = [
        p
        for folder in settings.TEMPLATES[0]["DIRS"]
        for p in Path(folder).rglob("*.txt")
        if p.name.endswith(("_subject.txt", "_body.txt"))
    ]
    assert len(templates) > 20
    unescaped = [str(p) for p in templates if "{% autoescape off %}" not in p.read_text()]
    assert unescaped == []


def test_cancel_returns_to_the_page_the_user_came_from(client, w):
    client.force_login(w.stage)
    overview = url("capacity", w)
    # Straight to the form: cancel leads to the capacity overview, not the dashboard.
    assert client.get(url("capacity_request", w)).context["cancel_url"] == overview
    came_from = f"http://testserver{url('year', w)}"
    response = client.get(url("capacity_request", w), headers={"referer": came_from})
    assert response.context["cancel_url"] == came_from
    # A form shown again with errors keeps where the user came from.
    response = client.post(
        url("capacity_request", w),
        {"deadline": "", "back": came_from},
        headers={"referer": f"http://testserver{url('capacity_request', w)}"},
    )
    assert response.status_code == 200 and response.context["cancel_url"] == came_from
    # Another site is never a way back.
    response = client.get(url("capacity_request", w), headers={"referer": "https://evil.example/"})
    assert response.context["cancel_url"] == overview


def test_request_validation(client, w):
    client.force_login(w.stage)
    today = timezone.localdate()
    data = {"deadline": today.isoformat(), "is_february_recheck": "on"}
    response = client.post(url("capacity_request", w), data)
    form = response.context["form"]
    assert set(form.errors) == {"deadline", "is_february_recheck"}
    assert not CapacityRequest.objects.exists()
    november = datetime.date(2030, 11, 3)
    request = service.capacity_request_send(
        partnership=w.p,
        academic_year=w.year,
        deadline=datetime.date(2030, 12, 1),
        message="",
        is_february_recheck=True,
        by=w.stage,
        today=november,
    )
    assert request.is_february_recheck


def _request(w, deadline, sent_days_ago=10, recheck=False):
    request = CapacityRequest.objects.create(
        partnership=w.p, academic_year=w.year, deadline=deadline, is_february_recheck=recheck
    )
    sent = timezone.now() - datetime.timedelta(days=sent_days_ago)
    CapacityRequest.objects.filter(pk=request.pk).update(sent_at=sent)
    return request


def test_reminders_go_to_unanswered_schools_and_are_idempotent(
    w, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    _request(w, today + datetime.timedelta(days=2))
    SchoolCapacityFactory(school=w.school2, academic_year=w.year, answered_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_capacity_reminders() == 1  # school1 and school3 in one mail
    with django_capture_on_commit_callbacks(execute=True):
        assert send_capacity_reminders() == 0
    assert [m.to[0] for m in mail.outbox] == ["schoolcoordinator@cap.example.org"]
    assert w.school1.name in mail.outbox[0].body and w.school3.name in mail.outbox[0].body
    assert SentNotification.objects.filter(key__startswith="capacity-reminder:").count() == 1


def test_reminder_moments(w):
    today = datetime.date(2030, 5, 10)
    request = _request(w, datetime.date(2030, 5, 20))
    moments = {
        day: reminders.reminder_moment(request, datetime.date(2030, 5, day))
        for day in (10, 16, 17, 20, 21, 27, 28, 31)
    }
    assert moments == {
        10: None,
        16: None,
        17: "before",
        20: "before",
        21: "overdue-0",
        27: "overdue-0",
        28: "overdue-1",
        31: "overdue-1",
    }
    assert reminders.reminder_moment(request, datetime.date(2030, 6, 11)) is None
    # No reminder on the day the request went out.
    fresh = _request(w, today + datetime.timedelta(days=1), sent_days_ago=0)
    assert reminders.reminder_moment(fresh, timezone.localdate(fresh.sent_at)) is None


def test_overdue_reminders_and_the_february_recheck(w, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    _request(w, today - datetime.timedelta(days=1))
    recheck = _request(w, today - datetime.timedelta(days=3), recheck=True)
    SchoolCapacityFactory(school=w.school2, academic_year=w.year, answered_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders.capacity_reminders_send()
    # Overdue: school1 and school3 (not answered), one mail to their coordinator; recheck: all
    # three (none confirmed February), one mail per coordinator.
    assert sent == 3
    keys = set(SentNotification.objects.values_list("key", flat=True))
    assert f"capacity-reminder:{recheck.pk}:{w.sc2.pk}:overdue-0" in keys
    assert len(mail.outbox) == 3


# --- check before sending, and the confirmation ---------------------------------------------


def _to_check(client, w, audience="not_answered", message="Graag voor de meivakantie.", days=20):
    """Fill in the form: the answer is the check page's address with the signed values."""
    deadline = timezone.localdate() + datetime.timedelta(days=days)
    response = client.post(
        url("capacity_request", w),
        {"deadline": deadline.isoformat(), "message": message, "audience": audience},
    )
    assert response.status_code == 302
    assert response.url.startswith(url("capacity_request_check", w) + "?data=")
    return response.url, parse_qs(urlsplit(response.url).query)["data"][0], deadline


def test_the_check_page_shows_who_gets_what_and_changes_nothing(client, w):
    SchoolCapacityFactory(school=w.school2, academic_year=w.year, answered_at=timezone.now())
    SchoolFactory(partnership=w.p, name="Zonder Coördinator")
    client.force_login(w.stage)
    check, token, deadline = _to_check(client, w)
    response = client.get(check)
    assert response.status_code == 200
    recipients = response.context["recipients"]
    assert [r.person for r in recipients.recipients] == [w.sc]
    assert [s.name for s in recipients.uncoordinated] == ["Zonder Coördinator"]
    assert [s.name for s in recipients.answered] == ["Beekdal"]
    page = response.content.decode()
    assert "Graag voor de meivakantie." in page
    assert "Alfa College, Alfa Lyceum" in page and "Zonder Coördinator" in page
    assert f'name="data" value="{token}"' in page
    assert not CapacityRequest.objects.exists() and not SentNotification.objects.exists()
    assert len(mail.outbox) == 0
    # "Change" brings the values back into the form.
    response = client.get(response.context["change_url"])
    form = response.context["form"]
    assert form["message"].value() == "Graag voor de meivakantie."
    assert str(form["deadline"].value()) == deadline.isoformat()
    # A forged or missing value never reaches the check page.
    response = client.get(url("capacity_request_check", w) + "?data=forged")
    assert response.status_code == 302 and response.url == url("capacity_request", w)
    response = client.post(url("capacity_request_check", w), {"data": token + "x"})
    assert response.status_code == 302 and not CapacityRequest.objects.exists()


def test_confirm_sends_once_and_a_second_post_changes_nothing(
    client, w, django_capture_on_commit_callbacks
):
    client.force_login(w.stage)
    _check, token, _deadline = _to_check(client, w, audience="all")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url("capacity_request_check", w), {"data": token})
    request = CapacityRequest.objects.get()
    assert first.url.startswith(url("capacity_request_sent", w, request.pk))
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url("capacity_request_check", w), {"data": token})
    assert CapacityRequest.objects.count() == 1 and len(mail.outbox) == 2
    assert second.url == first.url
    # A new request through the form again is a new request.
    _check, token2, _deadline = _to_check(client, w, message="Nogmaals.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("capacity_request_check", w), {"data": token2})
    assert CapacityRequest.objects.count() == 2


def test_the_confirmation_page_says_what_happened_and_what_comes_next(
    client, w, django_capture_on_commit_callbacks
):
    client.force_login(w.stage)
    _check, token, deadline = _to_check(client, w)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("capacity_request_check", w), {"data": token}, follow=True)
    assert response.status_code == 200
    assert {m.recipient for m in response.context["mails"]} == {w.sc2, w.sc}
    assert list(response.context["messages"]) == []  # the page itself is the confirmation
    with translation.override("nl"):
        page = response.content.decode()
        assert "2 e-mails aan 2 schoolcoördinatoren" in page
        assert formats.date_format(deadline, "DATE_FORMAT") in page
        assert "herinnering" in page
    assert url("capacity", w) in page
    # Another year's or partnership's request is not found here.
    other = CapacityRequest.objects.create(
        partnership=PartnershipFactory(), academic_year=w.year, deadline=deadline
    )
    assert client.get(url("capacity_request_sent", w, other.pk)).status_code == 404


def test_a_check_page_whose_deadline_has_passed_goes_back_to_the_form(client, w):
    from placements.capacity.views import sign_request

    client.force_login(w.stage)
    token = sign_request(
        {
            "deadline": timezone.localdate().isoformat(),  # was tomorrow when it was checked
            "message": "",
            "is_february_recheck": False,
            "audience": "not_answered",
            "checked_at": timezone.now().isoformat(),
        }
    )
    response = client.post(url("capacity_request_check", w), {"data": token})
    assert response.status_code == 302
    assert response.url.startswith(url("capacity_request", w) + "?data=")
    assert not CapacityRequest.objects.exists()
