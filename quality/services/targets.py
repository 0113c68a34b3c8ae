"""Writes for targets (streefdoelen): saved with the rules a form cannot see (everything belongs
to the target's partnership, the question fits the measure) and logged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships import audit

from .. import targets as rules
from ..choices import QuestionKind
from ..models import Target


def _check(target: Target) -> None:
    errors = {}
    pk = target.partnership_id
    if target.indicator.ambition.partnership_id != pk:
        errors["indicator"] = _("Choose an indicator of this partnership.")
    if target.measure in rules.QUESTION_MEASURES:
        question = target.question
        if question is None:
            errors["question"] = _("Choose the survey question.")
        elif question.section.survey.partnership_id != pk:
            errors["question"] = _("Choose a question of this partnership's surveys.")
        elif target.measure == rules.KOOS_GAP and question.kind != QuestionKind.DOUBLE_SCALE:
            errors["question"] = _("A gap needs a KOOS question (desired and actual).")
        elif target.measure != rules.KOOS_GAP and question.kind != QuestionKind.SCALE:
            errors["question"] = _("Choose a question on the 1–5 scale.")
    else:
        target.question = None
    if target.measure in rules.AREA_MEASURES:
        if target.survey is None:
            errors["survey"] = _("Choose the survey.")
        elif target.survey.partnership_id != pk:
            errors["survey"] = _("Choose a survey of this partnership.")
        if not target.area:
            errors["area"] = _("Choose the quality area.")
    else:
        target.survey, target.area = None, ""
    if target.measure != rules.RESPONSE:
        target.group = ""
    try:  # stored as the exact fraction ("95%" → "19/20"), as the form does
        target.value = str(rules.parse_value(target.value, target.measure))
    except ValueError:
        errors["value"] = value_error(target.measure)
    if errors:
        raise ValidationError(errors)


def value_error(measure: str) -> str:
    """What a target value of ``measure`` may be, said when the typed one is not."""
    if measure in rules.SHARE_MEASURES:
        return _("Give a share from 0 to 100%, for example 95%, 2/3 or 0,95.")
    if measure in (rules.MEAN, rules.AREA_MEAN):
        return _("Give a mean from 1 to 5, for example 4,0.")
    return _("Give a gap from −4 to 4 (desired − actual), for example 0,5.")


@transaction.atomic
def target_save(*, target: Target, by) -> Target:
    action = "quality.target_create" if target.pk is None else "quality.target_update"
    _check(target)
    target.full_clean()
    target.save()
    audit.record(person=by, action=action, obj=target, partnership=target.partnership)
    return target


@transaction.atomic
def target_delete(*, target: Target, by) -> None:
    audit.record(
        person=by, action="quality.target_delete", obj=target, partnership=target.partnership
    )
    target.delete()
