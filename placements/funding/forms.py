"""Forms of the money pages: the year's amounts, the distribution key and a payment. Amounts are
typed in euros ("1.234,56", "1234.56") and kept in cents."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import FacilitationCategory, SubsidyCategory
from partnerships.governance.forms import DecisionMeetingField
from placements.funding import rules
from placements.models import SubsidySnapshot

THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_euros(text: str) -> int:
    """ "€ 1.234,56" → 123456 cents; a dot followed by three digits only is a thousands mark."""
    text = (text or "").replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(_("Enter an amount in euros, for example 2.500,00.")) from exc
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("Enter an amount in euros with at most two decimals."))
    return int(value * 100)


def format_euros(cents: int | None) -> str:
    if cents is None:
        return ""
    return f"{cents // 100},{cents % 100:02d}"


class EuroField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "input-narrow", "maxlength": 20})

    def prepare_value(self, value):
        return format_euros(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        return parse_euros(value) if value not in self.empty_values else None


class AmountsForm(forms.Form):
    """One amount per category a–g; an empty field means: not known yet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in SubsidyCategory.choices:
            self.fields[code] = EuroField(label=label, required=False)

    def amounts(self) -> dict[str, int | None]:
        return {code: self.cleaned_data.get(code) for code in rules.CATEGORIES}


class KeyForm(forms.Form):
    snapshot = forms.ModelChoiceField(
        label=_("Subsidy list snapshot"),
        queryset=SubsidySnapshot.objects.none(),
        help_text=_("The list handed over to the ministry whose expected subsidy is distributed."),
    )
    own_costs_percent = forms.IntegerField(
        label=_("Own costs of the partnership (%)"),
        min_value=0,
        max_value=100,
        help_text=_("Programme, staff and professionalisation."),
    )
    institutes_percent = forms.IntegerField(
        label=_("Part for the institutes (%)"), min_value=0, max_value=100
    )
    fixed_percent = forms.IntegerField(
        label=_("Fixed part per school (%)"),
        min_value=0,
        max_value=100,
        help_text=_("Shared equally by every active school (coordination and curriculum)."),
    )

    def __init__(self, *args, partnership, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["snapshot"].queryset = SubsidySnapshot.objects.filter(
            partnership=partnership, academic_year=year
        ).defer("rows", "excluded")
        for code, label in FacilitationCategory.choices:
            self.fields[f"weight_{code}"] = forms.IntegerField(
                label=_("Weight per student, %(category)s") % {"category": label},
                min_value=0,
                max_value=1000,
            )
        self.fields["decided_at"] = DecisionMeetingField(
            partnership=partnership, label=_("Decided at the stuurgroep meeting of")
        )

    def clean(self):
        data = super().clean()
        parts = [data.get(f) for f in ("own_costs_percent", "institutes_percent", "fixed_percent")]
        if all(p is not None for p in parts) and sum(parts) > 100:
            raise ValidationError(_("The parts must not add up to more than 100%."))
        return data

    def weights(self) -> dict[str, int]:
        return {c: self.cleaned_data[f"weight_{c}"] for c in rules.FACILITATION_CATEGORIES}


class PaymentForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("School or institute"), queryset=None, empty_label=None
    )
    amount = EuroField(label=_("Amount (€)"))
    paid_on = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("For example the invoice or bank transfer number."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
