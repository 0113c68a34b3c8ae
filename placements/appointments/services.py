"""Small paid appointments of students at their school (002 §3.4).

A coordinator records the appointment on the placement whatever the rules say — it is their
decision — and the rules of ``placements.appointments.rules`` are shown as warnings in plain
sentences. Recording, changing and removing are written to the placement's activity log."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import Person
from placements.appointments import rules
from placements.choices import PlacementStatus
from placements.models import Placement, PlacementEvent, SmallAppointment

FIELDS = (
    "hours_per_week",
    "study_year",
    "has_paid_job",
    "on_schedule_1_may",
    "has_propaedeutic",
    "open_courses",
    "institute_advice_positive",
    "school_advice_positive",
    "free_days",
)


def _hours(value) -> str:
    value = Decimal(value)
    return formats.number_format(int(value) if value == value.to_integral_value() else value)


def _warning_text(code: str, params: dict, study_year: int | None = None) -> str:
    if code == "year_not_allowed":
        return (
            _("A small appointment is possible from study year 3; this is year %(year)s.") % params
        )
    if code == "too_many_hours":
        rule = rules.RULES.get(study_year, {})
        return _(
            "%(hours)s contact hours a week is more than the %(limit)s allowed here (year "
            "%(year)s: at most %(base)s hours, %(extended)s with another paid job when the "
            "student is on schedule on 1 May)."
        ) % {
            "hours": _hours(params["hours"]),
            "limit": params["limit"],
            "year": study_year,
            "base": rule.get("base"),
            "extended": rule.get("extended"),
        }
    if code == "contradicts_on_schedule":
        if not params["has_propaedeutic"]:
            return _(
                "Ticked as on schedule on 1 May, but the propaedeutic diploma is not recorded."
            )
        return (
            ngettext(
                "Ticked as on schedule on 1 May, but %(open_courses)s courses are open; at most "
                "%(max_open_courses)s open course is allowed.",
                "Ticked as on schedule on 1 May, but %(open_courses)s courses are open; at most "
                "%(max_open_courses)s open courses are allowed.",
                params["max_open_courses"],
            )
            % params
        )
    if code == "not_on_schedule":
        return (
            ngettext(
                "A paid job is only allowed when the student is on schedule on 1 May "
                "(propaedeutic diploma and at most %(open_courses)s open course).",
                "A paid job is only allowed when the student is on schedule on 1 May "
                "(propaedeutic diploma and at most %(open_courses)s open courses).",
                params["open_courses"],
            )
            % params
        )
    if code == "too_few_free_days":
        return (
            ngettext(
                "The student keeps %(days)s day a week free for the training; at least two are "
                "required.",
                "The student keeps %(days)s days a week free for the training; at least two are "
                "required.",
                params["days"],
            )
            % params
        )
    if code == "no_institute_advice":
        return _("The institute trainer has not advised positively.")
    if code == "no_school_advice":
        return _("The school trainer (schoolopleider) has not advised positively.")
    return code


def appointment_warnings(appointment: SmallAppointment | None) -> list[str]:
    """The rules' warnings for an appointment as sentences in the user's language."""
    if appointment is None:
        return []
    data = rules.Appointment(**{name: getattr(appointment, name) for name in FIELDS})
    return [
        _warning_text(code, params, appointment.study_year) for code, params in rules.check(data)
    ]


@transaction.atomic
def small_appointment_save(*, placement: Placement, by: Person, **fields) -> SmallAppointment:
    """Record or change the placement's small appointment; unknown fields are refused."""
    if set(fields) - set(FIELDS):
        raise TypeError(f"unknown fields: {set(fields) - set(FIELDS)}")
    if placement.status == PlacementStatus.CANCELLED:
        raise ValidationError(_("A cancelled placement cannot have a small appointment."))
    appointment = SmallAppointment.objects.filter(placement=placement).first()
    created = appointment is None
    appointment = appointment or SmallAppointment(placement=placement)
    for name, value in fields.items():
        setattr(appointment, name, value)
    appointment.full_clean()
    if appointment.hours_per_week <= 0:
        raise ValidationError({"hours_per_week": _("Enter the hours a week (more than 0).")})
    appointment.save()
    data = rules.Appointment(**{name: getattr(appointment, name) for name in FIELDS})
    PlacementEvent.objects.create(
        placement=placement,
        by=by,
        action="small_appointment" if created else "small_appointment_changed",
        details={
            "hours": str(appointment.hours_per_week),
            "warnings": [code for code, _params in rules.check(data)],
        },
    )
    return appointment


@transaction.atomic
def small_appointment_delete(*, appointment: SmallAppointment, by: Person) -> None:
    PlacementEvent.objects.create(
        placement=appointment.placement,
        by=by,
        action="small_appointment_removed",
        details={"hours": str(appointment.hours_per_week)},
    )
    appointment.delete()
