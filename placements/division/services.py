"""The division of the declared places over hbo and wo, its approval and its publication.

* Building (only while draft) turns every active school's declared capacity lines into places
  with ``placements.division.rules.divide`` (hbo and wo carry over, "either" is split evenly;
  the rule for odd numbers is documented there). Rebuilding keeps places that still exist (with
  their reserved places, capped at the new number) and removes places no longer declared.
* Places are edited per school while draft: number, reserved for rotating students, maybe.
* Flow: draft → submitted (planner; the approvers — programme manager and board council, the
  holders of ``APPROVE_DIVISION`` — and the schools' coordinators get an e-mail, the approvers
  also a dashboard card) → approved (programme manager or board council member: who, when, note)
  or sent back to draft with a note, either way mailed to whoever submitted it → published
  (planner; the institutes' coordinators get an e-mail, and from then on institute staff see the
  places of their level). A submitted or
  approved division goes back to draft only by an explicit step; a published one is final
  (placements hang on its places).
"""

import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.glossary import HBO_BACHELOR_VARIANTS, OrganisationKind, Role
from partnerships.governance import services as governance
from partnerships.models import AcademicYear, Partnership, Person, RoleAssignment, Student
from partnerships.notifications import notify_once
from placements.approvals.services import notify_approvers, notify_proposer
from placements.capacity.services import coordinators_by_school
from placements.choices import ApprovalStatus, Availability
from placements.division.rules import Offer, divide
from placements.models import CapacityLine, Division, Place
from placements.permissions import PlacementAction

logger = logging.getLogger(__name__)
S = ApprovalStatus
PlaceKey = tuple[int, int, str, str, str]  # school, subject, stage, level, start


def _locked(division: Division) -> Division:
    return Division.objects.select_for_update().select_related("partnership").get(pk=division.pk)


def _require(division: Division, *statuses: str) -> None:
    if division.status not in statuses:
        raise ValidationError(
            _("This is not possible while the division is %(status)s.")
            % {"status": division.get_status_display()}
        )


def _key(place) -> PlaceKey:
    return (place.school_id, place.subject_id, place.stage, place.level, place.start)


@transaction.atomic
def division_build(
    *, partnership: Partnership, academic_year: AcademicYear, by: Person
) -> Division:
    division, _created = Division.objects.get_or_create(
        partnership=partnership, academic_year=academic_year
    )
    division = _locked(division)
    if division.status != S.DRAFT:
        raise ValidationError(_("Take the division back to draft before building it again."))
    lines = (
        CapacityLine.objects.filter(
            capacity__academic_year=academic_year,
            capacity__school__partnership=partnership,
            capacity__school__kind=OrganisationKind.SCHOOL,
            capacity__school__is_active=True,
        )
        .select_related("capacity")
        .order_by("capacity__school__name", "subject__name", "stage", "start", "level")
    )
    offers = [
        Offer(
            key=(line.capacity.school_id, line.subject_id, line.stage, line.start),
            level=line.level,
            places=line.places,
            maybe=line.availability == Availability.MAYBE,
        )
        for line in lines
    ]
    existing = {_key(place): place for place in division.places.all()}
    wanted = set()
    for share in divide(offers):
        school, subject, stage, start = share.key
        key = (school, subject, stage, share.level, start)
        wanted.add(key)
        place = existing.get(key) or Place(
            division=division,
            school_id=school,
            subject_id=subject,
            stage=stage,
            level=share.level,
            start=start,
        )
        place.capacity, place.maybe = share.places, share.maybe
        place.reserved = min(place.reserved, place.capacity)
        place.save()
    Place.objects.filter(pk__in=[p.pk for k, p in existing.items() if k not in wanted]).delete()
    division.save()  # its "last updated"
    logger.info("Division %s built by person %s: %s places", division.pk, by.pk, len(wanted))
    return division


@transaction.atomic
def division_places_update(
    *, division: Division, values: dict[int, tuple[int, int, bool]], by: Person
) -> Division:
    """Set (places, reserved, maybe) of the division's places given by id."""
    division = _locked(division)
    _require(division, S.DRAFT)
    places = list(division.places.filter(pk__in=list(values)).select_related("school", "subject"))
    for place in places:
        place.capacity, place.reserved, place.maybe = values[place.pk]
        place.full_clean(exclude=["division", "school", "subject"], validate_constraints=False)
        if place.reserved > place.capacity:
            raise ValidationError(
                _("%(place)s: more places reserved than there are.") % {"place": place}
            )
    for place in places:
        place.save()
    division.save()
    logger.info("Division %s: %s places edited by person %s", division.pk, len(values), by.pk)
    return division


