"""Dashboard card of the quality calendar: what is due this month or overdue, for the people
holding an item's responsible role (everything for the programme manager)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from partnerships.dashboard import Card
from partnerships.glossary import Role
from quality.selectors.framework import due_items

SHOWN = 10


def cards(access, partnership) -> list[Card]:
    roles = access.roles(partnership)
    if not roles:
        return []
    items = list(due_items(access=access, partnership=partnership, today=access.today)[: SHOWN + 1])
    is_pm = Role.PROGRAMMAMANAGER in roles
    if not items and not is_pm:
        return []
    today = access.today
    rows = []
    for item in items[:SHOWN]:
        url = reverse(
            "quality:calendar_year",
            kwargs={"partnership": partnership.slug, "year": item.academic_year.label},
        )
        if item.due_date < today:
            label = _("%(name)s — overdue since %(date)s")
        else:
            label = _("%(name)s — due %(date)s")
        rows.append(
            (label % {"name": item.instrument.name, "date": date_format(item.due_date)}, url)
        )
    count = None
    if len(items) > SHOWN:
        count = due_items(access=access, partnership=partnership, today=access.today).count()
    return [
        Card(
            _("Quality calendar: due this month"),
            rows,
            _("Nothing in the quality calendar is due this month."),
            count=count,
        )
    ]
