"""Writes of governance. Other apps record their approvals here (``record_decision``,
``resolve_meeting``): the base never imports them.

Mail: the agenda (with an ICS invitation) goes to the body's current members before the
meeting; the minutes go after they were approved at a later meeting; action owners are reminded
a week before, on and a day after the due date (``send_action_reminders``, daily)."""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import ics
from ..models import AcademicYear, Partnership, Person, SentNotification
from ..notifications import message_id, notification_claim, notify_once
from ..pdf import render_to_pdf
from .chapters import CHAPTERS
from .choices import ActionStatus, BodyKind, MeetingKind, MeetingStatus, PlanStatus
from .models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    GovernanceAction,
    Meeting,
    Member,
    PlanChapter,
    PlanVersion,
)
from .rules import next_number

logger = logging.getLogger(__name__)
WRITTEN = "written"  # the choice "a written procedure" in a meeting field


# --- bodies -----------------------------------------------------------------------------------
def body_save(*, body: Body, by: Person) -> Body:
    body.full_clean(exclude=["partnership"])
    body.save()
    return body


def member_save(*, member: Member, by: Person) -> Member:
    if member.term_start and member.term_end and member.term_end < member.term_start:
        raise ValidationError({"term_end": _("The term ends before it starts.")})
    member.full_clean(exclude=["body", "person"])
    member.save()
    return member


def members_of(meeting: Meeting, day: datetime.date | None = None) -> list[Person]:
    """The current members of the meeting's body (and of a body it meets jointly with)."""
    day = day or timezone.localtime(meeting.starts_at).date()
    bodies = [meeting.body_id] + ([meeting.joint_with_id] if meeting.joint_with_id else [])
    members = Member.objects.current(day).filter(body__in=bodies).select_related("person")
    people = {m.person_id: m.person for m in members if m.person.is_active}
    return sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.pk))


# --- meetings ---------------------------------------------------------------------------------
STANDING_ITEMS = (
    ("opening", False),
    ("minutes", False),
    ("evaluation", True),
)


def _standing_title(key: str) -> str:
    return {
        "opening": _("Opening and adoption of the agenda"),
        "minutes": _("Minutes and action list of the previous meeting"),
        "evaluation": _("Evaluation of this meeting"),
    }[key]


@transaction.atomic
def meeting_plan(*, meeting: Meeting, by: Person) -> Meeting:
    """A new meeting with its standing items; evaluation is always on the agenda."""
    if meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("The meeting ends before it starts.")})
    meeting.full_clean(exclude=["body"])
    meeting.save()
    if meeting.kind == MeetingKind.MEETING:
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                order=10 if key == "opening" else 20 if key == "minutes" else 900,
                title=_standing_title(key),
                is_evaluation=is_evaluation,
                owner=by if key != "evaluation" else None,
            )
            for key, is_evaluation in STANDING_ITEMS
        )
    return meeting


def meeting_update(*, meeting: Meeting, by: Person) -> Meeting:
    if meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("The meeting ends before it starts.")})
    meeting.full_clean(exclude=["body"])
    meeting.save()
    return meeting


def agenda_item_save(*, item: AgendaItem, upload=None, by: Person) -> AgendaItem:
    if not item.order:
        last = item.meeting.items.filter(is_evaluation=False).aggregate(m=Max("order"))["m"]
        item.order = (last or 20) + 10
    if upload is not None:
        item.document_name = upload.name[:200]
        item.document_type = (upload.content_type or "application/octet-stream")[:100]
        item.document = upload.read()
    item.full_clean(exclude=["meeting", "owner"])
    item.save()
    return item


@transaction.atomic
def attendance_save(*, meeting: Meeting, present: set[int], by: Person) -> None:
    people = {p.pk for p in members_of(meeting)} | set(present)
    for pk in people:
        Attendance.objects.update_or_create(
            meeting=meeting, person_id=pk, defaults={"present": pk in present}
        )
    if meeting.status == MeetingStatus.PLANNED and meeting.starts_at <= timezone.now():
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)


def minutes_save(*, item: AgendaItem, minutes: str, by: Person) -> AgendaItem:
    item.minutes = minutes.strip()
    item.save(update_fields=["minutes"])
    meeting = item.meeting
    if meeting.status == MeetingStatus.PLANNED and meeting.starts_at <= timezone.now():
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    return item


# --- decisions --------------------------------------------------------------------------------
@transaction.atomic
def record_decision(
    *,
    meeting: Meeting,
    text: str,
    by: Person | None,
    subject=None,
    subject_label: str = "",
    subject_url: str = "",
    agenda_item: AgendaItem | None = None,
) -> Decision:
    """A numbered decision of ``meeting`` (or written procedure). ``subject`` is what was
    decided (any model instance), kept with its label and address for the decision list."""
    if not text.strip():
        raise ValidationError({"text": _("Write down what was decided.")})
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting takes no decisions."))
    partnership = Partnership.objects.select_for_update().get(pk=meeting.body.partnership_id)
    year = timezone.localtime(meeting.starts_at).year
    numbers = Decision.objects.filter(partnership=partnership, year=year).values_list(
        "number", flat=True
    )
    decision = Decision(
        partnership=partnership,
        meeting=meeting,
        agenda_item=agenda_item,
        year=year,
        number=next_number(numbers),
        text=text.strip(),
        subject_label=(subject_label or (str(subject) if subject is not None else ""))[:200],
        subject_url=subject_url[:500],
        recorded_by=by,
    )
    if subject is not None:
        decision.subject_type = ContentType.objects.get_for_model(subject)
        decision.subject_id = subject.pk
    decision.save()
    if meeting.status == MeetingStatus.PLANNED and meeting.starts_at <= timezone.now():
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    logger.info("Decision %s recorded by %s", decision.code, getattr(by, "pk", None))
    return decision


