"""Forms of the division pages: a school's places, the approval decision, the places filter."""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.glossary import OrganisationKind, Stage, Start
from partnerships.governance.forms import DecidedAtMixin
from placements.choices import Level
from placements.models import Place


class SchoolPlacesForm(forms.Form):
    """Per place of one school: places, reserved for rotating students, maybe."""

    def __init__(self, *args, places: list[Place], **kwargs):
        super().__init__(*args, **kwargs)
        self.places = places
        for place in places:
            where = ", ".join(
                [
                    place.subject.name,
                    place.get_stage_display(),
                    place.get_level_display(),
                    place.get_start_display(),
                ]
            )
            self.fields[f"capacity-{place.pk}"] = forms.IntegerField(
                min_value=0, max_value=99, initial=place.capacity, label=where
            )
            self.fields[f"reserved-{place.pk}"] = forms.IntegerField(
                min_value=0, max_value=99, initial=place.reserved, label=where
            )
            self.fields[f"maybe-{place.pk}"] = forms.BooleanField(
                required=False, initial=place.maybe, label=where
            )

    def clean(self):
        data = super().clean()
        for place in self.places:
            capacity, reserved = data.get(f"capacity-{place.pk}"), data.get(f"reserved-{place.pk}")
            if capacity is not None and reserved is not None and reserved > capacity:
                self.add_error(
                    f"reserved-{place.pk}", _("No more places can be reserved than there are.")
                )
        return data

    def rows(self):
        return [
            (
                place,
                self[f"capacity-{place.pk}"],
                self[f"reserved-{place.pk}"],
                self[f"maybe-{place.pk}"],
            )
            for place in self.places
        ]

    def values(self) -> dict[int, tuple[int, int, bool]]:
        data = self.cleaned_data
        return {
            place.pk: (
                data[f"capacity-{place.pk}"],
                data[f"reserved-{place.pk}"],
                data[f"maybe-{place.pk}"],
            )
            for place in self.places
        }


class DecisionForm(DecidedAtMixin, forms.Form):
    """Approve (a decision of the steering group's meeting chosen, or of a written procedure,
    when the partnership keeps its governance here) or send back with a note."""

    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when you send the division back to draft."),
    )

    def __init__(self, *args, partnership, send_back: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.add_decided_at(partnership) and send_back:
            self.fields["decided_at"].required = False


class PlaceFilter(django_filters.FilterSet):
    school = django_filters.ModelChoiceFilter(label=gettext_lazy("School"), queryset=None)
    subject = django_filters.ModelChoiceFilter(label=gettext_lazy("Subject"), queryset=None)
    stage = django_filters.ChoiceFilter(label=gettext_lazy("Stage"), choices=Stage.choices)
    level = django_filters.ChoiceFilter(label=gettext_lazy("Level"), choices=Level.choices)
    start = django_filters.ChoiceFilter(label=gettext_lazy("Start"), choices=Start.choices)

    class Meta:
        model = Place
        fields = ["school", "subject", "stage", "level", "start"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        partnership = request.partnership
        self.filters["school"].queryset = partnership.organisations.filter(
            kind=OrganisationKind.SCHOOL
        )
        self.filters["subject"].queryset = partnership.subjects.all()