@transaction.atomic
def division_submit(*, division: Division, by: Person) -> Division:
    division = _locked(division)
    _require(division, S.DRAFT)
    if not division.places.filter(capacity__gt=0).exists():
        raise ValidationError(_("The division has no places yet; build it first."))
    division.status = S.SUBMITTED
    division.submitted_at, division.submitted_by = timezone.now(), by
    division.save()
    with_places = set(division.places.values_list("school_id", flat=True))
    coordinators = [
        person
        for school, people in coordinators_by_school(division.partnership).items()
        if school.pk in with_places
        for person in people
    ]
    notify_approvers(
        kind="division",
        pk=division.pk,
        partnership=division.partnership,
        action=PlacementAction.APPROVE_DIVISION,
        submitted_at=division.submitted_at,
        by=by,
        context=_mail_context(division, "submitted"),
        also=coordinators,
    )
    logger.info("Division %s submitted by person %s", division.pk, by.pk)
    return division


@transaction.atomic
def division_decide(
    *, division: Division, approve: bool, note: str, by: Person, decided_at=None
) -> Division:
    """The programme manager's or board council's decision: approve, or send back to draft.
    ``decided_at`` (a governance meeting, its id, or ``"written"`` for a new written procedure):
    the approval becomes a numbered decision of that meeting, linking to the division."""
    division = _locked(division)
    meeting = None
    if approve and decided_at:
        meeting = governance.resolve_meeting(
            partnership=division.partnership, value=decided_at, by=by
        )
    _require(division, S.SUBMITTED)
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say why the division goes back to draft.")})
    division.approval_note = note.strip()
    if approve:
        division.status, division.approved_at, division.approved_by = S.APPROVED, timezone.now(), by
    else:
        division.status, division.approved_at, division.approved_by = S.DRAFT, None, None
    division.full_clean(exclude=["partnership", "academic_year", "approved_by", "submitted_by"])
    division.save()
    if meeting is not None:
        governance.record_decision(
            meeting=meeting,
            text=_("The division of places %(year)s is approved: %(places)s places.")
            % {
                "year": division.academic_year,
                "places": sum(division.places.values_list("capacity", flat=True)),
            },
            by=by,
            subject=division,
            subject_url=reverse(
                "placements:division_approve",
                args=[division.partnership.slug, division.academic_year.label],
            ),
        )
    notify_proposer(
        kind="division",
        pk=division.pk,
        proposer=division.submitted_by,
        submitted_at=division.submitted_at,
        by=by,
        approved=approve,
        note=division.approval_note,
        context=_mail_context(division, "decided"),
    )
    logger.info("Division %s %s by person %s", division.pk, division.status, by.pk)
    return division


@transaction.atomic
def division_reopen(*, division: Division, by: Person) -> Division:
    division = _locked(division)
    _require(division, S.SUBMITTED, S.APPROVED)
    division.status, division.approved_at, division.approved_by = S.DRAFT, None, None
    division.submitted_at = None
    division.save()
    logger.info("Division %s back to draft by person %s", division.pk, by.pk)
    return division


@transaction.atomic
def division_publish(*, division: Division, by: Person) -> Division:
    division = _locked(division)
    _require(division, S.APPROVED)
    division.status, division.published_at = S.PUBLISHED, timezone.now()
    division.save()
    for person in _holders(division.partnership, {Role.INSTITUUTSCOORDINATOR}):
        _notify(division, person, f"division-published:{division.pk}", "published")
    logger.info("Division %s published by person %s", division.pk, by.pk)
    return division


def _holders(partnership: Partnership, roles) -> list[Person]:
    assignments = RoleAssignment.objects.active().filter(partnership=partnership, role__in=roles)
    return list(Person.objects.filter(pk__in=assignments.values("person")).order_by("pk"))


def _mail_context(division: Division, event: str) -> dict:
    slug, label = division.partnership.slug, division.academic_year.label
    name = {"submitted": "division_approve", "decided": "division"}.get(event, "places")
    return {
        "division": division,
        "partnership": division.partnership,
        "year": division.academic_year,
        "path": reverse(f"placements:{name}", args=[slug, label]),
        "places_path": reverse("placements:places", args=[slug, label]),
    }


def _notify(division: Division, person: Person, key: str, event: str) -> None:
    notify_once(
        key=f"{key}:{person.pk}",
        recipient=person,
        template=f"placements/email/division_{event}",
        context=_mail_context(division, event),
    )


def rotating_students(partnership: Partnership) -> dict[int, int]:
    """Per subject, the hbo bachelor students placed at a school now who continue next year
    (years 1–3): each needs a place at another school — a guide for the reserved places."""
    counts: dict[int, int] = defaultdict(int)
    students = Student.objects.filter(
        partnership=partnership,
        is_active=True,
        school__isnull=False,
        programme_variant__in=HBO_BACHELOR_VARIANTS,
        hbo_year__lte=3,
    )
    for subject_id in students.values_list("subject_id", flat=True):
        counts[subject_id] += 1
    return dict(counts)
