"""The personal data the base itself holds: accounts, audit and sign-in records, import files,
sent e-mail, queued tasks and sessions (registered by ``install``)."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    AuditEntry,
    ImportJob,
    OutboxMessage,
    Person,
    RoleAssignment,
    SentNotification,
    Student,
)
from .anonymise import ANONYMOUS_DOMAIN, person_anonymise, plain
from .registry import PersonalData, register


def _start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the product's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def retain_accounts(today, cutoff) -> int:
    recent_role = RoleAssignment.objects.filter(person=OuterRef("pk")).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=cutoff)
    )
    people = (
        Person.objects.filter(is_superuser=False, is_staff=False, date_joined__lt=_start(cutoff))
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=_start(cutoff)))
        .exclude(email__endswith="@" + ANONYMOUS_DOMAIN)
        .exclude(Exists(recent_role))
        .exclude(Exists(Student.objects.filter(person=OuterRef("pk"))))
    )
    return sum(person_anonymise(person=person) for person in people)


def export_account(person, partnership) -> dict:
    people = Person.objects.filter(pk=person.pk)
    return {
        "person": plain(people, exclude=("password",)),
        "roles": plain(person.roles.filter(partnership=partnership)),
        "qualifications": plain(person.qualifications.all()),
        "external_identities": plain(person.external_identities.all()),
        "student_records": plain(Student.objects.filter(person=person, partnership=partnership)),
    }


def retain_audit(today, cutoff) -> int:
    entries, _n = AuditEntry.objects.filter(at__lt=_start(cutoff)).delete()
    logins, _n = AccessLog.objects.filter(attempt_time__lt=_start(cutoff)).delete()
    return entries + logins


def export_audit(person, partnership) -> dict:
    mine = AuditEntry.objects.filter(partnership=partnership)
    about = Q(object_type="partnerships.person", object_id=str(person.pk)) | Q(
        object_type="partnerships.student",
        object_id__in=[str(pk) for pk in person.student_records.values_list("pk", flat=True)],
    )
    return {
        "by_the_person": plain(mine.filter(person=person)),
        "about_the_person": plain(mine.filter(about)),
        "sign_ins": plain(AccessLog.objects.filter(username__iexact=person.email)),
    }


def retain_failed_logins(today, cutoff) -> int:
    attempts, _n = AccessAttempt.objects.filter(attempt_time__lt=_start(cutoff)).delete()
    failures, _n = AccessFailureLog.objects.filter(attempt_time__lt=_start(cutoff)).delete()
    return attempts + failures


def retain_import_files(today, cutoff) -> int:
    jobs = ImportJob.objects.exclude(status__in=ImportJob.ACTIVE)
    deleted, _n = jobs.filter(created_at__lt=_start(cutoff)).delete()
    return deleted


def retain_notifications(today, cutoff) -> int:
    sent = SentNotification.objects.filter(sent_at__isnull=False, sent_at__lt=_start(cutoff))
    deleted, _n = sent.delete()
    return deleted


def export_notifications(person, partnership) -> dict:
    return {"e-mails": plain(person.notifications.all())}


def retain_outbox(today, cutoff) -> int:
    done = OutboxMessage.objects.filter(dispatched_at__isnull=False)
    deleted, _n = done.filter(dispatched_at__lt=_start(cutoff)).delete()
    return deleted


def retain_sessions(today, cutoff) -> int:
    deleted, _n = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def install() -> None:
    for kind in (
        PersonalData(
            "accounts",
            _("Account, roles and qualifications"),
            after=_("after the last role in the partnership has ended"),
            outcome=_("made anonymous: name, e-mail address and phone number are removed"),
            retain=retain_accounts,
            export=export_account,
            order=10,
        ),
        PersonalData(
            "audit",
            _("Records of sign-ins and of who viewed or exported personal data"),
            after=_("after the sign-in, view or export"),
            outcome=_("deleted"),
            retain=retain_audit,
            export=export_audit,
            order=80,
        ),
        PersonalData(
            "failed_logins",
            _("Failed login attempts and lockouts"),
            after=_("after the attempt"),
            outcome=_("deleted"),
            retain=retain_failed_logins,
            order=81,
        ),
        PersonalData(
            "import_files",
            _("Uploaded import files and their reports"),
            after=_("after the upload"),
            outcome=_("deleted"),
            retain=retain_import_files,
            order=82,
        ),
        PersonalData(
            "notifications",
            _("E-mails the application sent"),
            after=_("after sending"),
            outcome=_("deleted"),
            retain=retain_notifications,
            export=export_notifications,
            order=83,
        ),
        PersonalData(
            "outbox",
            _("Queued background tasks"),
            after=_("after they have run"),
            outcome=_("deleted"),
            retain=retain_outbox,
            order=84,
        ),
        PersonalData(
            "sessions",
            _("Sessions (being signed in)"),
            after=_("after signing in"),
            outcome=_("deleted"),
            retain=retain_sessions,
            order=85,
        ),
    ):
        register(kind)
