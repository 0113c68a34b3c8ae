"""The filter form of the results page: which respondents (group, school, institute, category,
hbo/wo) and which breakdown. It offers only values that occur in the round's responses, and
organisations only of the round's partnership. Filters and breakdown follow the round's tree of
published groups (``quality.anonymity.Tree``): a filter on a dimension needs a filter on each
dimension that splits the group before it, and the breakdown is the next one — otherwise views
could be combined to single out fewer than the minimum of respondents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from quality.anonymity import NotInHierarchy
from quality.models import Response
from quality.results import (
    DIMENSIONS,
    ORGANISATION_DIMENSIONS,
    _value_label,
    check_view,
    dimension_labels,
    hierarchy_labels,
)


def round_values(survey_round) -> tuple[dict[str, set], dict[int, str]]:
    """The values of each dimension that occur in the round's responses, and the names of its
    partnership's organisations among them: what the form offers."""
    present = {d: set() for d in DIMENSIONS}
    for row in Response.objects.filter(round=survey_round).values_list(*DIMENSIONS).distinct():
        for dim, value in zip(DIMENSIONS, row, strict=True):
            if value not in (None, ""):
                present[dim].add(value)
    names = dict(
        Organisation.objects.filter(
            partnership_id=survey_round.partnership_id,
            pk__in=present["school"] | present["institute"],
        ).values_list("pk", "name")
    )
    return present, names


class ResultsFilterForm(forms.Form):
    def __init__(self, *args, round, values=None, **kwargs):  # noqa: A002
        """``values``: ``round_values(round)`` when the caller has them (cached)."""
        super().__init__(*args, **kwargs)
        self.round = round
        present, names = values if values is not None else round_values(round)
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
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        self.fields["breakdown"] = forms.ChoiceField(
            label=_("Break down by"),
            required=False,
            choices=[("", _("no breakdown"))] + [(d, labels[d]) for d in DIMENSIONS if present[d]],
            help_text=_("Filters and breakdowns follow the order %(order)s.")
            % {"order": " → ".join(hierarchy_labels())},
            widget=forms.Select(attrs={"class": "form-select"}),
        )

    def clean(self):
        data = super().clean()
        breakdown = data.get("breakdown")
        if breakdown and data.get(breakdown):
            self.add_error(
                "breakdown", _("Choose a breakdown other than a dimension you filter on.")
            )
        elif not self.errors:
            self._check_hierarchy()
        return data

    def _check_hierarchy(self):
        labels = dimension_labels()
        try:
            check_view(self.round, self.filters(), self.breakdown())
        except NotInHierarchy as error:
            field = "breakdown" if error.dimension == self.breakdown() else error.dimension
            if error.needs is None:
                message = _("These results cannot be split further by %(dim)s.")
            elif field == "breakdown":
                message = _(
                    "Here you can break down by %(needs)s only; %(dim)s comes after a filter on "
                    "%(needs)s."
                )
            else:
                message = _(
                    "Filter on %(needs)s first: results per %(dim)s are published only within "
                    "one %(needs)s."
                )
            self.add_error(
                field,
                message % {"dim": labels[error.dimension], "needs": labels.get(error.needs, "")},
            )

    def filters(self) -> dict:
        return {d: self.cleaned_data[d] for d in DIMENSIONS if self.cleaned_data.get(d)}

    def breakdown(self) -> str | None:
        return self.cleaned_data.get("breakdown") or None
