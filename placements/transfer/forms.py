"""Forms for the transfer form (doorstroomformulier): the student's texts, a guide's remark, the
receiving school's acknowledgement, the employer choice, the yearly settings and the list
filter."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.filters import SearchFilterMixin
from placements.models import TransferForm, TransferFormStatus, TransferSettings
from placements.transfer.services import MAX_TEXT, TEXT_FIELDS

TEXT_LABELS = {
    "suits_me": _("What suits me?"),
    "strengths": _("What are my strengths?"),
    "points_of_attention": _("What needs attention?"),
    "learning_goals_next_year": _("What are my learning goals for next year?"),
    "other_remarks": _("Other points of attention or remarks"),
}
TEXT_HELP = {
    "suits_me": _("For example the kind of school, pupils, classes or ways of working."),
    "strengths": _("What went well this year, with an example."),
    "points_of_attention": _("What you are still developing; what your new school should know."),
    "learning_goals_next_year": _("Concrete goals you want to work on at your next school."),
    "other_remarks": _("Anything else for your new werkplekbegeleider and schoolopleider."),
}


def _text_field(name: str) -> forms.CharField:
    return forms.CharField(
        label=TEXT_LABELS[name],
        help_text=TEXT_HELP[name],
        required=False,
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control-lg"}),
    )


class TransferTextForm(forms.Form):
    """The student's part. ``only`` limits the form to one field (autosave posts one field)."""

    def __init__(self, *args, only: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            if only is None or name == only:
                self.fields[name] = _text_field(name)


class RemarkForm(forms.Form):
    text = forms.CharField(
        label=_("Your remark"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The student sees your remark with your name and role."),
    )
    agrees = forms.BooleanField(label=_("I agree with this transfer form"), required=False)
    role = forms.ChoiceField(label=_("You write as"), choices=(), required=False)

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.fields["role"].initial = roles[0][0] if roles else ""
        if len(roles) < 2:
            self.fields["role"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("agrees"):
            self.add_error("text", _("Write a remark or tick that you agree."))
        return data


class AcknowledgeForm(forms.Form):
    discussed = forms.BooleanField(
        label=_("We discussed this form with the student in the introductory interview"),
        error_messages={"required": _("Tick this once the form has been discussed.")},
    )


class EmployerForm(forms.Form):
    share_with_employer = forms.BooleanField(
        label=_("I hand this form to my first employer"), required=False
    )
    employer_name = forms.CharField(label=_("School or employer"), max_length=200, required=False)
    employer_email = forms.EmailField(label=_("Employer's e-mail (optional)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("share_with_employer") and not (data.get("employer_name") or "").strip():
            self.add_error("employer_name", _("Name the school or employer."))
        return data


class TransferSettingsForm(forms.ModelForm):
    class Meta:
        model = TransferSettings
        fields = ["create_month", "create_day", "deadline_days", "reminder_days"]

    def clean(self):
        data = super().clean()
        month, day = data.get("create_month"), data.get("create_day")
        if month is not None and not 1 <= month <= 12:
            self.add_error("create_month", _("Choose a month from 1 to 12."))
        elif month is not None and day is not None:
            try:
                datetime.date(2001, month, day)  # not a leap year: 29 February is refused
            except ValueError:
                self.add_error("create_day", _("This day does not exist in every year."))
        deadline, reminder = data.get("deadline_days"), data.get("reminder_days")
        if deadline is not None and reminder is not None and reminder >= deadline:
            self.add_error("reminder_days", _("The reminder must come before the deadline."))
        if deadline == 0:
            self.add_error("deadline_days", _("Give students at least one day."))
        return data


class TransferFilter(SearchFilterMixin, django_filters.FilterSet):
    search_fields = ("student__person__first_name", "student__person__last_name")
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TransferFormStatus.choices, empty_label=_("all")
    )

    class Meta:
        model = TransferForm
        fields = ["q", "status"]
