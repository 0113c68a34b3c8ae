"""Showing counts that may hold part of a student (the quota monitor counts a student who changes
school in February as ½ at each school)."""

from fractions import Fraction

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def part(value):
    """27 stays 27; 55/2 shows as "27,5" (nl) or "27.5" (en); thirds to two decimals."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return value.numerator
        return formats.number_format(round(float(value), 2), use_l10n=True)
    return value
