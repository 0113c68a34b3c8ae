"""The partnership's quality settings: anonymity thresholds, response target, reminder days."""

from fractions import Fraction

from django.db import transaction

from partnerships import audit
from partnerships.models import Partnership, Person

from ..models import QualitySettings

FIELDS = ("min_group", "min_group_open_text", "response_target", "reminder_days", "report_due_days")


def _plain(value):
    """The audit stores JSON: the response target (a Fraction) as "2/3"."""
    return str(value) if isinstance(value, Fraction) else value


@transaction.atomic
def quality_settings_update(*, partnership: Partnership, by: Person, **values) -> QualitySettings:
    """Save the settings; the model refuses a threshold under 5 and open text under it. The
    response target is a Fraction (``quality.response_target``)."""
    settings = QualitySettings.for_partnership(partnership)
    before = {name: getattr(settings, name) for name in FIELDS}
    for name, value in values.items():
        if name not in FIELDS:
            raise TypeError(name)
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    changed = {
        n: [_plain(before[n]), _plain(getattr(settings, n))]
        for n in FIELDS
        if before[n] != getattr(settings, n)
    }
    audit.record(
        person=by, action="quality_settings", obj=settings, partnership=partnership, **changed
    )
    return settings
