"""``{% load cents %}{{ line.budgeted_cents|euro }}``: integer cents as '€ 1.234,56'."""

from django import template

from ..money import format_cents

register = template.Library()


@register.filter
def euro(cents):
    return format_cents(cents)


@register.filter
def euro_signed(cents):
    return format_cents(cents, sign=True)
