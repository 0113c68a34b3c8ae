"""The subject-access export (issue 17, item 4): from the person's page to the check page, then
the ZIP, opened and checked: JSON per kind of data, the transfer form as PDF, the guidance
attachment, an index, and an audit entry for the export."""

import io
import json
import time
import zipfile

import pytest
from django.utils import translation

from partnerships.glossary import Role
from partnerships.models import AuditEntry
from placements.models import GuidanceAttachment, GuidanceEntry, TransferForm
from tests.factories import PASSWORD, RoleFactory
from tests.factories import academic_year as year
from tests.placements.factories import PlacementFactory
from tests.quality.factories import InvitationFactory, SurveyRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    administrator = RoleFactory(role=Role.ADMINISTRATIEF_ONDERSTEUNER)
    partnership = administrator.partnership
    placement = PlacementFactory(
        place__division__partnership=partnership,
        place__division__academic_year=year(2025),
        student__student_number="500123",
    )
    TransferForm.objects.create(
        placement=placement, student=placement.student, strengths="Plans lessons well"
    )
    entry = GuidanceEntry.objects.create(
        placement=placement, kind="talk", date=year(2025).start_date, notes="First talk"
    )
    GuidanceAttachment.objects.create(
        entry=entry, name="lesplan.txt", content_type="text/plain", size=4, data=b"plan"
    )
    survey_round = SurveyRoundFactory(partnership=partnership, survey__partnership=partnership)
    InvitationFactory(round=survey_round, person=placement.student.person)
    return administrator, placement


def test_administrator_exports_everything_about_a_person(client, story):
    administrator, placement = story
    person, slug = placement.student.person, administrator.partnership.slug
    assert client.login(username=administrator.person.email, password=PASSWORD)
    detail = client.get(f"/p/{slug}/people/{person.pk}/")
    url = f"/p/{slug}/people/{person.pk}/personal-data/"
    assert url in detail.content.decode()

    check = client.get(url)
    page = check.content.decode()
    with translation.override("nl"):
        assert translation.gettext("Check before you export the personal data") in page
    parts = {part.key: part for part in check.context["parts"]}
    assert parts["students"].records >= 1 and parts["transfer_forms"].has_files

    started = time.monotonic()
    response = client.post(url)
    seconds = time.monotonic() - started
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())

    index = json.loads(archive.read("index.json"))
    assert index["person_id"] == person.pk and index["partnership"] == slug
    account = json.loads(archive.read("accounts.json"))
    assert account["person"][0]["email"] == person.email
    assert "password" not in account["person"][0]
    assert account["student_records"][0]["student_number"] == "500123"
    placements = json.loads(archive.read("students.json"))
    assert [p["id"] for p in placements["placements"]] == [placement.pk]
    forms = json.loads(archive.read("transfer_forms.json"))["transfer_forms"]
    assert forms[0]["strengths"] == "Plans lessons well"
    guidance = json.loads(archive.read("guidance.json"))["guidance_entries"]
    assert guidance[0]["notes"] == "First talk"
    invitations = json.loads(archive.read("survey_invitations.json"))["survey_invitations"]
    assert len(invitations) == 1 and "key" not in invitations[0]

    assert {"programme.json", "professionalisation.json", "audit.json"} <= names
    pdfs = [n for n in names if n.startswith("documenten/transfer_forms/")]
    assert len(pdfs) == 1 and archive.read(pdfs[0]).startswith(b"%PDF")
    attachment = next(n for n in names if n.startswith("documenten/guidance/"))
    assert archive.read(attachment) == b"plan"
    assert AuditEntry.objects.filter(
        person=administrator.person, action="export", object_id=str(person.pk)
    ).exists()
    print(f"subject-access ZIP: {len(response.content)} bytes in {seconds:.2f} s")
    assert seconds < 30
