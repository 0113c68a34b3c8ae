"""Forms for the preference window and a student's preferences, and the overview's filter."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.filters import SearchFilterMixin
from partnerships.models import Organisation, Student
from placements.models import PreferenceForm
from placements.preferences.services import MAX_PREFERENCES

RANKS = [f"rank{r}" for r in range(1, MAX_PREFERENCES + 1)]
ORDINALS = {
    1: gettext_lazy("First preference"),
    2: gettext_lazy("Second preference"),
    3: gettext_lazy("Third preference"),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class WindowForm(forms.Form):
    opens_on = forms.DateField(label=gettext_lazy("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=gettext_lazy("Closes on"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["opens_on"] > data["closes_on"]:
            self.add_error("closes_on", _("The window cannot close before it opens."))
        return data


def school_label(school: Organisation) -> str:
    types = ", ".join(t.name for t in school.school_types.all())
    return f"{school.name} ({types})" if types else school.name


class PreferenceEntryForm(forms.Form):
    """Up to three ranked schools (schools with places for the student's subject and level
    listed first), learning goals and constraints."""

    motivation = forms.CharField(
        label=gettext_lazy("Motivation"),
        help_text=gettext_lazy(
            "Why do you want to go into education, why train in the opleidingsschool and why at "
            "the schools you choose? Your new school reads this before the introductory interview."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    learning_goals = forms.CharField(
        label=gettext_lazy("Learning goals for the placement"),
        help_text=gettext_lazy("What do you want to work on? Also discussed in the interview."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    excluded_schools = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Schools I cannot go to"),
        help_text=gettext_lazy("For example your own former school."),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    max_travel_minutes = forms.IntegerField(
        label=gettext_lazy("Maximum travel time (minutes, one way)"),
        required=False,
        min_value=0,
        max_value=600,
    )
    remarks = forms.CharField(
        label=gettext_lazy("Other constraints or remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, schools, offering: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = {s.pk: s for s in schools}
        first = [(s.pk, school_label(s)) for s in schools if s.pk in offering]
        other = [(s.pk, school_label(s)) for s in schools if s.pk not in offering]
        grouped = [("", "—")]
        if first:
            grouped.append((_("Schools with places for your subject"), first))
        if other:
            grouped.append((_("Other schools") if first else _("Schools"), other))
        ranks = {
            name: forms.TypedChoiceField(
                label=ORDINALS[r], choices=grouped, coerce=int, required=False, empty_value=None
            )
            for r, name in enumerate(RANKS, 1)
        }
        self.fields = {**ranks, **self.fields}
        self.fields["excluded_schools"].choices = [(s.pk, s.name) for s in schools]

    def clean(self):
        data = super().clean()
        seen: dict[int, int] = {}
        gap = None
        for r, name in enumerate(RANKS, 1):
            school = data.get(name)
            if school is None:
                gap = gap or r
                continue
            if gap is not None:
                self.add_error(name, _("Fill in preference %(rank)s first.") % {"rank": gap})
            elif school in seen:
                self.add_error(
                    name,
                    _("You already chose %(school)s as preference %(rank)s.")
                    % {"school": self.schools[school].name, "rank": seen[school]},
                )
            seen.setdefault(school, r)
        both = [pk for pk in data.get("excluded_schools", []) if pk in seen]
        if both:
            self.add_error(
                "excluded_schools",
                _("%(school)s is one of your preferences; you cannot also exclude it.")
                % {"school": self.schools[both[0]].name},
            )
        return data

    def ranked(self) -> list[Organisation]:
        picked = (self.cleaned_data.get(name) for name in RANKS)
        return [self.schools[pk] for pk in picked if pk is not None]

    def excluded(self) -> list[Organisation]:
        return [self.schools[pk] for pk in self.cleaned_data["excluded_schools"]]

    @staticmethod
    def initial_for(form: PreferenceForm | None) -> dict:
        if form is None:
            return {}
        initial = {
            "motivation": form.motivation,
            "learning_goals": form.learning_goals,
            "max_travel_minutes": form.max_travel_minutes,
            "remarks": form.remarks,
            "excluded_schools": [s.pk for s in form.excluded_schools.all()],
        }
        for preference in form.preferences.all():
            initial[f"rank{preference.rank}"] = preference.school_id
        return initial


SUBMITTED = [("yes", gettext_lazy("submitted")), ("no", gettext_lazy("not submitted"))]


class PreferenceOverviewFilter(SearchFilterMixin, django_filters.FilterSet):
    search_fields = (
        "person__first_name",
        "person__last_name",
        "person__email",
        "student_number",
    )
    q = django_filters.CharFilter(label=gettext_lazy("Search student"), method="search")
    institute = django_filters.ModelChoiceFilter(label=gettext_lazy("Institute"), queryset=None)
    submitted = django_filters.ChoiceFilter(
        label=gettext_lazy("Preferences"),
        choices=SUBMITTED,
        empty_label=gettext_lazy("all"),
        method="filter_submitted",
    )

    class Meta:
        model = Student
        fields = ["q", "institute", "submitted"]

    def __init__(self, *args, partnership, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.filters["institute"].queryset = Organisation.objects.filter(
            partnership=partnership, kind="institute"
        )

    def filter_submitted(self, queryset, name, value):
        submitted = Exists(
            PreferenceForm.objects.filter(student=OuterRef("pk"), academic_year=self.year)
        )
        return queryset.filter(submitted if value == "yes" else ~submitted)
