"""``{{ cents|euros }}``: integer cents as "€ 1.234,56" in the reader's language."""

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def euros(cents) -> str:
    if cents is None or cents == "":
        return "—"
    value = Decimal(int(cents)) / 100
    return "€\u00a0" + formats.number_format(value, 2, use_l10n=True, force_grouping=True)


@register.filter
def hours(value) -> str:
    if value is None:
        return "—"
    return formats.number_format(Decimal(value), 1, use_l10n=True, force_grouping=True)