def decisions_about(subject) -> list[Decision]:
    """The decisions that point at ``subject`` (newest first)."""
    return list(
        Decision.objects.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        ).select_related("meeting__body")
    )


def resolve_meeting(
    *, partnership: Partnership, value, by: Person, body_kind: str = BodyKind.STUURGROEP
) -> Meeting:
    """The meeting chosen in a decision field: a meeting's pk, or ``WRITTEN`` for a new written
    procedure of the body of ``body_kind`` (today). Errors name the field ``decided_at``."""
    if isinstance(value, Meeting):
        return value
    if value == WRITTEN:
        body = Body.objects.filter(partnership=partnership, kind=body_kind).first()
        if body is None:
            raise ValidationError(
                {"decided_at": _("The partnership has no such body yet: add it first.")}
            )
        now = timezone.now()
        return Meeting.objects.create(
            body=body, kind=MeetingKind.WRITTEN, starts_at=now, status=MeetingStatus.HELD
        )
    try:
        return Meeting.objects.get(
            pk=int(value),
            body__partnership=partnership,
            body__kind=body_kind,
            status__in=[MeetingStatus.PLANNED, MeetingStatus.HELD],
        )
    except (Meeting.DoesNotExist, TypeError, ValueError) as exc:
        raise ValidationError(
            {"decided_at": _("Choose the meeting that took the decision.")}
        ) from exc


# --- minutes ----------------------------------------------------------------------------------
@transaction.atomic
def minutes_approve(*, meeting: Meeting, at: Meeting, by: Person, mail: bool = True) -> Decision:
    """The minutes of ``meeting`` are approved at a later meeting ``at`` of the same body (a
    numbered decision); then they go to the members (``mail=False``: the demo's history, which
    e-mails nobody)."""
    if at.body_id != meeting.body_id or at.starts_at <= meeting.starts_at:
        raise ValidationError(_("Minutes are approved at a later meeting of the same body."))
    if meeting.minutes_approved_at_id:
        raise ValidationError(_("These minutes have been approved already."))
    decision = record_decision(
        meeting=at,
        text=_("The minutes of %(meeting)s are approved.") % {"meeting": meeting},
        by=by,
        subject=meeting,
        subject_url=meeting.get_absolute_url(),
        agenda_item=at.items.filter(order=20).first(),
    )
    meeting.minutes_approved_at = at
    meeting.minutes_sent_at = timezone.now()
    meeting.save(update_fields=["minutes_approved_at", "minutes_sent_at"])
    for person in members_of(meeting, timezone.localdate()) if mail else []:
        notify_once(
            key=f"governance:minutes:{meeting.pk}:{person.pk}",
            recipient=person,
            template="partnerships/governance/email/minutes",
            context={"meeting": meeting, "items": list(meeting.items.all()), "at": at},
        )
    return decision


# --- the agenda by mail, with an ICS invitation -----------------------------------------------
def meeting_ics(meeting: Meeting) -> str:
    url = settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()
    items = "\n".join(f"{n}. {item.title}" for n, item in enumerate(meeting.items.all(), 1))
    event = ics.CalendarEvent(
        uid=f"meeting-{meeting.pk}@opleidingsschool",
        start=meeting.starts_at,
        end=meeting.end,
        summary=str(meeting.body),
        location=meeting.place,
        description=items,
        url=url,
    )
    return ics.calendar(
        [event], name=str(meeting.body), stamp=timezone.now(), prodid="-//Opleidingsschool//NL"
    )


def _deliver_with_invitation(notification_id: int, meeting_id: int) -> bool:
    """Like ``notifications.deliver``, with the meeting's ICS attached. (Should this process die
    first, the relay delivers the same mail without the attachment: the body has date, time,
    place and the link.)"""
    with transaction.atomic():
        row = (
            SentNotification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if row is None:
            return False
        mail = EmailMessage(
            row.subject,
            row.body,
            settings.DEFAULT_FROM_EMAIL,
            [row.to_email],
            headers={"Message-ID": row.message_id or message_id(row.key)},
        )
        meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
        mail.attach("vergadering.ics", meeting_ics(meeting), "text/calendar; method=PUBLISH")
        try:
            mail.send()
        except Exception as exc:  # the relay tries again
            logger.warning("agenda %s not delivered: %s", row.key, exc)
            SentNotification.objects.filter(pk=row.pk).update(
                attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
            )
            return False
        SentNotification.objects.filter(pk=row.pk).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
        )
        return True


