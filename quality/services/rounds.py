"""Round plans and survey rounds: scheduling from plans, opening (audience → invitations),
sending personal links, reminders, closing and cancelling.

Every state change of a round claims it with a conditional UPDATE (``status=scheduled →
open``), so two workers, a redelivered task or a second beat run can never do the same thing
twice. The background work (sending in chunks, drafting reports) is queued through the outbox
(``partnerships.outbox``) in the same transaction, so a broker that is down fails nothing.

An invitation's mail is claimed first (its ``SentNotification`` row, key
``quality-invite:<pk>``, holding the whole mail, committed), then delivered; ``Invitation.sent_at``
is set only after the mail server accepted the mail, in the transaction that marks the
notification sent (the ``on_sent`` hook). A worker killed in between leaves the claim pending and
the relay delivers it within a minute or two — at least once, with the same Message-ID, so a
duplicate is recognisable."""

import datetime
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from partnerships import audit, outbox
from partnerships.models import AcademicYear, Partnership, Person
from partnerships.notifications import deliver, message_id, notification_claim, notify_once

from ..audiences import audience_members
from ..choices import Audience, RoundStatus
from ..models import Invitation, QualitySettings, RoundPlan, Survey, SurveyRound
from ..periods import academic_start_year, half_of, half_of_month, plan_due_in, round_dates

S = RoundStatus
PLAN_FIELDS = (
    "survey",
    "audience",
    "months",
    "open_day",
    "open_days",
    "is_active",
    "every_years",
    "first_year",
)
REPORTS_TASK = "quality.tasks.reports.draft_due_reports"
INVITE_TASK = "quality.tasks.rounds.send_invitations"
INVITE_KEY = "quality-invite:"
logger = logging.getLogger(__name__)


# --- plans and scheduling -------------------------------------------------------------------
def _check_survey(partnership: Partnership, survey: Survey) -> None:
    if survey.partnership_id != partnership.pk or survey.is_template:
        raise ValidationError({"survey": _("Choose one of this partnership's surveys.")})


@transaction.atomic
def round_plan_save(
    *,
    partnership: Partnership,
    by: Person,
    today: datetime.date,
    plan: RoundPlan | None = None,
    **values,
) -> RoundPlan:
    """Create or change a plan, then schedule its rounds for this academic year."""
    plan = plan or RoundPlan(partnership=partnership)
    for name, value in values.items():
        if name not in PLAN_FIELDS:
            raise TypeError(name)
        setattr(plan, name, value)
    _check_survey(partnership, plan.survey)
    plan.months = sorted({int(m) for m in plan.months})
    halves = [half_of_month(m) for m in plan.months]
    if len(halves) != len(set(halves)):
        raise ValidationError({"months": _("Choose at most one month in each half year.")})
    plan.every_years = max(int(plan.every_years or 1), 1)
    if plan.first_year is None and plan.every_years > 1:
        plan.first_year = academic_start_year(today)  # from this academic year on
    created = plan.pk is None
    plan.full_clean()
    plan.save()
    audit.record(
        person=by,
        action="round_plan_create" if created else "round_plan_update",
        obj=plan,
        partnership=partnership,
        months=plan.months,
    )
    rounds_schedule(partnership=partnership, today=today)
    return plan


