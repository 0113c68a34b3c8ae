"""The yearly round of transfer forms, run by the daily Celery tasks in ``placements.tasks``.

* From each partnership's date (``TransferSettings``, default 15 May) until the end of the
  academic year, every confirmed or active placement of the current academic year gets one draft
  form (the placement is unique on the form: running twice, or twice at once, makes one form)
  and its student an e-mail; the deadline is that date (or today, for a placement that starts
  later) plus the settings' number of days.
* Students whose form is still a draft get a reminder ``reminder_days`` before the deadline and
  on the deadline itself (a key per form and day: never twice).
* Shared forms: a werkplekbegeleider assigned at the new school after sharing gets the form the
  next morning; when the next placement was cancelled the form follows the student to the new one.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from partnerships.audit import record
from partnerships.models import AcademicYear, Partnership
from placements.choices import PlacementStatus
from placements.models import Placement, TransferForm, TransferFormStatus, TransferSettings
from placements.transfer.access import SHARED
from placements.transfer.facts import find_next_placement
from placements.transfer.services import notify, transfer_form_relink, transfer_receivers_notify

T = TransferFormStatus
ENDING = (PlacementStatus.CONFIRMED, PlacementStatus.ACTIVE)
FOLLOW_SHARED_DAYS = 365


def creation_date(config: TransferSettings, year: AcademicYear) -> datetime.date:
    """The partnership's date within ``year`` (months from August on fall in its first half)."""
    calendar_year = year.start_year if config.create_month >= 8 else year.start_year + 1
    return datetime.date(calendar_year, config.create_month, config.create_day)


def transfer_settings(partnership: Partnership) -> TransferSettings:
    return TransferSettings.objects.get_or_create(partnership=partnership)[0]


@transaction.atomic
def transfer_form_open(
    *, placement: Placement, deadline: datetime.date
) -> tuple[TransferForm, bool]:
    """The placement's form, created once (with an e-mail to the student) whoever asks first."""
    form, created = TransferForm.objects.get_or_create(
        placement=placement,
        defaults={
            "student": placement.student,
            "deadline": deadline,
            "next_placement": find_next_placement(placement),
        },
    )
    if created:
        record(
            person=None,
            action="transfer_create",
            obj=form,
            partnership=placement.student.partnership,
        )
    notify(form, key="created", recipient=placement.student.person, template="created")
    return form, created


def transfer_forms_create(*, today: datetime.date) -> int:
    """Open the forms of every partnership whose date has come; returns how many were new."""
    year = AcademicYear.current(today)
    created = 0
    for partnership in Partnership.objects.order_by("pk"):
        config = transfer_settings(partnership)
        opens_on = creation_date(config, year)
        if today < opens_on:
            continue
        deadline = max(opens_on, today) + datetime.timedelta(days=config.deadline_days)
        placements = (
            Placement.objects.filter(
                student__partnership=partnership,
                student__is_active=True,
                academic_year=year,
                status__in=ENDING,
                transfer_form__isnull=True,
            )
            .select_related("student__person", "student__partnership", "academic_year")
            .order_by("pk")
        )
        for placement in placements:
            created += transfer_form_open(placement=placement, deadline=deadline)[1]
    return created


def transfer_reminders_send(*, today: datetime.date) -> int:
    """Remind students whose form is still a draft; returns the number of e-mails sent."""
    sent = 0
    for partnership in Partnership.objects.order_by("pk"):
        config = transfer_settings(partnership)
        kinds = {today: "due", today + datetime.timedelta(days=config.reminder_days): "soon"}
        forms = TransferForm.objects.filter(
            student__partnership=partnership,
            student__is_active=True,
            status=T.DRAFT,
            deadline__in=list(kinds),
        ).select_related("student__person", "student__partnership", "placement__academic_year")
        for form in forms.order_by("pk"):
            with transaction.atomic():
                sent += notify(
                    form,
                    key=f"reminder:{today.isoformat()}",
                    recipient=form.student.person,
                    template="reminder",
                    kind=kinds[form.deadline],
                )
    return sent + _follow_shared(today)


def _follow_shared(today: datetime.date) -> int:
    since = today - datetime.timedelta(days=FOLLOW_SHARED_DAYS)
    forms = TransferForm.objects.filter(
        status__in=SHARED, shared_at__date__gte=since
    ).select_related(
        "student__person",
        "student__partnership",
        "placement__academic_year",
        "next_placement__school",
        "next_placement__werkplekbegeleider",
        "next_placement__schoolopleider",
    )
    sent = 0
    for form in forms.order_by("pk"):
        with transaction.atomic():
            if form.next_placement and form.next_placement.status == PlacementStatus.CANCELLED:
                replacement = find_next_placement(form.placement)
                if replacement is None:
                    continue
                transfer_form_relink(form=form, next_placement=replacement, today=today)
            sent += transfer_receivers_notify(form=form, today=today)
    return sent


@transaction.atomic
def transfer_settings_save(*, config: TransferSettings, by, **fields) -> TransferSettings:
    for name, value in fields.items():
        setattr(config, name, value)
    config.full_clean()
    config.save()
    record(
        person=by, action="transfer_settings", obj=config, partnership=config.partnership, **fields
    )
    return config
