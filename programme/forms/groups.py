"""Forms for groups, pairs, webinars and co-docent hours."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation, Student
from partnerships.money import CostField
from programme.models import CoDocentNorms, CoDocentPackage
from programme.services.webinars import SUMMARY_MIN


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.full_name} ({obj.school.name if obj.school else '—'})"


class StudentsField(forms.ModelMultipleChoiceField):
    current: dict[int, str] = {}  # student id -> the name of their group this year

    def label_from_instance(self, obj):
        label = f"{obj.person.full_name} ({obj.school.name if obj.school else '—'})"
        group = self.current.get(obj.pk)
        return f"{label} — {group}" if group else label


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    supervisor = PersonChoiceField(label=_("Supervisor"), queryset=None, required=False)
    members = StudentsField(
        label=_("Members"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, students, supervisors, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = students
        self.fields["members"].current = current or {}
        self.fields["supervisor"].queryset = supervisors


class PairChangeForm(forms.Form):
    member = forms.ChoiceField(label=_("Replace"))
    replacement = StudentChoiceField(label=_("by"), queryset=None)

    def __init__(self, *args, pair_members, students, may_add_third, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(s.pk), s.person.full_name) for s in pair_members]
        if may_add_third:
            choices.append(("third", _("(add as a third member)")))
        self.fields["member"].choices = choices
        self.fields["replacement"].queryset = students
        self.members = {str(s.pk): s for s in pair_members}

    def clean_member(self):
        value = self.cleaned_data["member"]
        return None if value == "third" else self.members[value]


class WebinarForm(forms.Form):
    title = forms.CharField(label=_("Webinar"), max_length=200)
    followed_on = forms.DateField(
        label=_("Followed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "At least %(min)d characters: what was the webinar about, and what will you do with "
            "it in your lessons?"
        )
        % {"min": SUMMARY_MIN},
    )

    def clean_summary(self):
        summary = self.cleaned_data["summary"].strip()
        if len(summary) < SUMMARY_MIN:
            raise forms.ValidationError(
                _("The summary is %(n)d characters; write at least %(min)d.")
                % {"n": len(summary), "min": SUMMARY_MIN}
            )
        return summary


class WebinarFilter(django_filters.FilterSet):
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None)
    short = django_filters.BooleanFilter(
        label=_("Short of webinars this period"),
        method="filter_short",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Student
        fields = ["school", "short"]

    def __init__(self, *args, partnership, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.filters["school"].queryset = Organisation.objects.filter(
            partnership=partnership, kind="school"
        ).order_by("name")

    def filter_short(self, queryset, name, value):
        if not value or self.period is None:
            return queryset
        return queryset.filter(**{f"p{self.period.number}__lt": 2})


class NormsForm(forms.ModelForm):
    hourly_rate_cents = CostField(
        label=_("Hourly rate of a co-docent"),
        help_text=_("What a co-docent hour is worth in the budget; empty: not valued."),
    )

    class Meta:
        model = CoDocentNorms
        fields = [
            "meeting_hours",
            "workshop_factor",
            "intervision_factor",
            "work_meeting_factor",
            "travel_hours",
            "travel_rule",
            "hbo_year_1_package",
            "wpb_training_package",
            "hourly_rate_cents",
        ]

    def clean(self):
        cleaned = super().clean()
        for name in self.Meta.fields:
            if name == "travel_rule":
                continue
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("Enter zero or more."))
        return cleaned


class PackageForm(forms.Form):
    person = PersonChoiceField(label=_("Co-docent"), queryset=None)
    kind = forms.ChoiceField(
        label=_("Package"), choices=CoDocentPackage._meta.get_field("kind").choices
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
