"""Preferences: the window in which students state their wishes for next year's placement, and
the wishes themselves (up to three ranked schools, motivation and learning goals — shown to the
school in the introductory interview —, schools they cannot go to, travel time, remarks).

Who may open a student's preferences (``preference_students``): the planners (stagecoördinator,
programme manager) every student; an instituutsopleider the students they train; an
instituutscoördinator who may enter preferences the students of their institute; a student
only their own record. Who may change them (``preferences_editable``): everyone of those while
the window is open; outside it only the planners (late changes, corrections).
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from partnerships.access import STUDENT, Access
from partnerships.glossary import Role
from partnerships.models import AcademicYear, Organisation, Partnership, Person, Student
from placements.choices import ApprovalStatus
from placements.models import Place, Preference, PreferenceForm, PreferenceWindow
from placements.permissions import PLANNERS

logger = logging.getLogger(__name__)
MAX_PREFERENCES = 3


def preference_students(*, access: Access, partnership: Partnership) -> QuerySet[Student]:
    qs = Student.objects.filter(partnership=partnership)
    roles = access.roles(partnership)
    if roles & PLANNERS:
        return qs
    condition = Q(pk__in=[])
    if STUDENT in roles:
        condition |= Q(person=access.user, is_active=True)
    if Role.INSTITUUTSOPLEIDER in roles:
        condition |= Q(instituutsopleider=access.user)
    if Role.INSTITUUTSCOORDINATOR in roles:
        condition |= Q(institute__in=access.manageable_institutes(partnership))
    return qs.filter(condition)


def preference_window(*, partnership: Partnership, year: AcademicYear) -> PreferenceWindow | None:
    return PreferenceWindow.objects.filter(partnership=partnership, academic_year=year).first()


def preferences_editable(
    *, access: Access, partnership: Partnership, window: PreferenceWindow | None, today=None
) -> bool:
    if access.roles(partnership) & PLANNERS:
        return True
    today = today or access.today
    return window is not None and window.is_open(today)


def student_level(student: Student) -> str:
    """hbo or wo: the level of the student's institute (what places they can take)."""
    return student.institute.institute_level


def schools_with_places(*, student: Student, year: AcademicYear) -> set[int]:
    """Schools with published places for the student's subject and level in the year."""
    return set(
        Place.objects.filter(
            division__partnership=student.partnership_id,
            division__academic_year=year,
            division__status=ApprovalStatus.PUBLISHED,
            subject=student.subject_id,
            level=student_level(student),
        ).values_list("school", flat=True)
    )


def partnership_schools(partnership: Partnership) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(partnership=partnership, kind="school", is_active=True)
        .prefetch_related("school_types")
        .order_by("name")
    )


@transaction.atomic
def preference_window_save(
    *,
    partnership: Partnership,
    year: AcademicYear,
    opens_on: datetime.date,
    closes_on: datetime.date,
    by: Person,
) -> PreferenceWindow:
    window = preference_window(partnership=partnership, year=year) or PreferenceWindow(
        partnership=partnership, academic_year=year
    )
    window.opens_on, window.closes_on = opens_on, closes_on
    if opens_on and closes_on and opens_on > closes_on:
        raise ValidationError({"closes_on": _("The window cannot close before it opens.")})
    window.full_clean()
    window.save()
    logger.info(
        "person %s set the preference window of %s %s: %s – %s",
        by.pk,
        partnership.slug,
        year,
        opens_on,
        closes_on,
    )
    return window


def _check_schools(student: Student, ranked: list, excluded: list) -> None:
    schools = [*ranked, *excluded]
    if any(s.partnership_id != student.partnership_id or not s.is_school for s in schools):
        raise ValidationError(_("Choose schools of the partnership."))
    if len(ranked) > MAX_PREFERENCES:
        raise ValidationError(_("Give at most three preferences."))
    if len({s.pk for s in ranked}) != len(ranked):
        raise ValidationError(_("Each school can be chosen only once."))
    if {s.pk for s in ranked} & {s.pk for s in excluded}:
        raise ValidationError(
            {"excluded_schools": _("A preferred school cannot also be a school you cannot go to.")}
        )


@transaction.atomic
def preference_form_save(
    *,
    student: Student,
    year: AcademicYear,
    ranked: list[Organisation],
    excluded: list[Organisation],
    motivation: str = "",
    learning_goals: str = "",
    max_travel_minutes: int | None = None,
    remarks: str = "",
    by: Person,
) -> PreferenceForm:
    """Replace the student's wishes for ``year``: ``ranked`` schools in order of preference."""
    _check_schools(student, ranked, excluded)
    form = PreferenceForm.objects.select_for_update().filter(student=student, academic_year=year)
    form = form.first() or PreferenceForm(student=student, academic_year=year)
    form.motivation = motivation.strip()
    form.learning_goals = learning_goals.strip()
    form.max_travel_minutes = max_travel_minutes
    form.remarks = remarks.strip()
    form.entered_by = by
    form.full_clean()
    form.save()
    form.preferences.all().delete()
    Preference.objects.bulk_create(
        Preference(form=form, rank=rank, school=school) for rank, school in enumerate(ranked, 1)
    )
    form.excluded_schools.set(excluded)
    logger.info(
        "person %s saved the preferences of student %s for %s: %s",
        by.pk,
        student.pk,
        year,
        [s.pk for s in ranked],
    )
    return form
