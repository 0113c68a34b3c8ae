"""The nightly retention run (issue 17, item 4): per kind of personal data, with "today" frozen
at 7 December 2026; each test runs the task twice and the second run changes nothing."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.glossary import Role
from partnerships.models import (
    AuditEntry,
    ImportJob,
    OutboxMessage,
    Person,
    SentNotification,
    Student,
)
from partnerships.privacy import tasks
from partnerships.privacy.registry import KINDS
from placements.models import (
    GuidanceAttachment,
    GuidanceEntry,
    Placement,
    SubsidySnapshot,
    TransferForm,
)
from quality.models import Invitation
from tests.factories import PartnershipFactory, PersonFactory, RoleFactory, StudentFactory
from tests.factories import academic_year as year
from tests.placements.factories import PlacementFactory
from tests.quality.factories import InvitationFactory, QualityReportFactory, SurveyRoundFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-12-07")]


def run_twice() -> dict[str, int]:
    first = tasks.apply_retention()
    second = tasks.apply_retention()
    assert set(second) == set(KINDS) - {k for k, v in KINDS.items() if v.retain is None}
    assert not any(second.values()), second
    return first


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T12:00"))


@pytest.fixture
def partnership():
    return PartnershipFactory()


def placement(partnership, start_year: int, **kwargs) -> Placement:
    return PlacementFactory(
        place__division__partnership=partnership,
        place__division__academic_year=year(start_year),
        **kwargs,
    )


def test_students_are_anonymised_after_their_last_placement_or_deleted(partnership):
    old = placement(partnership, 2017, student__student_number="123", student__postcode="2511 AB")
    recent = placement(partnership, 2023)  # 2024-07-31 + 7 years: kept
    never_placed = StudentFactory(partnership=partnership, start_year=year(2016))
    snapshot = SubsidySnapshot.objects.create(
        partnership=partnership,
        academic_year=year(2017),
        reference_date=datetime.date(2024, 7, 1),  # the list itself is within its 7 years
        rows=[
            {"student_id": old.student_id, "name": "Old Name", "category": "a"},
            {"student_id": recent.student_id, "name": "Recent Name", "category": "a"},
        ],
    )

    changed = run_twice()

    assert changed["students"] == 4  # each: the record (kept or deleted) and the person
    student = Student.objects.get(pk=old.student_id)
    assert not student.is_active and student.student_number == "" and student.postcode == ""
    assert student.person.full_name == f"Verwijderd #{student.person_id}"
    assert student.person.email.endswith("@verwijderd.invalid")
    assert not student.person.has_usable_password()
    assert Placement.objects.filter(pk=old.pk).exists()  # still counted
    assert not Student.objects.filter(pk=never_placed.pk).exists()
    assert not Person.objects.get(pk=never_placed.person_id).is_active
    assert Person.objects.get(pk=recent.student.person_id).email == recent.student.person.email
    snapshot.refresh_from_db()
    assert [(r["category"], r["name"]) for r in snapshot.rows] == [("a", ""), ("a", "Recent Name")]


def test_subsidy_lists_lose_their_names_after_seven_years(partnership):
    snapshot = SubsidySnapshot.objects.create(
        partnership=partnership,
        academic_year=year(2018),
        reference_date=datetime.date(2019, 7, 1),
        rows=[{"student_id": 1, "name": "A", "sort_name": "A", "category": "b"}],
    )
    assert run_twice()["subsidy_lists"] == 1
    snapshot.refresh_from_db()
    assert snapshot.rows == [{"student_id": 1, "name": "", "sort_name": "", "category": "b"}]


def test_transfer_forms_and_guidance_log(partnership):
    old, last_year, this_year = (placement(partnership, y) for y in (2023, 2024, 2026))
    for p in (old, last_year, this_year):
        TransferForm.objects.create(placement=p, student=p.student, strengths="Plans well")
        entry = GuidanceEntry.objects.create(
            placement=p, kind="talk", date=p.academic_year.start_date
        )
        GuidanceAttachment.objects.create(
            entry=entry, name="les.pdf", content_type="application/pdf", size=3, data=b"pdf"
        )

    changed = run_twice()

    # 2023-2024 ended 31 July 2024, more than two years ago; 2024-2025 less than two.
    assert changed["transfer_forms"] == 1
    years = {
        p.academic_year.start_year for p in Placement.objects.filter(transfer_form__isnull=False)
    }
    assert years == {2024, 2026}
    entries = GuidanceEntry.objects.values_list("placement__academic_year__start_year", flat=True)
    assert sorted(entries) == [2024, 2026]
    # Attachments go after one year: 2024-2025 ended on 31 July 2025.
    attached = GuidanceAttachment.objects.values_list(
        "entry__placement__academic_year__start_year", flat=True
    )
    assert list(attached) == [2026]


def test_survey_participation_after_the_report_is_adopted(partnership):
    adopted_round = SurveyRoundFactory(
        partnership=partnership, survey__partnership=partnership, academic_year=year(2025), half=1
    )
    open_round = SurveyRoundFactory(
        partnership=partnership, survey__partnership=partnership, academic_year=year(2026), half=1
    )
    QualityReportFactory(
        partnership=partnership,
        academic_year=year(2025),
        half=1,
        status="adopted",
        adopted_at=at("2026-03-01"),
    )
    QualityReportFactory(partnership=partnership, academic_year=year(2026), half=1)  # a draft
    took_part = InvitationFactory(round=adopted_round, responded_at=datetime.date(2026, 1, 20))
    InvitationFactory(round=adopted_round)
    kept = InvitationFactory(round=open_round)

    assert run_twice()["survey_invitations"] == 2

    rows = Invitation.objects.filter(round=adopted_round)
    assert not rows.filter(person__isnull=False).exists()
    assert rows.filter(responded_at__isnull=False).count() == 1  # the response rate stays
    assert (
        Invitation.objects.get(pk=took_part.pk).email
        == f"verwijderd-{took_part.pk}@verwijderd.invalid"
    )
    assert Invitation.objects.get(pk=kept.pk).person_id == kept.person_id


def test_records_of_the_base(partnership):
    person = PersonFactory()
    for day in ("2024-11-01", "2025-06-01"):
        AuditEntry.objects.filter(
            pk=AuditEntry.objects.create(partnership=partnership, person=person, action="view").pk
        ).update(at=at(day))
        AccessLog.objects.filter(pk=AccessLog.objects.create(username=person.email).pk).update(
            attempt_time=at(day)
        )
    attempt = AccessAttempt.objects.create(username="x@y.nl", failures_since_start=3)
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=at("2026-10-01"))
    AccessAttempt.objects.create(username="z@y.nl", failures_since_start=1)
    job = ImportJob.objects.create(partnership=partnership, kind="schools", status="done")
    ImportJob.objects.filter(pk=job.pk).update(created_at=at("2026-10-01"))
    ImportJob.objects.create(partnership=partnership, kind="schools", status="done")
    SentNotification.objects.create(
        key="old", recipient=person, subject="s", created=at("2025-10-01"), sent_at=at("2025-10-01")
    )
    SentNotification.objects.create(
        key="unsent", recipient=person, subject="s", created=at("2025-10-01")
    )
    SentNotification.objects.create(
        key="new", recipient=person, subject="s", sent_at=at("2026-11-01")
    )
    message = OutboxMessage.objects.create(task="t", dispatched_at=at("2026-10-01"))
    OutboxMessage.objects.create(task="waiting")
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=at("2026-12-06"))
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=at("2026-12-08"))

    changed = run_twice()

    assert changed["audit"] == 2 and AuditEntry.objects.count() == 1
    assert AccessLog.objects.count() == 1
    assert changed["failed_logins"] == 1 and AccessAttempt.objects.get().username == "z@y.nl"
    assert changed["import_files"] == 1 and ImportJob.objects.count() == 1
    assert sorted(SentNotification.objects.values_list("key", flat=True)) == ["new", "unsent"]
    assert not OutboxMessage.objects.filter(pk=message.pk).exists()
    assert OutboxMessage.objects.count() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


def test_accounts_a_year_after_the_last_role(partnership):
    ended = RoleFactory(partnership=partnership, role=Role.WERKPLEKBEGELEIDER)
    ended.valid_until = datetime.date(2025, 7, 31)
    ended.save()
    current = RoleFactory(partnership=partnership, role=Role.WERKPLEKBEGELEIDER)
    Person.objects.update(date_joined=at("2020-01-01"))
    TOTPDevice.objects.create(user=ended.person, name="telefoon")

    assert run_twice()["accounts"] == 1

    person = Person.objects.get(pk=ended.person_id)
    assert person.email.endswith("@verwijderd.invalid") and not person.is_active
    assert person.roles.count() == 1  # the role stays, without a name
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert Person.objects.get(pk=current.person_id).is_active


def test_privacy_statement_lists_the_terms_from_the_settings(client, settings):
    settings.RETENTION = {**settings.RETENTION, "students": (5, "years")}
    page = client.get("/privacy/").content.decode()
    assert "5 jaar na het einde van het schooljaar van de laatste stage" in page
    assert "3 maanden nadat het kwaliteitsrapport van het halfjaar is vastgesteld" in page
    assert "30 dagen na de poging; daarna verwijderd." in page
