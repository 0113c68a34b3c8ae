"""A student logs a webinar they followed, with a summary for the portfolio (002 §4.6: at
least two per period)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.audit import record
from partnerships.models import Person, Student

from ..models import WebinarLog
from ..selectors.groups import period_for

SUMMARY_MIN = 100


@transaction.atomic
def webinar_log_create(
    *,
    student: Student,
    title: str,
    followed_on: datetime.date,
    summary: str,
    by: Person,
    today: datetime.date | None = None,
) -> WebinarLog:
    """The period comes from the date (the academic year's periods OP1–OP4)."""
    today = today or timezone.localdate()
    errors = {}
    if followed_on > today:
        errors["followed_on"] = _("Log a webinar once you have followed it (not a future date).")
    period = period_for(followed_on)
    if period is None:
        errors["followed_on"] = _("No period of the school year covers this date.")
    if len(summary.strip()) < SUMMARY_MIN:
        errors["summary"] = _(
            "Write a summary of at least %(min)d characters: what was it about, and what will you "
            "do with it in your lessons?"
        ) % {"min": SUMMARY_MIN}
    if errors:
        raise ValidationError(errors)
    log = WebinarLog(
        student=student,
        academic_year=period.academic_year,
        period=period.number,
        title=title.strip(),
        followed_on=followed_on,
        summary=summary.strip(),
    )
    log.full_clean()
    log.save()
    record(person=by, action="log_webinar", obj=log, partnership=student.partnership)
    return log
