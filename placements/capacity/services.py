"""Capacity: each school's declaration of places for a year, the stagecoördinator's request to
all schools, and the reminders to schools that have not answered.

* A declaration is saved as a whole (the grid or an imported form) in one transaction: lines no
  longer declared are removed. Saving marks it answered (the first time) and records who saved
  it; saving while confirming the February places records that re-check.
* A request goes to every schoolcoördinator of every active school (a cluster's coordinators
  answer for each of its schools), once per request, school and person, after the commit.
* February places are re-checked in November and December (of the year's first calendar year)
  with a request marked as the February re-check; schools confirm on their grid.
* Reminders to schools that have not answered: ``services.capacity_reminders``.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.glossary import OrganisationKind, Role
from partnerships.models import AcademicYear, Organisation, Partnership, Person, RoleAssignment
from partnerships.notifications import notify_once
from placements.choices import Availability
from placements.models import CapacityLine, CapacityRequest, SchoolCapacity

logger = logging.getLogger(__name__)
RECHECK_MONTHS = (11, 12)


@dataclass(frozen=True)
class LineInput:
    subject_id: int
    stage: str
    level: str
    start: str
    places: int
    maybe: bool = False

    @property
    def key(self) -> tuple:
        return (self.subject_id, self.stage, self.level, self.start)


@transaction.atomic
def capacity_save(
    *,
    school: Organisation,
    academic_year: AcademicYear,
    total_cap: int | None,
    lines: list[LineInput],
    by: Person,
    confirm_february: bool = False,
    unchanged_since: datetime.datetime | None = None,
) -> SchoolCapacity:
    """Replace the school's declaration for the year by ``lines`` (lines with 0 places are left
    out). ``unchanged_since`` (the last update the user saw) refuses to overwrite a declaration
    someone else saved in the meantime."""
    capacity, created = SchoolCapacity.objects.select_for_update().get_or_create(
        school=school, academic_year=academic_year
    )
    if not created and unchanged_since is not None and capacity.updated_at != unchanged_since:
        raise ValidationError(
            _("Someone else saved this school's capacity in the meantime. Reload the page.")
        )
    wanted = {line.key: line for line in lines if line.places}
    if len(wanted) < len([line for line in lines if line.places]):
        raise ValidationError(_("A subject, stage, level and start is declared twice."))
    subjects = {line.subject_id for line in wanted.values()}
    if school.partnership.subjects.filter(pk__in=subjects).count() != len(subjects):
        raise ValidationError(_("A subject belongs to another partnership."))
    existing = {
        (line.subject_id, line.stage, line.level, line.start): line for line in capacity.lines.all()
    }
    for key, line in existing.items():
        if key not in wanted:
            line.delete()
    for key, given in wanted.items():
        availability = Availability.MAYBE if given.maybe else Availability.YES
        line = existing.get(key) or CapacityLine(
            capacity=capacity,
            subject_id=given.subject_id,
            stage=given.stage,
            level=given.level,
            start=given.start,
        )
        if line.pk and (line.places, line.availability) == (given.places, availability):
            continue  # unchanged: keeps its own "last updated"
        line.places, line.availability = given.places, availability
        line.full_clean(exclude=["capacity", "subject"], validate_constraints=False)
        line.save()
    now = timezone.now()
    capacity.total_cap = total_cap
    capacity.updated_by = by
    capacity.answered_at = capacity.answered_at or now
    if confirm_february:
        capacity.february_checked_at = now
    capacity.full_clean(exclude=["school", "academic_year", "updated_by"])
    capacity.save()
    logger.info(
        "Capacity of school %s for %s saved by person %s: %s lines, total cap %s",
        school.pk,
        academic_year,
        by.pk,
        len(wanted),
        total_cap,
    )
    return capacity


def recheck_open(academic_year: AcademicYear, today: datetime.date) -> bool:
    return today.year == academic_year.start_year and today.month in RECHECK_MONTHS


@transaction.atomic
def capacity_request_send(
    *,
    partnership: Partnership,
    academic_year: AcademicYear,
    deadline: datetime.date,
    message: str,
    is_february_recheck: bool,
    by: Person,
    today: datetime.date | None = None,
) -> CapacityRequest:
    """Ask all schools for their capacity (or to re-check their February places) and e-mail
    their coordinators after the commit."""
    today = today or timezone.localdate()
    errors = {}
    if deadline <= today:
        errors["deadline"] = _("Choose a deadline after today.")
    if is_february_recheck and not recheck_open(academic_year, today):
        errors["is_february_recheck"] = _(
            "The February places are re-checked in November and December %(year)s."
        ) % {"year": academic_year.start_year}
    if errors:
        raise ValidationError(errors)
    request = CapacityRequest(
        partnership=partnership,
        academic_year=academic_year,
        deadline=deadline,
        message=message,
        is_february_recheck=is_february_recheck,
        sent_by=by,
    )
    request.full_clean(exclude=["partnership", "academic_year", "sent_by"])
    request.save()
    sent = capacity_request_notify(request=request)
    logger.info("Capacity request %s sent by person %s to %s people", request.pk, by.pk, sent)
    return request


def coordinators_by_school(
    partnership: Partnership, today: datetime.date | None = None
) -> dict[Organisation, list[Person]]:
    """Every active school with the schoolcoördinatoren who answer for it: its own, and those
    of the other schools of its cluster (a cluster acts as one school)."""
    schools = partnership.organisations.filter(
        kind=OrganisationKind.SCHOOL, is_active=True
    ).order_by("name")
    assignments = (
        RoleAssignment.objects.active(today)
        .filter(partnership=partnership, role=Role.SCHOOLCOORDINATOR)
        .select_related("person", "organisation")
    )
    by_school, by_cluster = defaultdict(list), defaultdict(list)
    for assignment in assignments:
        if assignment.organisation_id:
            by_school[assignment.organisation_id].append(assignment.person)
            if assignment.organisation.cluster_id:
                by_cluster[assignment.organisation.cluster_id].append(assignment.person)
    result = {}
    for school in schools:
        people = by_school[school.pk] + by_cluster.get(school.cluster_id, [])
        result[school] = list({person.pk: person for person in people}.values())
    return result


def grid_path(school: Organisation, academic_year: AcademicYear) -> str:
    return reverse(
        "placements:capacity_grid",
        kwargs={
            "partnership": school.partnership.slug,
            "year": academic_year.label,
            "school": school.pk,
        },
    )


def capacity_request_notify(*, request: CapacityRequest) -> int:
    """E-mail the request to every coordinator (idempotent: safe to call again)."""
    sent = 0
    for school, people in coordinators_by_school(request.partnership).items():
        for person in people:
            with transaction.atomic():
                sent += notify_once(
                    key=f"capacity-request:{request.pk}:{school.pk}:{person.pk}",
                    recipient=person,
                    template="placements/email/capacity_request",
                    context=mail_context(request, school),
                )
    return sent


def mail_context(request: CapacityRequest, school: Organisation, **extra) -> dict:
    return {
        "request": request,
        "school": school,
        "year": request.academic_year,
        "partnership": request.partnership,
        "path": grid_path(school, request.academic_year),
        **extra,
    }
