"""Retention terms: ``settings.RETENTION`` maps a kind of personal data to (amount, unit); the
nightly task and the privacy statement both read them from here."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import ngettext

UNITS = ("hours", "days", "months", "years")


@dataclass(frozen=True)
class Term:
    amount: int
    unit: str

    def cutoff(self, today: datetime.date) -> datetime.date:
        """The last day whose data is past its term: data dated before it goes."""
        if self.unit == "hours":
            return today
        return today - relativedelta(**{self.unit: self.amount})

    def __str__(self) -> str:
        n = self.amount
        return {
            "hours": ngettext("%(n)s hour", "%(n)s hours", n),
            "days": ngettext("%(n)s day", "%(n)s days", n),
            "months": ngettext("%(n)s month", "%(n)s months", n),
            "years": ngettext("%(n)s year", "%(n)s years", n),
        }[self.unit] % {"n": n}


def term(key: str) -> Term:
    amount, unit = settings.RETENTION[key]
    if unit not in UNITS or int(amount) < 0:
        raise ValueError(f"RETENTION[{key!r}] = {(amount, unit)!r}")
    return Term(int(amount), unit)