def round_title(survey: Survey, opens_on: datetime.date) -> str:
    """'Studentenenquête januari 2026', with the month in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        month = str(MONTHS[opens_on.month])
    return f"{survey.name} {month} {opens_on.year}"


@transaction.atomic
def rounds_schedule(*, partnership: Partnership, today: datetime.date) -> list[SurveyRound]:
    """For every active plan, the round of each of its months in the academic year of
    ``today``. Idempotent: one round per plan and half year (unique in the database); a round
    whose opening is further past than its days open is not created any more."""
    start_year = academic_start_year(today)
    year = AcademicYear.current(today)
    plans = RoundPlan.objects.filter(partnership=partnership, is_active=True).select_related(
        "survey"
    )
    existing = set(
        SurveyRound.objects.filter(plan__in=plans, academic_year=year).values_list(
            "plan_id", "half"
        )
    )
    created = []
    for plan in plans:
        if not plan_due_in(start_year, plan.first_year, plan.every_years):
            continue  # e.g. the KOOS self-evaluation, every four years
        for month in sorted(plan.months, key=lambda m: (m < 8, m)):
            half = half_of_month(month)
            opens_on, closes_on = round_dates(start_year, month, plan.open_day, plan.open_days)
            if (plan.pk, half) in existing or closes_on < today:
                continue
            existing.add((plan.pk, half))
            try:
                with transaction.atomic():
                    created.append(
                        SurveyRound.objects.create(
                            partnership=partnership,
                            survey=plan.survey,
                            plan=plan,
                            academic_year=year,
                            half=half,
                            title=round_title(plan.survey, opens_on),
                            audience=plan.audience,
                            opens_on=opens_on,
                            closes_on=closes_on,
                        )
                    )
            except IntegrityError:  # another process scheduled it a moment ago
                continue
    return created


@transaction.atomic
def round_create(
    *,
    partnership: Partnership,
    by: Person,
    survey: Survey,
    audience: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    title: str = "",
) -> SurveyRound:
    """An ad-hoc round outside the plans (scheduled; the beat opens it on ``opens_on``)."""
    _check_survey(partnership, survey)
    survey_round = SurveyRound(
        partnership=partnership,
        survey=survey,
        academic_year=AcademicYear.current(opens_on),
        half=half_of(opens_on),
        title=title or round_title(survey, opens_on),
        audience=audience,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    if closes_on <= opens_on:
        raise ValidationError({"closes_on": _("The round must close after it opens.")})
    survey_round.full_clean()
    survey_round.save()
    audit.record(person=by, action="round_create", obj=survey_round, partnership=partnership)
    return survey_round


# --- opening ---------------------------------------------------------------------------------
@transaction.atomic
def round_open(*, round: SurveyRound, today: datetime.date) -> list[int]:
    """Open a scheduled round: claim it (scheduled → open), lock its survey, invite its
    audience. Returns the ids of the new invitations (empty when another process opened it);
    sending them is queued in the outbox with the opening."""
    claimed = SurveyRound.objects.filter(pk=round.pk, status=S.SCHEDULED).update(
        status=S.OPEN, opened_at=timezone.now()
    )
    if not claimed:
        return []
    round.refresh_from_db()
    Survey.objects.filter(pk=round.survey_id).update(is_locked=True)
    members = audience_members(
        partnership=round.partnership,
        audience=round.audience,
        year=round.academic_year,
        today=today,
        survey_round=round,
    )
    Invitation.objects.bulk_create(
        [
            Invitation(
                round=round,
                person_id=m.person_id,
                email="" if m.person_id else m.email,
                key=secrets.token_urlsafe(32),
                group=m.group,
                school_id=m.school_id,
                institute_id=m.institute_id,
                category=m.category,
                level=m.level,
            )
            for m in members
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    ids = list(
        Invitation.objects.filter(round=round, sent_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    from ..tasks.rounds import enqueue_invitations

    enqueue_invitations(round.pk, ids)
    return ids


@transaction.atomic
def round_open_now(*, round: SurveyRound, by: Person, today: datetime.date) -> list[int]:
    """Open a scheduled round today instead of on its date (keeping its length when the
    closing date would otherwise have passed)."""
    if round.status != S.SCHEDULED:
        raise ValidationError(_("Only a scheduled round can be opened."))
    if round.audience == Audience.EMAIL_LIST and not round.addresses.exists():
        raise ValidationError(_("Add the e-mail list before opening the round."))
    if round.opens_on > today or round.closes_on <= today:
        length = max((round.closes_on - round.opens_on).days, 1)
        closes_on = round.closes_on if round.closes_on > today else today
        if closes_on <= today:
            closes_on = today + datetime.timedelta(days=length)
        SurveyRound.objects.filter(pk=round.pk, status=S.SCHEDULED).update(
            opens_on=min(round.opens_on, today), closes_on=closes_on
        )
    ids = round_open(round=round, today=today)
    audit.record(
        person=by, action="round_open", obj=round, partnership=round.partnership, invited=len(ids)
    )
    return ids


def rounds_due_to_open(*, partnership: Partnership, today: datetime.date):
    return SurveyRound.objects.filter(
        partnership=partnership, status=S.SCHEDULED, opens_on__lte=today, closes_on__gte=today
    ).select_related("partnership", "academic_year")


# --- sending and reminding -------------------------------------------------------------------
def invitation_link(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("survey:answer", kwargs={"key": invitation.key})


def _mail_context(invitation: Invitation) -> dict:
    return {
        "invitation": invitation,
        "survey_round": invitation.round,
        "partnership": invitation.round.partnership,
        "link": invitation_link(invitation),
    }


def invitations_send(*, invitation_ids: list[int]) -> int:
    """E-mail the personal links of ``invitation_ids`` that are unsent in an open round:
    first claim every mail of the batch (one committed transaction: a worker killed later
    leaves pending claims that the relay delivers), then deliver them one by one. Returns how
    many this call handed to the mail server."""
    by_address = list(
        Invitation.objects.filter(
            pk__in=invitation_ids, sent_at__isnull=True, person__isnull=True
        ).values_list("pk", flat=True)
    )
    sent = sum(address_invitation_send(invitation_id=pk) for pk in sorted(by_address))
    with transaction.atomic():
        invitations = Invitation.objects.filter(
            pk__in=invitation_ids,
            sent_at__isnull=True,
            round__status=S.OPEN,
            person__isnull=False,
        ).select_related("person", "round__partnership")
        claims = [
            notification_claim(
                key=f"{INVITE_KEY}{invitation.pk}",
                recipient=invitation.person,
                template="quality/email/invitation",
                context=_mail_context(invitation),
            )[0]
            for invitation in invitations.order_by("pk")
        ]
    return sent + sum(deliver(claim.pk) for claim in claims if claim.sent_at is None)


def _address_mail(invitation: Invitation, key: str, template: str, context: dict) -> EmailMessage:
    """The mail to an invitee without a person (alumni, an e-mail list): in the site's language,
    with the same Message-ID for every delivery of ``key``."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"recipient": None, "site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return EmailMessage(
        subject[:200],
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
        headers={"Message-ID": message_id(key)},
    )


