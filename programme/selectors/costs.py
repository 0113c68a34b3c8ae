"""What the programme costs, for the partnership's budget (registered in ``ProgrammeConfig.ready``
into ``partnerships.finance.registry``): each event's costs, and the co-docent hours per school
valued at the partnership's hourly rate. Amounts are integer cents."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from partnerships.finance.registry import Amount
from partnerships.models import Organisation
from partnerships.money import hours_to_cents

from ..models import Event
from .groups import codocent_hours


def event_costs(partnership, academic_year) -> list[Amount]:
    events = Event.objects.filter(
        partnership=partnership, academic_year=academic_year, cost_cents__gt=0
    ).select_related("partnership")
    return [Amount(str(e), e.cost_cents, e.get_absolute_url()) for e in events]


def codocent_costs(partnership, academic_year) -> list[Amount]:
    """Per school its co-docenten's hours times the hourly rate (nothing while the rate is 0)."""
    data = codocent_hours(partnership=partnership, year=academic_year)
    rate = data.norms.hourly_rate_cents
    if not rate:
        return []
    names = dict(Organisation.objects.filter(partnership=partnership).values_list("pk", "name"))
    amounts = []
    for row in data.per_school:
        cents = hours_to_cents(row.spread.total, rate)
        if cents:
            label = _("%(school)s: %(hours)s co-docent hours") % {
                "school": names.get(row.school, _("no school")),
                "hours": number_format(row.spread.total, decimal_pos=1),
            }
            amounts.append(Amount(label, cents))
    return amounts
