"""Improvement actions: proposed in a report or from a finding, at partnership, school or
institute level, each with an owner who holds a role in the partnership. The managers edit
everything; the owner reports progress (status and evaluation) on their own action."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.audit import record
from partnerships.glossary import OrganisationKind
from partnerships.models import Partnership, Person
from partnerships.notifications import notify_once

from ..choices import ActionLevel, ActionStatus
from ..models import ImprovementAction
from ..selectors.reports import possible_owners

EDITABLE = (
    "title",
    "finding",
    "source",
    "report",
    "level",
    "organisation",
    "owner",
    "due_date",
    "status",
    "evaluation",
    "target",
)
OWNER_EDITABLE = ("status", "evaluation")
LEVEL_KIND = {
    ActionLevel.SCHOOL: OrganisationKind.SCHOOL,
    ActionLevel.INSTITUTE: OrganisationKind.INSTITUTE,
}


def _check(action: ImprovementAction) -> None:
    """The rules a form cannot see: everything belongs to the action's partnership."""
    errors = {}
    org = action.organisation
    if action.level == ActionLevel.PARTNERSHIP:
        if org is not None:
            errors["organisation"] = _("A partnership-wide action has no school or institute.")
    elif org is None:
        errors["organisation"] = (
            _("Choose the school.")
            if action.level == ActionLevel.SCHOOL
            else _("Choose the institute.")
        )
    elif org.partnership_id != action.partnership_id or org.kind != LEVEL_KIND.get(action.level):
        errors["organisation"] = (
            _("Choose a school of this partnership.")
            if action.level == ActionLevel.SCHOOL
            else _("Choose an institute of this partnership.")
        )
    if (
        action.owner_id
        and not possible_owners(partnership=action.partnership).filter(pk=action.owner_id).exists()
    ):
        errors["owner"] = _("The owner must hold a role in this partnership.")
    if action.report_id and action.report.partnership_id != action.partnership_id:
        errors["report"] = _("Choose a report of this partnership.")
    if action.target_id and action.target.partnership_id != action.partnership_id:
        errors["target"] = _("Choose a target of this partnership.")
    if action.status == ActionStatus.DONE and not action.evaluation.strip():
        errors["evaluation"] = _("Say what the action achieved before you mark it done.")
    if errors:
        raise ValidationError(errors)


def _notify_owner(action: ImprovementAction) -> None:
    notify_once(
        key=f"quality_action:{action.pk}:assigned:{action.owner_id}",
        recipient=action.owner,
        template="quality/email/action_assigned",
        context={
            "action": action,
            "path": action.get_absolute_url(),
            "partnership": action.partnership,
        },
    )


@transaction.atomic
def action_create(*, partnership: Partnership, by: Person, **fields) -> ImprovementAction:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    action = ImprovementAction(partnership=partnership, **fields)
    _check(action)
    action.full_clean()
    action.save()
    record(person=by, action="action_create", obj=action, partnership=partnership)
    _notify_owner(action)
    return action


@transaction.atomic
def action_update(*, action: ImprovementAction, by: Person, **fields) -> ImprovementAction:
    """A manager changes any field."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    ImprovementAction.objects.select_for_update().filter(pk=action.pk).get()
    for name, value in fields.items():
        setattr(action, name, value)
    _check(action)
    action.full_clean()
    action.save()
    record(person=by, action="action_update", obj=action, partnership=action.partnership)
    _notify_owner(action)
    return action


@transaction.atomic
def action_progress(*, action: ImprovementAction, by: Person, status: str, evaluation: str):
    """The owner reports progress on their own action."""
    if action.owner_id != by.pk:
        raise PermissionDenied
    return action_update(action=action, by=by, status=status, evaluation=evaluation)
