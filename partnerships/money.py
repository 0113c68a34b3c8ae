"""Money is integer cents everywhere; this module shows and reads it the Dutch way.

``format_cents(123456)`` is "€ 1.234,56"; ``parse_euros("1.234,56")`` is 123456 (also
"1234.56", "1234,5", "€ 12", "-3,10"). ``EuroField`` is the form field: euros typed, cents out
(``CostField``: optional, empty is 0). In templates: ``{% load cents %}{{ x|euro }}``."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_AMOUNT = re.compile(r"^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](\d{1,2}))?$")


def format_cents(cents: int | None, *, sign: bool = False) -> str:
    """'€ 1.234,56' (negative: '€ -1.234,56'); ``sign`` adds '+' to positive amounts."""
    if cents is None:
        return "—"
    euros, rest = divmod(abs(int(cents)), 100)
    whole = f"{euros:,}".replace(",", ".")
    prefix = "-" if cents < 0 else ("+" if sign and cents > 0 else "")
    return f"€ {prefix}{whole},{rest:02d}"


def plain_euros(cents: int) -> str:
    """'1234,56' — for a form field's initial value and CSV files."""
    euros, rest = divmod(abs(int(cents)), 100)
    return f"{'-' if cents < 0 else ''}{euros},{rest:02d}"


def parse_euros(text: str) -> int:
    """Cents from a typed amount; ValueError when it is not one. A dot followed by three digits
    is a thousands separator ('1.234'); a comma or a dot before one or two digits is the
    decimal mark."""
    value = (text or "").strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    match = _AMOUNT.match(value)
    if not match:
        raise ValueError(text)
    minus, whole, decimals = match.groups()
    cents = int(whole.replace(".", "")) * 100 + int((decimals or "0").ljust(2, "0"))
    return -cents if minus else cents


class EuroField(forms.CharField):
    """An amount in euros, cleaned to integer cents. ``min_cents`` (default 0) is the lowest
    amount allowed."""

    def __init__(self, *args, min_cents: int | None = 0, **kwargs):
        self.min_cents = min_cents
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "decimal", "class": "input-narrow", "maxlength": "20"}
            ),
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return plain_euros(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            cents = parse_euros(value)
        except ValueError:
            raise ValidationError(
                _("Enter an amount in euros, for example 1.250,00."), code="invalid"
            ) from None
        if self.min_cents is not None and cents < self.min_cents:
            raise ValidationError(_("The amount cannot be negative."), code="min_value")
        return cents


class CostField(EuroField):
    """An optional amount in a form: empty is 0 cents."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Costs"))
        kwargs.setdefault(
            "help_text", _("What it costs the partnership, in euros; empty: nothing.")
        )
        super().__init__(*args, **kwargs)

    def clean(self, value):
        cents = super().clean(value)
        return 0 if cents is None else cents


def hours_to_cents(hours, rate_cents: int) -> int:
    """``hours`` (a Decimal or int) at ``rate_cents`` an hour, rounded half up to the cent."""
    from decimal import ROUND_HALF_UP, Decimal

    return int((Decimal(hours) * rate_cents).quantize(Decimal(1), rounding=ROUND_HALF_UP))
