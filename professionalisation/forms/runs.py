"""Forms and filters of activities, runs, enrolment, attendance, completion and needs."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.filters import SearchFilterMixin
from partnerships.forms import person_with_email
from partnerships.glossary import Role
from partnerships.money import CostField
from professionalisation.choices import ActivityKind, Formality, RunStatus
from professionalisation.models import Activity, Meeting, Run
from professionalisation.selectors.runs import staff


class ActivityFilter(SearchFilterMixin, django_filters.FilterSet):
    search_fields = ("name", "provider", "description")
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("For role"), choices=Role.choices, method="filter_role"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices)
    formality = django_filters.ChoiceFilter(
        label=_("Formal or informal"), choices=Formality.choices
    )

    class Meta:
        model = Activity
        fields = ["q", "role", "kind", "formality"]

    def filter_role(self, queryset, name, value):
        """Activities for that role, and those open to all staff (no target roles)."""
        return queryset.filter(target_roles__contains=[value]) | queryset.filter(target_roles=[])


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ActivityForm(forms.ModelForm):
    target_roles = forms.MultipleChoiceField(
        label=_("For roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for an activity open to all staff."),
    )

    class Meta:
        model = Activity
        fields = [
            "name",
            "kind",
            "formality",
            "target_roles",
            "provider",
            "hours",
            "qualification_kind",
            "description",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.instance.partnership = partnership

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Activity.objects.filter(partnership=self.partnership, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already an activity with this name."))
        return name

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and hours < 0:
            raise forms.ValidationError(_("Hours cannot be negative."))
        return hours


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class RunForm(forms.ModelForm):
    cost_cents = CostField()
    trainers = PersonChoiceField(
        label=_("Trainers"),
        queryset=None,
        required=False,
        help_text=_("The co-teaching pair, e.g. an instituutsopleider and a school co-docent."),
    )

    class Meta:
        model = Run
        fields = [
            "activity",
            "title",
            "starts_on",
            "ends_on",
            "location",
            "capacity",
            "trainers",
            "self_enrolment",
            "status",
            "cost_cents",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.filter(partnership=partnership)
        self.fields["trainers"].queryset = staff(partnership=partnership)
        self.fields["trainers"].widget.attrs["size"] = 8
        if self.instance.pk:
            del self.fields["activity"]
        if self.instance.status != RunStatus.COMPLETED:
            # a run is completed by registering completion, which records the qualifications
            self.fields["status"].choices = [
                c for c in RunStatus.choices if c[0] != RunStatus.COMPLETED
            ]
        self.fields["status"].help_text = _("Cancelling a run cancels its current enrolments.")

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("A run cannot end before it starts."))
        return data


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "starts_at", "ends_at", "topic"]
        widgets = {"date": DATE, "starts_at": TIME, "ends_at": TIME}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("A meeting ends after it starts."))
        return data


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_with_email(obj)


class EnrolPersonForm(forms.Form):
    person = PersonField(label=_("Person"), queryset=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class CompletionForm(forms.Form):
    """One choice per current participant: completed, not completed, or not yet decided."""

    on = forms.DateField(label=_("Completion date"), widget=DATE)

    DECISIONS = [
        ("", _("not yet decided")),
        ("1", _("completed")),
        ("0", _("not completed")),
    ]

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        for e in enrolments:
            initial = {"completed": "1", "not_completed": "0"}.get(e.status, "")
            field = forms.ChoiceField(
                label=e.person.full_name,
                choices=self.DECISIONS,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
            )
            if e.status == "completed":
                field.disabled = True
            self.fields[f"e{e.pk}"] = field

    def decision_fields(self):
        return [(e, self[f"e{e.pk}"]) for e in self.enrolments]

    def decisions(self) -> dict[int, bool]:
        out = {}
        for e in self.enrolments:
            value = self.cleaned_data.get(f"e{e.pk}", "")
            if value in ("0", "1") and e.status != "completed":
                out[e.pk] = value == "1"
        return out

    def clean(self):
        data = super().clean()
        if not self.errors and not self.decisions():
            raise forms.ValidationError(_("Decide for at least one participant."))
        return data


class NeedsForm(forms.Form):
    """One row per relevant role of the organisation: how many to train, and on what."""

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles
        labels = dict(Role.choices)
        for role in roles:
            self.fields[f"count_{role}"] = forms.IntegerField(
                label=_("%(role)s: number to train") % {"role": labels[role]},
                min_value=0,
                max_value=500,
                required=False,
            )
            self.fields[f"content_{role}"] = forms.CharField(
                label=_("%(role)s: content wishes") % {"role": labels[role]},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def role_rows(self):
        labels = dict(Role.choices)
        return [(labels[r], self[f"count_{r}"], self[f"content_{r}"]) for r in self.roles]

    def clean(self):
        data = super().clean()
        for role in self.roles:
            if data.get(f"content_{role}", "").strip() and not data.get(f"count_{role}"):
                self.add_error(f"count_{role}", _("Say how many people need this training."))
        return data

    def rows(self) -> dict[str, tuple[int, str]]:
        return {
            r: (self.cleaned_data.get(f"count_{r}") or 0, self.cleaned_data.get(f"content_{r}", ""))
            for r in self.roles
        }
