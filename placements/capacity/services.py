"""Capacity: each school's declaration of places for a year, the stagecoördinator's request to
all schools, and the reminders to schools that have not answered.

* A declaration is saved as a whole (the grid or an imported form) in one transaction: lines no
  longer declared are removed. Saving marks it answered (the first time) and records who saved
  it; saving while confirming the February places records that re-check.
* A request goes to the schoolcoördinatoren of the active schools that have not answered yet
  (``RequestAudience.NOT_ANSWERED``, the default) or of all active schools (``ALL``); a cluster's
  coordinators answer for each of its schools. ``capacity_request_recipients`` works out who gets
  it (the request page shows it before sending): one mail per person, once per request, listing
  all the schools they answer for, after the commit.
* February places are re-checked in November and December (of the year's first calendar year)
  with a request marked as the February re-check; schools confirm on their grid.
* Reminders to schools that have not answered: ``services.capacity_reminders``.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.glossary import OrganisationKind, Role
from partnerships.models import (
    AcademicYear,
    Organisation,
    Partnership,
    Person,
    RoleAssignment,
    SentNotification,
)
from partnerships.notifications import notify_once
from placements.choices import Availability
from placements.models import CapacityLine, CapacityRequest, SchoolCapacity

logger = logging.getLogger(__name__)
RECHECK_MONTHS = (11, 12)


class RequestAudience(models.TextChoices):
    NOT_ANSWERED = "not_answered", gettext_lazy("Only schools that have not answered")
    ALL = "all", gettext_lazy("All active schools")


@dataclass(frozen=True)
class Recipient:
    """One person who gets the request, with the schools they answer for (one mail)."""

    person: Person
    schools: tuple[Organisation, ...]


@dataclass(frozen=True)
class RequestRecipients:
    """Who a capacity request goes to: the schools it asks, the people who get a mail (one
    each), the asked schools without a schoolcoördinator, and the schools left out because
    they answered already."""

    audience: str
    schools: list[Organisation]
    recipients: list[Recipient]
    uncoordinated: list[Organisation]
    answered: list[Organisation]


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
    audience: str = RequestAudience.NOT_ANSWERED,
    today: datetime.date | None = None,
) -> CapacityRequest:
    """Ask the schools (by default those that have not answered) for their capacity, or to
    re-check their February places, and e-mail their coordinators after the commit."""
    capacity_request_check(
        academic_year=academic_year,
        deadline=deadline,
        is_february_recheck=is_february_recheck,
        today=today,
    )
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
    sent = capacity_request_notify(request=request, audience=audience)
    logger.info("Capacity request %s sent by person %s to %s people", request.pk, by.pk, sent)
    return request


def capacity_request_check(
    *,
    academic_year: AcademicYear,
    deadline: datetime.date,
    is_february_recheck: bool,
    today: datetime.date | None = None,
) -> None:
    """Refuse a request that cannot be sent (the form's check before the check page, and the
    send itself): a deadline after today; the February re-check only in November–December."""
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


@transaction.atomic
def capacity_request_send_once(
    *, checked_at: datetime.datetime, **kwargs
) -> tuple[CapacityRequest, bool]:
    """``capacity_request_send`` for a check page shown at ``checked_at``: when the same person
    already sent the same request since then (the confirm button pressed twice, the page sent
    again), that request is returned and nothing is sent again (``False``). The partnership's
    row is locked, so two posts at once send one request."""
    partnership = kwargs["partnership"]
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    earlier = CapacityRequest.objects.filter(
        partnership=partnership,
        academic_year=kwargs["academic_year"],
        deadline=kwargs["deadline"],
        message=kwargs["message"],
        is_february_recheck=kwargs["is_february_recheck"],
        sent_by=kwargs["by"],
        sent_at__gte=checked_at,
    ).first()
    if earlier is not None:
        return earlier, False
    return capacity_request_send(**kwargs), True


def capacity_request_mails(request: CapacityRequest) -> list:
    """The mails a request claimed (one per person), with their recipients, by name."""
    return list(
        SentNotification.objects.filter(key__startswith=f"capacity-request:{request.pk}:")
        .select_related("recipient")
        .order_by("recipient__last_name", "recipient__first_name", "pk")
    )


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


def answered_school_ids(
    partnership: Partnership, academic_year: AcademicYear, *, is_february_recheck: bool
) -> set[int]:
    """Schools that answered the year's request: their declaration was saved (for the February
    re-check: their February places were confirmed)."""
    capacities = SchoolCapacity.objects.filter(
        school__partnership=partnership, academic_year=academic_year
    )
    if is_february_recheck:
        capacities = capacities.filter(february_checked_at__isnull=False)
    else:
        capacities = capacities.filter(answered_at__isnull=False)
    return set(capacities.values_list("school_id", flat=True))


def per_person(by_school: dict[Organisation, list[Person]]) -> list[Recipient]:
    """One entry per person with all the schools they answer for (in the schools' order)."""
    people: dict[int, Person] = {}
    schools: dict[int, list[Organisation]] = defaultdict(list)
    for school, coordinators in by_school.items():
        for person in coordinators:
            people.setdefault(person.pk, person)
            schools[person.pk].append(school)
    return [
        Recipient(person=person, schools=tuple(schools[pk]))
        for pk, person in sorted(
            people.items(), key=lambda item: (item[1].last_name, item[1].first_name, item[0])
        )
    ]


def capacity_request_recipients(
    *,
    partnership: Partnership,
    academic_year: AcademicYear,
    audience: str = RequestAudience.NOT_ANSWERED,
    is_february_recheck: bool = False,
    today: datetime.date | None = None,
) -> RequestRecipients:
    """Who a request with ``audience`` would go to now (and does, when it is sent)."""
    by_school = coordinators_by_school(partnership, today)
    answered_ids = (
        answered_school_ids(partnership, academic_year, is_february_recheck=is_february_recheck)
        if audience == RequestAudience.NOT_ANSWERED
        else set()
    )
    asked = {s: people for s, people in by_school.items() if s.pk not in answered_ids}
    return RequestRecipients(
        audience=audience,
        schools=list(asked),
        recipients=per_person(asked),
        uncoordinated=[school for school, people in asked.items() if not people],
        answered=[school for school in by_school if school.pk in answered_ids],
    )


def capacity_request_notify(
    *, request: CapacityRequest, audience: str = RequestAudience.NOT_ANSWERED
) -> int:
    """E-mail the request to the coordinators of ``audience``: one mail per person, listing
    their schools (idempotent: safe to call again; nobody gets the same request twice)."""
    recipients = capacity_request_recipients(
        partnership=request.partnership,
        academic_year=request.academic_year,
        audience=audience,
        is_february_recheck=request.is_february_recheck,
    )
    sent = 0
    for recipient in recipients.recipients:
        with transaction.atomic():
            sent += notify_once(
                key=f"capacity-request:{request.pk}:{recipient.person.pk}",
                recipient=recipient.person,
                template="placements/email/capacity_request",
                context=mail_context(request, recipient.schools),
            )
    return sent


def mail_context(request: CapacityRequest, schools, **extra) -> dict:
    """The mail about ``schools`` (one or more, all answered for by the recipient): each with
    the path of its grid; ``school`` and ``path`` are the first one's."""
    schools = [schools] if isinstance(schools, Organisation) else list(schools)
    year = request.academic_year
    return {
        "request": request,
        "school": schools[0],
        "schools": [{"name": s.name, "path": grid_path(s, year)} for s in schools],
        "year": year,
        "partnership": request.partnership,
        "path": grid_path(schools[0], year),
        **extra,
    }
