"""Reads for placements, scoped through the access layer."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from partnerships.access import MANAGERS, Access
from partnerships.glossary import Role
from partnerships.models import AcademicYear, Organisation, Partnership
from partnerships.selectors import year_from_label  # noqa: F401 (the base's, shared)
from placements.choices import PlacementStatus
from placements.models import Place, Placement, PreferenceForm

SCHOOL_SCOPE_ROLES = {Role.SCHOOLCOORDINATOR, Role.SCHOOLOPLEIDER, Role.LEIDINGGEVENDE}


def planning_year(today: datetime.date | None = None) -> AcademicYear:
    """The year coordinators are planning: from March on, next academic year (quota in April,
    placements in May–June); from August to February, the current one (February starts are
    re-checked in November–December)."""
    today = today or timezone.localdate()
    start_year = AcademicYear.start_year_for(today)
    if 3 <= today.month <= 7:
        start_year += 1
    return AcademicYear.objects.get_or_create(start_year=start_year)[0]


def school_scope(*, access: Access, partnership: Partnership) -> QuerySet[Organisation]:
    """Schools whose capacity and placements the user handles: all for managers, their own
    (with cluster) for school coordinators."""
    schools = Organisation.objects.filter(partnership=partnership, kind="school")
    if access.roles(partnership) & MANAGERS:
        return schools
    return schools.filter(pk__in=access.own_school_ids(partnership, SCHOOL_SCOPE_ROLES))


def hidden_proposals(today: datetime.date) -> Q:
    """Proposals a student does not see yet: committed while the preference window was open
    (``Placement.hidden_from_student_until``)."""
    return Q(status=PlacementStatus.PROPOSED, hidden_from_student_until__gt=today)


def placements_visible(*, access: Access, partnership: Partnership) -> QuerySet[Placement]:
    qs = Placement.objects.filter(student__partnership=partnership)
    if access.roles(partnership) & MANAGERS:
        return qs
    schools = access.own_school_ids(partnership, SCHOOL_SCOPE_ROLES)
    condition = Q(student__in=access.students(partnership)) | Q(school__in=schools)
    if Role.WERKPLEKBEGELEIDER in access.roles(partnership):
        condition |= Q(werkplekbegeleider=access.user)
    # the student's own proposals stay hidden from them until the preference window has closed
    own_hidden = Q(student__person=access.user) & hidden_proposals(access.today)
    return qs.filter(condition).exclude(own_hidden)


def places_visible(
    *, access: Access, partnership: Partnership, year: AcademicYear
) -> QuerySet[Place]:
    """Managers see every place; schools their own; institute staff only published places of
    their level (hbo institutes hbo places, wo institutes wo places)."""
    qs = Place.objects.filter(division__partnership=partnership, division__academic_year=year)
    roles = access.roles(partnership)
    if roles & MANAGERS:
        return qs
    condition = Q(school__in=access.own_school_ids(partnership, SCHOOL_SCOPE_ROLES))
    institutes = access.organisations(partnership).filter(kind="institute")
    levels = set(institutes.values_list("institute_level", flat=True))
    if levels:
        condition |= Q(division__status="published", level__in=levels)
    return qs.filter(condition)


def interview_preferences(placement: Placement):
    """The student's preference form behind ``placement``: the one for its year, else the most
    recent earlier one (motivation and learning goals for the introductory interview)."""
    return (
        PreferenceForm.objects.filter(
            student=placement.student_id,
            academic_year__start_year__lte=placement.academic_year.start_year,
        )
        .select_related("academic_year")
        .order_by("-academic_year__start_year")
        .first()
    )


# Reads for the apps that report on placements (professionalisation, quality). Not scoped through
# the access layer: the caller scopes by partnership and school and shows counts or its own view.


def placements_with_mentor(*, start_year: int, schools) -> QuerySet[Placement]:
    """Confirmed and active placements of the academic year starting in ``start_year`` at
    ``schools`` that have a werkplekbegeleider (compliance checks their mentor)."""
    return Placement.objects.filter(
        academic_year__start_year=start_year,
        status__in=(PlacementStatus.CONFIRMED, PlacementStatus.ACTIVE),
        school__in=schools,
        werkplekbegeleider__isnull=False,
    )


def placements_of_active_students(
    *, partnership: Partnership, year: AcademicYear
) -> QuerySet[Placement]:
    """The year's placements that are not cancelled, of active students (survey audiences)."""
    return Placement.objects.filter(
        academic_year=year,
        student__partnership=partnership,
        student__is_active=True,
        student__person__is_active=True,
    ).exclude(status=PlacementStatus.CANCELLED)


def placements_cancelled(*, partnership: Partnership, year: AcademicYear) -> QuerySet[Placement]:
    """The year's cancelled placements (the dropout inventory of the quality report)."""
    return Placement.objects.filter(
        student__partnership=partnership, academic_year=year, status=PlacementStatus.CANCELLED
    )


def guidance_facts(
    *,
    partnership: Partnership,
    start: datetime.date,
    end: datetime.date,
    schools: QuerySet[Organisation] | None = None,
) -> list[dict]:
    """Guidance on record for the quality report and the internal evaluation: per school and
    window (``start``–``end``), the placements under guidance, the entries of each kind (talk,
    observation, consultation, mid_evaluation, assessment, pair_observation), how many came
    due under the norms (``due_<kind>``) and how many placements were behind on the last day.
    Numbers only — never names or notes (``placements.guidance.selectors``)."""
    from placements.guidance.selectors import guidance_facts as facts

    return facts(partnership=partnership, start=start, end=end, schools=schools)


def placements_in_year(*, partnership: Partnership, year: AcademicYear) -> QuerySet[Placement]:
    """Every placement of the year, cancelled ones included (the dropout target's base)."""
    return Placement.objects.filter(student__partnership=partnership, academic_year=year)


def quota_realisation(*, partnership: Partnership, year: AcademicYear) -> tuple[int, int] | None:
    """(students counted, places) of the year's approved or published quota, as the quota
    monitor counts them; None when the year has no such quota (the quality targets)."""
    from placements.models import Quota
    from placements.quota.monitor import quota_monitor

    quota = Quota.objects.filter(
        partnership=partnership, academic_year=year, status__in=("approved", "published")
    ).first()
    if quota is None:
        return None
    monitor = quota_monitor(quota=quota)
    return monitor.total_realised, monitor.total_share


def year_placement_facts(**kwargs) -> dict:
    """The placement year in numbers for the quality reports (``quota.selectors``)."""
    from placements.quota.selectors import year_placement_facts as facts

    return facts(**kwargs)
