"""The transfer form's flow (doorstroomformulier): draft → submitted → remarks and agreement of
the guides → final (facts frozen in the snapshot) → shared with the new school → acknowledged.

Who may take which step is decided in ``placements.transfer.access.TransferPolicy``; every
function here asks it again (a forged request gets PermissionDenied, a step the status does not
allow a ValidationError with the reason), locks the form row first, and writes an audit entry.
E-mails go through ``notify_once`` with a key per form and person, so nobody gets one twice."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.audit import record
from partnerships.models import Person
from partnerships.notifications import notify_once
from placements.models import TransferForm, TransferFormRemark, TransferFormStatus
from placements.transfer.access import (
    FINISHED,
    TransferPolicy,
    guide_roles,
    receivers,
    submit_recipients,
)
from placements.transfer.facts import current_next, new_school_facts, remark_records, transfer_facts

T = TransferFormStatus
TEXT_FIELDS = (
    "suits_me",
    "strengths",
    "points_of_attention",
    "learning_goals_next_year",
    "other_remarks",
)
REQUIRED_TO_SUBMIT = ("strengths", "points_of_attention", "learning_goals_next_year")
MAX_TEXT = 5000


def _lock(form: TransferForm) -> TransferForm:
    """Lock the row and take its current status (another tab or person may have moved it)."""
    form.status = (
        TransferForm.objects.select_for_update()
        .filter(pk=form.pk)
        .values_list("status", flat=True)
        .get()
    )
    return form


def _audit(form: TransferForm, by: Person | None, action: str, **details) -> None:
    record(person=by, action=action, obj=form, partnership=form.student.partnership, **details)


def notify(form: TransferForm, *, key: str, recipient: Person, template: str, **extra) -> bool:
    return notify_once(
        key=f"transfer:{form.pk}:{key}",
        recipient=recipient,
        template=f"placements/email/transfer_{template}",
        context={
            "form": form,
            "student_name": form.student.person.full_name,
            "year": form.placement.academic_year.label,
            "path": form.get_absolute_url(),
            "partnership": form.student.partnership,
            **extra,
        },
    )


def _require_student(form: TransferForm, by: Person) -> TransferPolicy:
    policy = TransferPolicy(form, by)
    if not policy.is_student:
        raise PermissionDenied
    return policy


def _check_texts(data: dict) -> None:
    errors = {
        name: _("Keep this under %(n)s characters.") % {"n": MAX_TEXT}
        for name, value in data.items()
        if len(value) > MAX_TEXT
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def transfer_form_save(*, form: TransferForm, by: Person, data: dict) -> TransferForm:
    """Save the student's texts given in ``data`` and nothing else: autosave sends one field,
    the Save button all of them; a field that is not sent is never cleared."""
    _require_student(_lock(form), by)
    if form.status not in (T.DRAFT, T.SUBMITTED):
        raise ValidationError(_("This form is final; it can no longer be changed."))
    data = {name: str(value) for name, value in data.items() if name in TEXT_FIELDS}
    _check_texts(data)
    for name, value in data.items():
        setattr(form, name, value)
    form.save(update_fields=[*data, "updated_at"])
    return form


@transaction.atomic
def transfer_form_submit(*, form: TransferForm, by: Person) -> TransferForm:
    policy = _require_student(_lock(form), by)
    if not policy.may_submit:
        raise ValidationError(_("This form has already been submitted."))
    missing = {
        name: _("Fill this in before you submit the form.")
        for name in REQUIRED_TO_SUBMIT
        if not getattr(form, name).strip()
    }
    if missing:
        raise ValidationError(missing)
    form.status = T.SUBMITTED
    form.submitted_at = timezone.now()
    form.save(update_fields=["status", "submitted_at", "updated_at"])
    _audit(form, by, "transfer_submit")
    for _role, person in submit_recipients(form):
        notify(form, key=f"submitted:{person.pk}", recipient=person, template="submitted")
    return form


@transaction.atomic
def transfer_remark_add(
    *, form: TransferForm, by: Person, text: str, agrees: bool, role: str = ""
) -> TransferFormRemark:
    roles = guide_roles(_lock(form), by)
    if not roles:
        raise PermissionDenied
    if form.status != T.SUBMITTED:
        raise ValidationError(_("Remarks can be added while the form is submitted for remarks."))
    if not text.strip() and not agrees:
        raise ValidationError({"text": _("Write a remark or tick that you agree.")})
    _check_texts({"text": text})
    remark = TransferFormRemark(
        form=form, author=by, role=role if role in roles else roles[0], agrees=agrees, text=text
    )
    remark.full_clean()
    remark.save()
    _audit(form, by, "transfer_remark", role=remark.role, agrees=agrees)
    notify(
        form,
        key=f"remark:{remark.pk}",
        recipient=form.student.person,
        template="remark",
        remark=remark,
    )
    return remark


@transaction.atomic
def transfer_form_finalise(*, form: TransferForm, by: Person) -> TransferForm:
    """The student makes the form final; the facts are frozen in the snapshot from now on."""
    policy = _require_student(_lock(form), by)
    if not policy.may_finalise:
        raise ValidationError(_("Only a submitted form can be made final."))
    blocker = policy.finalise_blocker()
    if blocker:
        raise ValidationError(blocker)
    form.next_placement = current_next(form)
    form.snapshot = {**transfer_facts(form), "remarks": remark_records(form)}
    form.status = T.FINAL
    form.finalised_at = timezone.now()
    form.save(update_fields=["next_placement", "snapshot", "status", "finalised_at", "updated_at"])
    _audit(form, by, "transfer_finalise")
    return form


def transfer_receivers_notify(*, form: TransferForm, today: datetime.date | None = None) -> int:
    """E-mail everyone of the receiving school who has not had this form yet (a werkplekbegeleider
    assigned after sharing gets it the next morning from the daily task)."""
    return sum(
        notify(form, key=f"shared:{person.pk}", recipient=person, template="shared")
        for person in receivers(form, today)
    )


@transaction.atomic
def transfer_form_share(*, form: TransferForm, by: Person) -> TransferForm:
    policy = _require_student(_lock(form), by)
    if not policy.may_share:
        raise ValidationError(_("Only a final form can be shared."))
    blocker = policy.share_blocker()
    if blocker:
        raise ValidationError(blocker)
    transfer_form_relink(form=form, next_placement=policy.next_placement)
    form.status = T.SHARED
    form.shared_at = timezone.now()
    form.save(update_fields=["status", "shared_at", "updated_at"])
    _audit(form, by, "transfer_share", school=form.next_placement.school.name)
    transfer_receivers_notify(form=form)
    return form


def transfer_form_relink(*, form: TransferForm, next_placement, today=None) -> TransferForm:
    """Point the form at ``next_placement`` and freeze the new school's facts in the snapshot."""
    form.next_placement = next_placement
    form.snapshot = {
        **form.snapshot,
        "new_school": new_school_facts(next_placement, today or timezone.localdate()),
    }
    form.save(update_fields=["next_placement", "snapshot", "updated_at"])
    return form


