"""The builder of the demo placement years; ``placements.demo`` describes what it loads."""

import datetime
import logging
import random
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnerships.glossary import OrganisationKind, Role
from partnerships.models import (
    AcademicYear,
    Organisation,
    Partnership,
    Person,
    PupilCount,
    RoleAssignment,
    Section,
    Student,
)
from placements import selectors, services
from placements.capacity.services import coordinators_by_school
from placements.choices import ApprovalStatus, StepStatus
from placements.demo import capacity as demo_capacity
from placements.demo import facilitation as demo_facilitation
from placements.demo import history as demo_history
from placements.demo import placements as demo_placements
from placements.demo import preferences as demo_preferences
from placements.models import (
    Division,
    Placement,
    PreferenceForm,
    ProcedureStep,
    Quota,
    SchoolCapacity,
)

logger = logging.getLogger(__name__)
QUOTA = {"current": 88, "next": 92}  # 002 §3.2: 88 places with a 10% margin
MARGIN_PERCENT = 10


@dataclass
class Demo:
    partnership: Partnership
    today: datetime.date
    current: AcademicYear
    next: AcademicYear
    planner: Person  # the stagecoördinator
    schools: list[Organisation]  # active schools by name, with school_types prefetched
    sections: dict[int, list[Section]]  # school id → its subject sections
    coordinators: dict[int, list[Person]]  # school id → who answers for it
    students: list[Student]  # every student of the partnership, by e-mail

    def rng(self, *key) -> random.Random:
        return random.Random(":".join(str(k) for k in (self.partnership.slug, *key)))

    def holder(self, role: str) -> Person | None:
        return holder(self.partnership, role, self.today)

    def school_map(self) -> dict[int, Organisation]:
        return {school.pk: school for school in self.schools}

    def year(self, start_year: int) -> AcademicYear:
        return AcademicYear.objects.get_or_create(start_year=start_year)[0]

    def pupils(self) -> dict[int, int]:
        counts = PupilCount.objects.filter(
            organisation__in=self.schools, academic_year=self.current
        )
        return dict(counts.values_list("organisation", "pupils"))