def address_invitation_send(*, invitation_id: int) -> bool:
    """Mail the personal link to an invitee without a person. The invitation row is locked while
    the mail is handed over and ``sent_at`` set in the same transaction; a worker that dies in
    between leaves it unsent, and ``unsent_invitations`` queues it again — at least once, with
    the same Message-ID."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("round__partnership")
            .filter(
                pk=invitation_id, sent_at__isnull=True, person__isnull=True, round__status=S.OPEN
            )
            .first()
        )
        if invitation is None:
            return False
        key = f"{INVITE_KEY}{invitation.pk}"
        try:
            context = _mail_context(invitation)
            _address_mail(invitation, key, "quality/email/invitation", context).send()
        except Exception as exc:
            logger.warning("invitation %s not delivered: %s", invitation.pk, exc)
            return False
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True


def invitation_send(*, invitation_id: int) -> bool:
    """E-mail one personal link (see ``invitations_send``); False when it was sent before,
    is being sent by another process, or the round is not open."""
    return invitations_send(invitation_ids=[invitation_id]) == 1


def invitation_mail_sent(key: str, sent_at: datetime.datetime) -> None:
    """The ``on_sent`` hook: the mail server accepted the invitation's mail."""
    Invitation.objects.filter(pk=int(key.removeprefix(INVITE_KEY)), sent_at__isnull=True).update(
        sent_at=sent_at
    )


def round_waiting(survey_round: SurveyRound) -> bool:
    """Whether the round's invitations, or the report drafting after it closed, still wait
    in the outbox for the broker (the background service)."""
    if survey_round.status == S.CLOSED:
        return outbox.waiting(REPORTS_TASK)
    return outbox.waiting(INVITE_TASK, survey_round.pk)