@transaction.atomic
def transfer_form_acknowledge(*, form: TransferForm, by: Person) -> TransferForm:
    """The receiving school confirms it discussed the form in the introductory interview."""
    policy = TransferPolicy(_lock(form), by)
    if not policy.is_receiver:
        raise PermissionDenied
    if not policy.may_acknowledge:
        raise ValidationError(_("This form has already been acknowledged."))
    form.status = T.ACKNOWLEDGED
    form.acknowledged_at = timezone.now()
    form.acknowledged_by = by
    form.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "updated_at"])
    _audit(form, by, "transfer_acknowledge")
    notify(form, key="acknowledged", recipient=form.student.person, template="acknowledged", by=by)
    return form


@transaction.atomic
def transfer_form_employer(
    *, form: TransferForm, by: Person, share: bool, name: str = "", email: str = ""
) -> TransferForm:
    """Record whether the student hands this last form of the track to a first employer (the
    student downloads the PDF and hands it over; the product sends nothing to the employer)."""
    policy = _require_student(_lock(form), by)
    if form.status not in FINISHED:
        raise ValidationError(_("A form can be handed to an employer once it is final."))
    if not policy.may_choose_employer:
        raise ValidationError(_("This form goes to your next school, not to an employer."))
    if share and not name.strip():
        raise ValidationError({"employer_name": _("Name the school or employer.")})
    form.share_with_employer = share
    form.employer_name = name.strip() if share else ""
    form.employer_email = email.strip() if share else ""
    form.full_clean()
    form.save(
        update_fields=["share_with_employer", "employer_name", "employer_email", "updated_at"]
    )
    _audit(form, by, "transfer_employer", share=share)
    return form
