"""Writes for the quality framework: ambitions, their indicators and the instruments that
measure them. Each write is validated (full_clean) and logged for the person who made it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from partnerships import audit

from ..models import Ambition, Indicator, Instrument


def _save(obj, *, by, action: str):
    obj.full_clean()
    obj.save()
    audit.record(person=by, action=action, obj=obj, partnership=_partnership_of(obj))
    return obj


def _partnership_of(obj):
    if isinstance(obj, Indicator):
        return obj.ambition.partnership
    return obj.partnership


@transaction.atomic
def ambition_save(*, ambition: Ambition, by) -> Ambition:
    action = "quality.ambition_create" if ambition.pk is None else "quality.ambition_update"
    return _save(ambition, by=by, action=action)


@transaction.atomic
def ambition_delete(*, ambition: Ambition, by) -> None:
    """Deletes the ambition with its indicators; instruments stay (they lose the link)."""
    audit.record(
        person=by,
        action="quality.ambition_delete",
        obj=ambition,
        partnership=ambition.partnership,
        title=ambition.title,
    )
    ambition.delete()


@transaction.atomic
def indicator_save(*, indicator: Indicator, by) -> Indicator:
    indicator.standards = sorted(set(indicator.standards))
    action = "quality.indicator_create" if indicator.pk is None else "quality.indicator_update"
    return _save(indicator, by=by, action=action)


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by) -> None:
    audit.record(
        person=by,
        action="quality.indicator_delete",
        obj=indicator,
        partnership=indicator.ambition.partnership,
        question=indicator.question[:200],
    )
    indicator.delete()


@transaction.atomic
def instrument_save(*, instrument: Instrument, indicators=None, by) -> Instrument:
    """Saves an instrument and (when given) the indicators it measures. The indicators and the
    linked survey must belong to the instrument's partnership."""
    p = instrument.partnership_id
    if instrument.survey_id and instrument.survey.partnership_id != p:
        raise ValidationError({"survey": _("Choose a survey of this partnership.")})
    if indicators is not None and any(i.ambition.partnership_id != p for i in indicators):
        raise ValidationError({"indicators": _("Choose indicators of this partnership.")})
    instrument.standards = sorted(set(instrument.standards))
    instrument.months = sorted(set(instrument.months))
    action = "quality.instrument_create" if instrument.pk is None else "quality.instrument_update"
    _save(instrument, by=by, action=action)
    if indicators is not None:
        instrument.indicators.set(indicators)
    return instrument
