"""Demo governance (issue 16): the three standing bodies with the partnership's role holders as
members, this calendar year's steering group meetings (those in the past held, with minutes and
decisions, one action), the next meeting with its agenda, and a draft plan for this school year.
Idempotent: a partnership that has a steering group already is left alone."""

import datetime

from django.utils import timezone

from ..glossary import Role
from ..governance import services
from ..governance.choices import DEFAULT_NORM, BodyKind, MeetingStatus
from ..governance.models import Body, GovernanceAction, Meeting
from ..models import AcademicYear, Partnership, RoleAssignment

BODIES = (
    (BodyKind.BESTUURSRAAD, "Bestuursraad", Role.BESTUURSRAADLID),
    (BodyKind.STUURGROEP, "Stuurgroep", Role.STUURGROEPLID),
    (BodyKind.WERKGROEP, "Werkgroep samen opleiden", Role.WERKGROEPLID),
)
# Steering group meetings of the year: (month, day); those before today are held.
MEETINGS = ((1, 20), (3, 17), (4, 14), (6, 16), (9, 22), (11, 17))


def _holders(partnership, role):
    return [
        a.person
        for a in RoleAssignment.objects.active()
        .filter(partnership=partnership, role=role)
        .select_related("person")
        .order_by("person__last_name", "pk")
    ]


def load(partnership: Partnership) -> str | None:
    if Body.objects.filter(partnership=partnership, kind=BodyKind.STUURGROEP).exists():
        return None
    manager = next(iter(_holders(partnership, Role.PROGRAMMAMANAGER)), None)
    if manager is None:
        return None
    steering = None
    for kind, name, role in BODIES:
        body = Body.objects.create(
            partnership=partnership, kind=kind, name=name, meetings_per_year=DEFAULT_NORM[kind]
        )
        for n, person in enumerate(_holders(partnership, role)):
            position = "chair" if n == 0 else "vice_chair" if n == 1 else "member"
            body.members.create(person=person, position=position, daily_board=n < 2)
        body.members.create(person=manager, position="secretary")
        if kind == BodyKind.STUURGROEP:
            steering = body
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    previous = None
    for month, day in MEETINGS:
        start = datetime.datetime(today.year, month, day, 15, 0, tzinfo=tz)
        meeting = services.meeting_plan(
            meeting=Meeting(body=steering, starts_at=start, place="Bestuurscentrum, zaal 2"),
            by=manager,
        )
        if start.date() >= today:
            break
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
        meeting.refresh_from_db()
        item = meeting.items.order_by("order").first()
        services.minutes_save(item=item, minutes="De agenda wordt vastgesteld.", by=manager)
        if previous is not None:
            services.minutes_approve(meeting=previous, at=meeting, by=manager, mail=False)
        previous = meeting
    GovernanceAction.objects.create(
        meeting=previous or meeting,
        text="Conceptopleidingsplan rondsturen aan de scholen",
        owner=manager,
        due_date=today + datetime.timedelta(days=7),
    )
    services.plan_create(partnership=partnership, year=AcademicYear.current(), by=manager)
    return "governance: bodies, meetings, decisions and a draft plan"