def holder(partnership: Partnership, role: str, today: datetime.date) -> Person | None:
    """The first person (by assignment) who holds ``role`` in the partnership today."""
    assignment = (
        RoleAssignment.objects.active(today)
        .filter(partnership=partnership, role=role)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return assignment.person if assignment else None


def build(partnership: Partnership, today: datetime.date) -> Demo | None:
    planner = holder(partnership, Role.STAGECOORDINATOR, today)
    if planner is None:
        return None
    current = AcademicYear.current(today)
    upcoming = selectors.planning_year(today)
    if upcoming == current:
        upcoming = AcademicYear.objects.get_or_create(start_year=current.start_year + 1)[0]
    demo = Demo(partnership, today, current, upcoming, planner, [], {}, {}, [])
    demo.schools = list(
        Organisation.objects.filter(
            partnership=partnership, kind=OrganisationKind.SCHOOL, is_active=True
        )
        .prefetch_related("school_types")
        .order_by("name")
    )
    for section in Section.objects.filter(school__in=demo.schools).order_by("subject__code"):
        demo.sections.setdefault(section.school_id, []).append(section)
    demo.coordinators = {s.pk: people for s, people in coordinators_by_school(partnership).items()}
    demo.students = list(
        Student.objects.filter(partnership=partnership)
        .select_related("person", "institute", "school", "subject", "start_year")
        .order_by("person__email")
    )
    return demo


def load_years(partnership: Partnership, today: datetime.date) -> str | None:
    demo = build(partnership, today)
    if demo is None:
        return None
    skipped = []
    with quiet_services():
        for name, step in STEPS:
            try:
                with transaction.atomic():
                    step(demo)
            except ValidationError as exc:  # rows someone changed by hand: leave that part out
                logger.warning("demo placements: %s left out: %s", name, exc)
                skipped.append(name)
    return summary(demo, skipped)


@contextmanager
def quiet_services():
    """The services log every write at INFO: hundreds of lines in seed_demo's output."""
    services_logger = logging.getLogger("placements.services")
    level = services_logger.level
    services_logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        services_logger.setLevel(level)


def load_quotas(demo: Demo) -> None:
    quota(demo, demo.current, QUOTA["current"], approve=True)
    quota(demo, demo.next, QUOTA["next"], approve=False)


def quota(demo: Demo, year: AcademicYear, places: int, approve: bool) -> None:
    if Quota.objects.filter(partnership=demo.partnership, academic_year=year).exists():
        return
    made = services.quota_propose(
        partnership=demo.partnership,
        year=year,
        places=places,
        margin_percent=MARGIN_PERCENT,
        by=demo.planner,
    )
    approver = demo.holder(Role.STUURGROEPLID)
    if approve and approver:
        approve_quietly(made, demo.planner, approver)


def approve_quietly(quota: Quota, planner: Person, approver: Person) -> None:
    """Submitted and approved last April — without the services' e-mails to the steering group
    and the proposer."""
    start = quota.academic_year.start_year

    def at(month, day, hour):
        return timezone.make_aware(datetime.datetime(start, month, day, hour))

    quota.status = ApprovalStatus.APPROVED
    quota.submitted_at, quota.submitted_by = at(4, 2, 10), planner
    quota.approved_at, quota.approved_by = at(4, 14, 21), approver
    quota.approval_meeting = f"Stuurgroep {datetime.date(start, 4, 14):%d-%m-%Y}"
    quota.full_clean()
    quota.save()


def division(demo: Demo, year: AcademicYear, publish: bool) -> Division | None:
    if Division.objects.filter(partnership=demo.partnership, academic_year=year).exists():
        return None
    made = services.division_build(
        partnership=demo.partnership, academic_year=year, by=demo.planner
    )
    if publish:
        publish_quietly(made, demo.holder(Role.PROGRAMMAMANAGER))
    return made


def publish_quietly(division: Division, approver: Person | None) -> None:
    """Submitted, approved and published last May — without the services' e-mails."""
    start = division.academic_year.start_year

    def at(month, day, hour):
        return timezone.make_aware(datetime.datetime(start, month, day, hour))

    division.status = ApprovalStatus.PUBLISHED
    division.submitted_at, division.approved_at, division.published_at = (
        at(5, 6, 10),
        at(5, 12, 15),
        at(5, 15, 9),
    )
    division.approved_by, division.approval_note = approver, "Akkoord in de bestuursraad."
    division.full_clean()
    division.save()


def load_current_year(demo: Demo) -> None:
    planned = demo_placements.plan_current(demo)
    demo_capacity.current_capacity(demo, planned)
    division(demo, demo.current, publish=True)
    demo_placements.load_current(demo, planned)
    demo_history.load_history(demo)


def load_next_year(demo: Demo) -> None:
    demo_capacity.next_capacity(demo)
    demo_capacity.capacity_request(demo)
    made = division(demo, demo.next, publish=False)
    if made is not None:
        demo_capacity.reserve_places(demo, made)
    demo_preferences.load_preferences(demo)


def load_calendars(demo: Demo) -> None:
    owners = {}
    for year in (demo.current, demo.next):
        services.procedure_generate(partnership=demo.partnership, year=year)
        untouched = ProcedureStep.objects.filter(
            partnership=demo.partnership,
            academic_year=year,
            status=StepStatus.OPEN,
            done_at__isnull=True,
            note="",
            due_date__lt=demo.today,
        )
        for step in untouched.order_by("due_date", "number"):
            if step.owner_role not in owners:
                owners[step.owner_role] = demo.holder(step.owner_role) or demo.planner
            services.procedure_step_set_status(
                step=step, status=StepStatus.DONE, note="", by=owners[step.owner_role]
            )


STEPS = (
    ("quota", load_quotas),
    ("current year", load_current_year),
    ("next year", load_next_year),
    ("calendar", load_calendars),
    ("small appointments", demo_preferences.load_appointments),
    ("facilitation norms", demo_facilitation.load_norms),
)


def summary(demo: Demo, skipped: list[str]) -> str:
    p = demo.partnership
    running = Placement.objects.filter(student__partnership=p, academic_year=demo.current)
    answered = SchoolCapacity.objects.filter(
        school__in=demo.schools, academic_year=demo.next, answered_at__isnull=False
    )
    forms = PreferenceForm.objects.filter(student__partnership=p, academic_year=demo.next)
    line = (
        f"  placements: {demo.current} running ({running.count()} placements), "
        f"{demo.next} being planned ({answered.count()}/{len(demo.schools)} schools answered, "
        f"{forms.count()} preference forms)"
    )
    return line + (f"; left out: {', '.join(skipped)}" if skipped else "")
