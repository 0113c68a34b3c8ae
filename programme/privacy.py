"""The training programme's personal data, for the subject-access export: a student's session
choices, attendance, webinar summaries and observation pairs (registered with the base's privacy
registry; their retention follows the student record, whose deletion removes them)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.privacy.anonymise import plain
from partnerships.privacy.registry import PersonalData, register

from .models import Attendance, Registration, StudentPair, WebinarLog


def export_programme(person, partnership) -> dict:
    mine = {"student__person": person, "student__partnership": partnership}
    pairs = StudentPair.objects.filter(
        Q(first__person=person) | Q(second__person=person) | Q(third__person=person),
        partnership=partnership,
    )
    return {
        "registrations": plain(Registration.objects.filter(**mine)),
        "attendance": plain(Attendance.objects.filter(**mine)),
        "webinar_logs": plain(WebinarLog.objects.filter(**mine)),
        "student_pairs": plain(pairs),
    }


def install() -> None:
    register(
        PersonalData(
            "programme",
            _("Programme: session choices, attendance, webinars, observation pairs"),
            export=export_programme,
            order=50,
        )
    )
