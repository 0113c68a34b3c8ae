"""Forms of the money pages: the year's amounts, the distribution key and a payment. Amounts are
typed in euros ("1.234,56", "1234.56") and kept in cents (``partnerships.money.EuroField``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import FacilitationCategory, SubsidyCategory
from partnerships.governance.forms import DecisionMeetingField
from partnerships.money import EuroField
from placements.funding import rules
from placements.models import SubsidySnapshot


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
