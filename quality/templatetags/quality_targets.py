"""Formatting of targets' exact values (frozen as fraction text) for reading."""

from fractions import Fraction

from django import template
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from quality import targets as rules

register = template.Library()

VERDICTS = {
    rules.MET: ("met", "text-bg-success"),
    rules.NOT_MET: ("not met", "text-bg-danger"),
    rules.NOT_MEASURABLE: ("not measurable", "text-bg-secondary"),
}
COMPARISON_WORDS = {rules.GE: "≥", rules.LE: "≤", rules.EQ: "="}


def _local(text: str) -> str:
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))


@register.simple_tag
def target_value(value, measure, target=None):
    """A measured or target value: "66,7%", "3,85"; with ``target`` as many places as it takes
    to not read as the target while differing from it."""
    if value in (None, ""):
        return "—"
    value = Fraction(value)
    if target not in (None, ""):
        return _local(rules.display_distinct(value, Fraction(target), measure))
    return _local(rules.display(value, measure))


@register.filter
def comparison_sign(comparison):
    return COMPARISON_WORDS.get(comparison, comparison)


@register.filter
def verdict_label(verdict):
    words = {
        rules.MET: _("met"),
        rules.NOT_MET: _("not met"),
        rules.NOT_MEASURABLE: _("not measurable"),
    }
    return words.get(verdict, verdict)


@register.filter
def verdict_class(verdict):
    return VERDICTS.get(verdict, ("", "text-bg-secondary"))[1]


@register.filter
def movement_label(movement):
    words = {
        "better": _("moved towards the target"),
        "worse": _("moved away from the target"),
        "same": _("did not move"),
        "up": _("went up"),
        "down": _("went down"),
        "unknown": _("cannot be compared (not measurable)"),
    }
    return words.get(movement, movement)
