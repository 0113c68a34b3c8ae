"""The subsidy list's dashboard card (listed in ``placements.dashboard.placement_cards``) for
those who read the list — administrator, programme manager, stagecoördinator:

* July–September and December–January: whether the stagecoördinator has handed over this
  round's snapshot (procedure step 15: July for the September start of the coming year,
  December for the February start of the running one);
* August–September: the ministry counts the year that ended in July — hand the list in before
  1 October."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.access import GOVERNANCE, MANAGERS, Access
from partnerships.dashboard import Card
from partnerships.models import AcademicYear, Partnership
from placements.models import SubsidySnapshot
from placements.permissions import PlacementAction
from placements.subsidy.services import subsidy_category_counts, subsidy_default_reference_date


def snapshot_round(today: datetime.date) -> tuple[str, int, datetime.date] | None:
    """(round, start year of the academic year, first day of the round) or None."""
    if today.month in (7, 8, 9):
        return "july", today.year, datetime.date(today.year, 7, 1)
    if today.month == 12:
        return "december", today.year, datetime.date(today.year, 12, 1)
    if today.month == 1:
        return "december", today.year - 1, datetime.date(today.year - 1, 12, 1)
    return None


def _list_url(partnership: Partnership, start_year: int) -> str:
    return reverse(
        "placements:subsidy",
        kwargs={"partnership": partnership.slug, "year": f"{start_year}-{start_year + 1}"},
    )


def _round_item(access: Access, partnership: Partnership, today: datetime.date):
    name, start_year, since = snapshot_round(today)
    year = f"{start_year}-{start_year + 1}"
    taken = (
        SubsidySnapshot.objects.filter(
            partnership=partnership,
            academic_year__start_year=start_year,
            taken_at__date__gte=since,
        )
        .defer("rows", "excluded")
        .first()
    )
    if taken is not None:
        label = {
            "july": _("The July snapshot of %(year)s was handed over on %(date)s."),
            "december": _("The December snapshot of %(year)s was handed over on %(date)s."),
        }[name] % {"year": year, "date": date_format(taken.taken_at, "DATE_FORMAT")}
        url = reverse(
            "placements:subsidy_snapshot",
            kwargs={"partnership": partnership.slug, "pk": taken.pk},
        )
        return label, url, True
    if access.can(partnership, PlacementAction.TAKE_SUBSIDY_SNAPSHOT):
        label = {
            "july": _("Hand over the July snapshot of %(year)s (procedure step 15)."),
            "december": _("Hand over the December snapshot of %(year)s (procedure step 15)."),
        }[name]
    else:
        label = {
            "july": _("The July snapshot of %(year)s has not been handed over yet."),
            "december": _("The December snapshot of %(year)s has not been handed over yet."),
        }[name]
    return label % {"year": year}, _list_url(partnership, start_year), False


def subsidy_cards(access: Access, partnership: Partnership) -> list[Card]:
    if not access.can(partnership, PlacementAction.VIEW_SUBSIDY_LIST):
        return []
    today = access.today
    items, done = [], True
    if snapshot_round(today) is not None:
        label, url, done = _round_item(access, partnership, today)
        items.append((label, url))
    if today.month in (8, 9):
        year = f"{today.year - 1}-{today.year}"
        label = _(
            "The ministry counts the students of %(year)s: hand the list in before 1 October."
        )
        items.append((label % {"year": year}, _list_url(partnership, today.year - 1)))
        done = False
    if not items:
        return []
    return [Card(_("Subsidy category list"), items, level="info" if done else "warning")]


def subsidy_totals_cards(access: Access, partnership: Partnership) -> list[Card]:
    """Placed students per subsidy category for the steering group and the managers: the
    figures of the subsidy list page for the running year (today's list, every placement of the
    year), so the dashboard and the list tell one story — a student once, in one category."""
    if not access.roles(partnership) & (GOVERNANCE | MANAGERS):
        return []
    start_year = AcademicYear.start_year_for(access.today)
    year = AcademicYear.objects.filter(start_year=start_year).first()
    if year is None:
        return []
    counts = subsidy_category_counts(
        partnership=partnership, year=year, reference_date=subsidy_default_reference_date(year)
    )
    items = [(f"{category}: {n}", "") for category, n in counts.items() if n]
    if items:
        url = ""
        if access.can(partnership, PlacementAction.VIEW_SUBSIDY_LIST):
            url = _list_url(partnership, start_year)
        note = _("Counted as on the subsidy list: placed students, each once.")
        items.append((note, url))
    title = _("Placed students per subsidy category, %(year)s") % {"year": year.label}
    return [Card(title, items, _("No placed students this year."), level="info")]
