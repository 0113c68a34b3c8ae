"""Reads of activities, runs and enrolments: who may be enrolled or enrol themselves, a year's
runs with their counts, and the runs and meetings a person is part of."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from partnerships.access import Access
from partnerships.glossary import Role
from partnerships.models import AcademicYear, Organisation, Partnership, Person, RoleAssignment

from ..choices import EnrolmentStatus, RunStatus
from ..models import Enrolment, Meeting, Run
from ..permissions import ORGANISERS

ACTIVE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED)
OPEN_RUN = (RunStatus.PLANNED, RunStatus.RUNNING)


def staff(*, partnership: Partnership, today: datetime.date | None = None) -> QuerySet[Person]:
    """People with an active role in the partnership."""
    ids = RoleAssignment.objects.active(today).filter(partnership=partnership).values("person")
    return Person.objects.filter(pk__in=ids).order_by("last_name", "first_name")


def roles_of(
    *, person: Person, partnership: Partnership, today: datetime.date | None = None
) -> set[str]:
    return set(
        RoleAssignment.objects.active(today)
        .filter(person=person, partnership=partnership)
        .values_list("role", flat=True)
    )


def enrollable_people(*, access: Access, partnership: Partnership) -> QuerySet[Person]:
    """Whom the user may enrol: organisers anyone with a role in the partnership, a
    schoolcoördinator the staff of their own school(s) (cluster schools included)."""
    everyone = staff(partnership=partnership, today=access.today)
    if access.roles(partnership) & ORGANISERS:
        return everyone
    if Role.SCHOOLCOORDINATOR in access.roles(partnership):
        schools = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR})
        ids = (
            RoleAssignment.objects.active(access.today)
            .filter(partnership=partnership, organisation__in=schools)
            .values("person")
        )
        return everyone.filter(pk__in=ids)
    return everyone.none()


def is_for_roles(activity, roles: set[str]) -> bool:
    """An activity without target roles is open to all staff."""
    return bool(roles) and (not activity.target_roles or bool(set(activity.target_roles) & roles))


def runs(*, partnership: Partnership) -> QuerySet[Run]:
    return Run.objects.filter(activity__partnership=partnership).select_related(
        "activity__partnership", "academic_year"
    )


def with_counts(qs: QuerySet[Run]) -> QuerySet[Run]:
    return qs.annotate(
        enrolled=Count("enrolments", filter=Q(enrolments__status__in=ACTIVE), distinct=True),
        completed_count=Count(
            "enrolments",
            filter=Q(enrolments__status=EnrolmentStatus.COMPLETED),
            distinct=True,
        ),
        meeting_count=Count("meetings", distinct=True),
    )


def year_runs(*, partnership: Partnership, year: AcademicYear, person: Person) -> QuerySet[Run]:
    """The year's runs with counts, the trainers and whether ``person`` is enrolled."""
    mine = Enrolment.objects.filter(run=OuterRef("pk"), person=person, status__in=ACTIVE)
    return (
        with_counts(runs(partnership=partnership).filter(academic_year=year))
        .annotate(is_enrolled=Exists(mine))
        .prefetch_related(Prefetch("trainers", Person.objects.order_by("last_name")))
        .order_by("starts_on", "pk")
    )


def run_detail(*, run: Run) -> dict:
    enrolments = list(
        run.enrolments.select_related("person", "enrolled_by", "qualification").order_by(
            "person__last_name", "person__first_name"
        )
    )
    meetings = list(
        run.meetings.annotate(present=Count("attendance", filter=Q(attendance__present=True)))
    )
    return {
        "enrolments": enrolments,
        "active": [e for e in enrolments if e.status in ACTIVE],
        "meetings": meetings,
        "trainers": list(run.trainers.order_by("last_name")),
    }


def is_trainer(*, run: Run, person: Person) -> bool:
    return run.trainers.filter(pk=person.pk).exists()


def open_runs_for(
    *,
    person: Person,
    partnership: Partnership,
    today: datetime.date,
    limit: int = 10,
    roles: set[str] | frozenset[str] | None = None,
) -> list[Run]:
    """Runs not yet started that the person may enrol in themselves and has not enrolled in.
    ``roles``: the person's active roles here (``roles_of``), when the caller knows them."""
    if roles is None:
        roles = roles_of(person=person, partnership=partnership, today=today)
    if not roles:
        return []
    mine = Enrolment.objects.filter(person=person, status__in=ACTIVE).values("run")
    candidates = with_counts(
        runs(partnership=partnership).filter(
            status__in=OPEN_RUN, self_enrolment=True, starts_on__gte=today
        )
    ).exclude(pk__in=mine)
    return [
        r
        for r in candidates.order_by("starts_on")[:50]
        if is_for_roles(r.activity, roles) and r.enrolled < r.capacity
    ][:limit]


def next_meetings_for(
    *, person: Person, partnership: Partnership, today: datetime.date, limit: int = 5
) -> QuerySet[Meeting]:
    """The person's coming meetings, as participant or trainer."""
    enrolled = Enrolment.objects.filter(person=person, status=EnrolmentStatus.ENROLLED).values(
        "run"
    )
    return (
        Meeting.objects.filter(run__activity__partnership=partnership, date__gte=today)
        .filter(Q(run__in=enrolled) | Q(run__trainers=person))
        .exclude(run__status=RunStatus.CANCELLED)
        .select_related("run__activity")
        .distinct()
        .order_by("date", "starts_at")[:limit]
    )


def need_organisations(*, access: Access, partnership: Partnership) -> QuerySet[Organisation]:
    """The schools and institutes whose needs the user inventories: organisers all; a
    schoolcoördinator their school(s) with the cluster; a school leader their school; an
    instituutscoördinator their institute."""
    qs = Organisation.objects.filter(partnership=partnership, is_active=True)
    roles = access.roles(partnership)
    if roles & ORGANISERS:
        return qs
    ids = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR, Role.LEIDINGGEVENDE})
    ids |= set(access.manageable_institutes(partnership).values_list("pk", flat=True))
    return qs.filter(pk__in=ids)
