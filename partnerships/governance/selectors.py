"""Reads of governance: the norm per body, a member's upcoming meetings, an owner's open actions,
the meetings a decision can be taken at, and the policy document with its chapters."""

import datetime
import logging

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..models import Partnership, Person
from . import registry
from .chapters import CHAPTERS, PARTS
from .choices import ActionStatus, BodyKind, MeetingKind, MeetingStatus, PlanStatus
from .models import Body, GovernanceAction, Meeting, Member, PlanVersion
from .permissions import GovernanceAction as GA
from .rules import Norm, norm_status, word_diff
from .services import WRITTEN, decisions_about

logger = logging.getLogger(__name__)


def held_meetings(body: Body, year: int, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (
        Meeting.objects.filter(Q(body=body) | Q(joint_with=body), kind=MeetingKind.MEETING)
        .filter(starts_at__year=year, starts_at__lte=now)
        .exclude(status=MeetingStatus.CANCELLED)
    )


def body_norm(body: Body, year: int | None = None) -> Norm:
    year = year or timezone.localdate().year
    return norm_status(held_meetings(body, year).count(), body.meetings_per_year)


def bodies_with_norms(partnership: Partnership) -> list[tuple[Body, Norm]]:
    today = timezone.localdate()
    bodies = partnership.bodies.all()
    return [(body, body_norm(body, today.year)) for body in bodies if body.is_active_on(today)]


def upcoming_meetings_for(person: Person, partnership: Partnership, *, limit: int = 5):
    """Planned meetings of the bodies ``person`` is a current member of."""
    today = timezone.localdate()
    bodies = list(
        person.body_memberships.current(today)
        .filter(body__partnership=partnership)
        .values_list("body", flat=True)
    )
    return (
        Meeting.objects.filter(Q(body__in=bodies) | Q(joint_with__in=bodies))
        .filter(
            kind=MeetingKind.MEETING, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
        )
        .select_related("body")
        .prefetch_related("items")
        .order_by("starts_at")[:limit]
    )


def open_actions_for(person: Person, partnership: Partnership):
    return (
        GovernanceAction.objects.filter(
            owner=person, status=ActionStatus.OPEN, meeting__body__partnership=partnership
        )
        .select_related("meeting__body")
        .order_by("due_date")
    )


def decision_meeting_choices(
    partnership: Partnership, *, body_kind: str = BodyKind.STUURGROEP
) -> list[tuple[str, str]]:
    """Choices for "decided at": the body's meetings of the last year and the coming month
    (newest first), then a new written procedure."""
    now = timezone.now()
    meetings = (
        Meeting.objects.filter(body__partnership=partnership, body__kind=body_kind)
        .filter(
            starts_at__gte=now - datetime.timedelta(days=365),
            starts_at__lte=now + datetime.timedelta(days=31),
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("-starts_at")
    )
    written = has_body(partnership, body_kind)
    return [(str(m.pk), str(m)) for m in meetings] + (
        [(WRITTEN, _("A written procedure (new, today)"))] if written else []
    )


def has_body(partnership: Partnership, kind: str = BodyKind.STUURGROEP) -> bool:
    return Body.objects.filter(partnership=partnership, kind=kind).exists()


def decision_meeting_preview(
    partnership: Partnership, value: str, *, body_kind: str = BodyKind.STUURGROEP
) -> tuple[str, datetime.date] | None:
    """What a "decided at" value will be, for a check page, changing nothing: the meeting's
    name and day, or "a written procedure" today; None for an unknown meeting."""
    if value == WRITTEN:
        if not has_body(partnership, body_kind):
            return None
        return _("A written procedure (new, today)"), timezone.localdate()
    meeting = (
        Meeting.objects.filter(body__partnership=partnership, pk=int(value))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .first()
        if str(value).isdigit()
        else None
    )
    if meeting is None:
        return None
    return str(meeting), timezone.localtime(meeting.starts_at).date()


def decisions_context(subject, *, access, partnership: Partnership) -> dict:
    """For a page about ``subject`` (a division, a report …): the governance decisions about
    it, and whether the reader may follow them to the meeting."""
    return {
        "decisions": decisions_about(subject) if subject is not None else [],
        "sees_governance": access.can(partnership, GA.VIEW_GOVERNANCE),
    }


def latest_held_meeting(partnership: Partnership, kind: str = BodyKind.STUURGROEP):
    return (
        Meeting.objects.filter(
            body__partnership=partnership,
            body__kind=kind,
            kind=MeetingKind.MEETING,
            starts_at__lte=timezone.now(),
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("-starts_at")
        .first()
    )


def agenda_links(partnership: Partnership) -> list[registry.Link]:
    links: list[registry.Link] = []
    for provider in registry.LINK_PROVIDERS:
        try:
            links.extend(provider(partnership))
        except Exception:  # one app's broken provider must not break the agenda
            logger.exception("agenda link provider %s failed", provider)
    return links


# --- the policy document ----------------------------------------------------------------------
def chapter_fragments(source: str, partnership: Partnership, year) -> list[registry.Fragment]:
    fragments = []
    for provider in registry.CHAPTER_PROVIDERS.get(source, []):
        try:
            fragment = provider(partnership, year)
        except Exception:
            logger.exception("chapter provider %s for %s failed", provider, source)
            fragment = registry.Fragment(lines=[_("These figures could not be assembled.")])
        if fragment is not None:
            fragments.append(fragment)
    return fragments


def render_fragments(fragments) -> str:
    return render_to_string("partnerships/governance/_fragments.html", {"fragments": fragments})


def plan_document(version: PlanVersion) -> dict:
    """The plan's parts and chapters, each with its text and its data: live while the plan is a
    draft, as frozen at adoption afterwards."""
    texts = {c.key: c for c in version.chapters.all()}
    live = version.status == PlanStatus.DRAFT
    chapters = []
    for definition in CHAPTERS:
        row = texts.get(definition.key)
        if row is None:
            continue
        if not definition.sources:
            data_html = ""
        elif live:
            data_html = render_fragments(
                [
                    fragment
                    for source in definition.sources
                    for fragment in chapter_fragments(
                        source, version.partnership, version.academic_year
                    )
                ]
            )
        else:
            data_html = row.frozen_data
        chapters.append(
            {
                "pk": row.pk,
                "key": definition.key,
                "part": definition.part,
                "part_label": PARTS[definition.part],
                "title": definition.title,
                "guidance": definition.guidance,
                "from_data": bool(definition.sources),
                "text": row.text,
                "data_html": mark_safe(data_html),  # noqa: S308 — rendered by our template
            }
        )
    parts = [
        {"key": key, "label": label, "chapters": [c for c in chapters if c["part"] == key]}
        for key, label in PARTS.items()
    ]
    return {"version": version, "chapters": chapters, "parts": parts, "live": live}


def plan_comparison(old: PlanVersion, new: PlanVersion) -> list[dict]:
    """Chapter by chapter: the narrative text's changes word by word, and whether the data
    changed."""
    a, b = plan_document(old)["chapters"], plan_document(new)["chapters"]
    old_by_key = {c["key"]: c for c in a}
    rows = []
    for chapter in b:
        before = old_by_key.get(chapter["key"], {"text": "", "data_html": ""})
        rows.append(
            {
                "chapter": chapter,
                "pieces": word_diff(before["text"], chapter["text"]),
                "text_changed": before["text"] != chapter["text"],
                "data_changed": str(before["data_html"]) != str(chapter["data_html"]),
                "old_data": before["data_html"],
            }
        )
    return rows


def current_body_members(
    partnership: Partnership, kind: str, day: datetime.date
) -> list[tuple[int, int | None]]:
    """(person id, represented organisation id) of every active person who is a current member
    of an active body of ``kind`` on ``day`` (the quality cycle surveys the bestuursraad and the
    werkgroep); a person in two such bodies once."""
    rows = (
        Body.objects.filter(partnership=partnership, kind=kind)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .values_list("pk", flat=True)
    )
    members = (
        Member.objects.current(day)
        .filter(body_id__in=list(rows), person__is_active=True)
        .order_by("person_id", "pk")
        .values_list("person_id", "organisation_id")
    )
    seen: dict[int, int | None] = {}
    for person_id, organisation_id in members:
        seen.setdefault(person_id, organisation_id)
    return sorted(seen.items())
