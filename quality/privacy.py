"""The personal data of the quality cycle, registered with the base's privacy registry: who was
invited to a survey round and whether they took part. The answers themselves are anonymous
from the start (they never reference the voter) and are not personal data."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.privacy.anonymise import ANONYMOUS_DOMAIN, anonymous_email, plain
from partnerships.privacy.registry import PersonalData, register

from .choices import ReportKind, ReportStatus
from .models import Invitation, QualityReport


def retain_invitations(today, cutoff) -> int:
    """Invitations of a round whose half-yearly report was adopted before ``cutoff`` lose the
    person and the address; group, school, category and the day of taking part stay, so the
    response rates of the round (and of the adopted report) are unchanged."""
    before = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time()))
    adopted = QualityReport.objects.filter(
        partnership=OuterRef("round__partnership"),
        academic_year=OuterRef("round__academic_year"),
        half=OuterRef("round__half"),
        kind=ReportKind.HALF_YEAR,
        status=ReportStatus.ADOPTED,
        adopted_at__lt=before,
    )
    invitations = Invitation.objects.filter(Exists(adopted)).exclude(
        email__endswith="@" + ANONYMOUS_DOMAIN
    )
    changed = 0
    for pk in invitations.values_list("pk", flat=True):
        changed += Invitation.objects.filter(pk=pk).update(person=None, email=anonymous_email(pk))
    return changed


def export_invitations(person, partnership) -> dict:
    mine = Invitation.objects.filter(person=person, round__partnership=partnership)
    return {"survey_invitations": plain(mine, exclude=("key",))}


def install() -> None:
    register(
        PersonalData(
            "survey_invitations",
            _("Who was invited to a survey and whether they took part"),
            after=_("after the quality report of the half year is adopted"),
            outcome=_(
                "made anonymous: the response rates stay, who took part goes; the answers are "
                "anonymous from the start"
            ),
            retain=retain_invitations,
            export=export_invitations,
            order=40,
        )
    )