def invitation_remind(*, invitation_id: int, days: int, today: datetime.date) -> bool:
    """One reminder per invitation and reminder day (key ``quality-remind:<pk>:<days>``), only
    while the round is open and the invitee has not responded."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("person", "round__partnership")
            .filter(
                pk=invitation_id,
                round__status=S.OPEN,
                responded_at__isnull=True,
                sent_at__isnull=False,
            )
            .first()
        )
        if invitation is None:
            return False
        if invitation.person_id is None:
            return _address_remind(invitation, days, today)
        sent = notify_once(
            key=f"quality-remind:{invitation.pk}:{days}",
            recipient=invitation.person,
            template="quality/email/invitation_reminder",
            context=_mail_context(invitation) | {"days": days},
        )
        if sent:
            Invitation.objects.filter(pk=invitation.pk).update(
                reminders_sent=invitation.reminders_sent + 1, last_reminded_on=today
            )
        return sent


def _address_remind(invitation: Invitation, days: int, today: datetime.date) -> bool:
    """A reminder to an invitee without a person, once a day at most (the row is locked by the
    caller's transaction)."""
    if invitation.last_reminded_on == today:
        return False
    key = f"quality-remind:{invitation.pk}:{days}"
    context = _mail_context(invitation) | {"days": days}
    try:
        _address_mail(invitation, key, "quality/email/invitation_reminder", context).send()
    except Exception as exc:
        logger.warning("reminder %s not delivered: %s", invitation.pk, exc)
        return False
    Invitation.objects.filter(pk=invitation.pk).update(
        reminders_sent=invitation.reminders_sent + 1, last_reminded_on=today
    )
    return True


def unsent_invitations(*, partnership: Partnership, now: datetime.datetime, minutes: int = 10):
    """Ids of unsent invitations per open round opened more than ``minutes`` ago: their
    sending task was lost (a worker died) and is enqueued again."""
    cutoff = now - datetime.timedelta(minutes=minutes)
    rows = (
        Invitation.objects.filter(
            round__partnership=partnership,
            round__status=S.OPEN,
            round__opened_at__lt=cutoff,
            sent_at__isnull=True,
        )
        .order_by("round_id", "pk")
        .values_list("round_id", "pk")
    )
    by_round: dict[int, list[int]] = {}
    for round_id, pk in rows:
        by_round.setdefault(round_id, []).append(pk)
    return by_round


def reminder_day(closes_on: datetime.date, days: list[int], today: datetime.date) -> int | None:
    """The reminder due on ``today``: the nearest configured day before closing that has been
    reached (a missed run catches up with the latest reminder only, not all of them)."""
    reached = [d for d in days if closes_on - datetime.timedelta(days=d) <= today <= closes_on]
    return min(reached) if reached else None


def reminders_due(*, partnership: Partnership, today: datetime.date) -> list[tuple]:
    """(round id, reminder day, invitation ids) for every open round with a reminder due:
    invitees who have not responded and were invited before today."""
    days = QualitySettings.for_partnership(partnership).reminder_days or []
    out = []
    rounds = SurveyRound.objects.filter(partnership=partnership, status=S.OPEN)
    for survey_round in rounds:
        day = reminder_day(survey_round.closes_on, days, today)
        if day is None:
            continue
        ids = list(
            survey_round.invitations.filter(responded_at__isnull=True, sent_at__date__lt=today)
            .exclude(reminders_sent__gt=0, last_reminded_on=today)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if ids:
            out.append((survey_round.pk, day, ids))
    return out


# --- closing and cancelling ------------------------------------------------------------------
@transaction.atomic
def round_close(*, round: SurveyRound, by: Person | None = None) -> bool:
    """Close an open round (open → closed); the reports task (queued in the outbox with the
    closing) drafts what is due."""
    claimed = SurveyRound.objects.filter(pk=round.pk, status=S.OPEN).update(
        status=S.CLOSED, closed_at=timezone.now()
    )
    if not claimed:
        return False
    round.refresh_from_db()
    if by is not None:
        audit.record(person=by, action="round_close", obj=round, partnership=round.partnership)
    outbox.enqueue(REPORTS_TASK)
    return True


def rounds_close_due(*, partnership: Partnership, today: datetime.date) -> int:
    due = SurveyRound.objects.filter(partnership=partnership, status=S.OPEN, closes_on__lt=today)
    return sum(round_close(round=survey_round) for survey_round in due)


@transaction.atomic
def round_cancel(*, round: SurveyRound, by: Person) -> bool:
    """Cancel a scheduled or open round; its personal links then say it is not open."""
    claimed = SurveyRound.objects.filter(pk=round.pk, status__in=[S.SCHEDULED, S.OPEN]).update(
        status=S.CANCELLED
    )
    if not claimed:
        raise ValidationError(_("A closed or cancelled round cannot be cancelled."))
    round.refresh_from_db()
    audit.record(person=by, action="round_cancel", obj=round, partnership=round.partnership)
    return True