@transaction.atomic
def agenda_send(*, meeting: Meeting, by: Person) -> int:
    """Mail the agenda to every current member, once per sending (sending again after a change
    mails again). Returns how many mails were claimed."""
    if meeting.kind != MeetingKind.MEETING or meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Only a planned meeting has an agenda to send."))
    people = members_of(meeting)
    if not people:
        raise ValidationError(_("The body has no members yet: add them first."))
    meeting.agenda_sent_at = timezone.now()
    meeting.save(update_fields=["agenda_sent_at"])
    stamp = int(meeting.agenda_sent_at.timestamp())
    items = list(meeting.items.select_related("owner"))
    count = 0
    for person in people:
        row, created = notification_claim(
            key=f"governance:agenda:{meeting.pk}:{stamp}:{person.pk}",
            recipient=person,
            template="partnerships/governance/email/agenda",
            context={"meeting": meeting, "items": items},
        )
        if created:
            count += 1
            transaction.on_commit(
                lambda pk=row.pk: _deliver_with_invitation(pk, meeting.pk)  # noqa: B023
            )
    return count


# --- actions ----------------------------------------------------------------------------------
def action_save(*, action: GovernanceAction, by: Person) -> GovernanceAction:
    action.full_clean(exclude=["meeting", "owner", "agenda_item"])
    action.save()
    return action


def action_set_status(*, action: GovernanceAction, status: str, by: Person) -> GovernanceAction:
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    action.status = status
    action.done_at = timezone.now() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "done_at"])
    return action


REMINDER_DAYS = {7: "week", 0: "due", -1: "overdue"}


def send_action_reminders(*, today: datetime.date | None = None) -> int:
    """Remind owners of open actions a week before, on, and the day after the due date; never
    twice for the same action and moment. Returns the number of mails claimed."""
    today = today or timezone.localdate()
    days = {today + datetime.timedelta(days=d): kind for d, kind in REMINDER_DAYS.items()}
    actions = GovernanceAction.objects.filter(
        status=ActionStatus.OPEN, due_date__in=list(days)
    ).select_related("owner", "meeting__body__partnership")
    sent = 0
    for action in actions:
        if not action.owner.is_active:
            continue
        kind = days[action.due_date]
        sent += notify_once(
            key=f"governance:action:{action.pk}:{kind}:{action.due_date.isoformat()}",
            recipient=action.owner,
            template="partnerships/governance/email/action_reminder",
            context={"action": action, "kind": kind},
        )
    return sent


# --- the policy document ----------------------------------------------------------------------
@transaction.atomic
def plan_create(*, partnership: Partnership, year: AcademicYear, by: Person) -> PlanVersion:
    """A draft for ``year``, starting from the latest earlier version's texts."""
    if PlanVersion.objects.filter(partnership=partnership, academic_year=year).exists():
        raise ValidationError(_("There is a plan for this school year already."))
    previous = (
        PlanVersion.objects.filter(
            partnership=partnership, academic_year__start_year__lt=year.start_year
        )
        .order_by("-academic_year__start_year")
        .first()
    )
    version = PlanVersion.objects.create(
        partnership=partnership,
        academic_year=year,
        title=_("Opleidingsplan %(year)s") % {"year": year.label},
        based_on=previous,
    )
    texts = dict(previous.chapters.values_list("key", "text")) if previous else {}
    PlanChapter.objects.bulk_create(
        PlanChapter(version=version, key=c.key, text=texts.get(c.key, "")) for c in CHAPTERS
    )
    return version


def plan_chapter_save(*, chapter: PlanChapter, text: str, by: Person) -> PlanChapter:
    if chapter.version.status != PlanStatus.DRAFT:
        raise ValidationError(_("An adopted plan is frozen: start next year's version."))
    chapter.text = text.strip()
    chapter.save(update_fields=["text"])
    return chapter


@transaction.atomic
def plan_adopt(*, version: PlanVersion, meeting: Meeting, by: Person) -> Decision:
    """The steering group adopts the plan: a numbered decision; the data chapters are frozen as
    they are now and the whole plan is kept as a PDF."""
    from .selectors import plan_document

    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != PlanStatus.DRAFT:
        raise ValidationError(_("This plan has been adopted already."))
    if meeting.body.kind != BodyKind.STUURGROEP:
        raise ValidationError({"meeting": _("The steering group adopts the plan.")})
    decision = record_decision(
        meeting=meeting,
        text=_("%(plan)s is adopted.") % {"plan": version.title},
        by=by,
        subject=version,
        subject_url=version.get_absolute_url(),
    )
    document = plan_document(version)
    for chapter in document["chapters"]:
        PlanChapter.objects.filter(pk=chapter["pk"]).update(frozen_data=chapter["data_html"])
    version.status = PlanStatus.ADOPTED
    version.decision = decision
    version.frozen_at = timezone.now()
    version.save(update_fields=["status", "decision", "frozen_at"])
    document = plan_document(version)
    version.pdf = render_to_pdf(
        "partnerships/governance/print/plan.html",
        {**document, "partnership": version.partnership},
    )
    version.save(update_fields=["pdf"])
    return decision
