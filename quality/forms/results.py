"""The filter form of the results page: which respondents (group, school, institute, category,
hbo/wo) and which breakdown. It offers only values that occur in the round's responses, and
organisations only of the round's partnership."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from quality.models import Response
from quality.results import DIMENSIONS, ORGANISATION_DIMENSIONS, _value_label, dimension_labels


class ResultsFilterForm(forms.Form):
    def __init__(self, *args, round, **kwargs):  # noqa: A002
        super().__init__(*args, **kwargs)
        present = {d: set() for d in DIMENSIONS}
        for row in Response.objects.filter(round=round).values_list(*DIMENSIONS).distinct():
            for dim, value in zip(DIMENSIONS, row, strict=True):
                if value not in (None, ""):
                    present[dim].add(value)
        names = dict(
            Organisation.objects.filter(
                partnership_id=round.partnership_id,
                pk__in=present["school"] | present["institute"],
            ).values_list("pk", "name")
        )
        labels = dimension_labels()
        for dim in DIMENSIONS:
            values = present[dim]
            if dim in ORGANISATION_DIMENSIONS:
                values = {v for v in values if v in names}  # never another partnership's
            choices = sorted(
                ((str(v), _value_label(dim, v, names)) for v in values), key=lambda c: c[1].lower()
            )
            self.fields[dim] = forms.ChoiceField(
                label=labels[dim].capitalize(),
                required=False,
                choices=[("", _("all"))] + choices,
            )
        self.fields["breakdown"] = forms.ChoiceField(
            label=_("Break down by"),
            required=False,
            choices=[("", _("no breakdown"))] + [(d, labels[d]) for d in DIMENSIONS if present[d]],
        )

    def clean(self):
        data = super().clean()
        breakdown = data.get("breakdown")
        if breakdown and data.get(breakdown):
            self.add_error(
                "breakdown", _("Choose a breakdown other than a dimension you filter on.")
            )
        return data

    def filters(self) -> dict:
        return {d: self.cleaned_data[d] for d in DIMENSIONS if self.cleaned_data.get(d)}

    def breakdown(self) -> str | None:
        return self.cleaned_data.get("breakdown") or None
