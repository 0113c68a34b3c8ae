"""Professionalisation's personal data, for the subject-access export: a person's enrolments in
courses and their attendance (registered with the base's privacy registry)."""

from django.utils.translation import gettext_lazy as _

from partnerships.privacy.anonymise import plain
from partnerships.privacy.registry import PersonalData, register

from .models import Enrolment, MeetingAttendance


def export_professionalisation(person, partnership) -> dict:
    enrolments = Enrolment.objects.filter(person=person, run__activity__partnership=partnership)
    return {
        "enrolments": plain(enrolments),
        "attendance": plain(MeetingAttendance.objects.filter(enrolment__in=enrolments)),
    }


def install() -> None:
    register(
        PersonalData(
            "professionalisation",
            _("Professionalisation: enrolments and attendance"),
            export=export_professionalisation,
            order=60,
        )
    )
