from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from partnerships.models import Organisation, Student
from placements.travel.imports import MAX_MINUTES


class TravelTimeForm(forms.Form):
    """One travel time: a school and a postcode area or a student; no minutes removes it."""

    school = forms.ModelChoiceField(label=gettext_lazy("School"), queryset=Organisation.objects)
    area = forms.RegexField(
        label=gettext_lazy("Postcode area"),
        regex=r"^[1-9][0-9]{3}$",
        required=False,
        help_text=gettext_lazy("The four digits of a postcode, such as 2514."),
        error_messages={"invalid": gettext_lazy("Enter the four digits of a postcode.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    student = forms.ModelChoiceField(
        label=gettext_lazy("Or one student"), queryset=Student.objects, required=False
    )
    minutes = forms.IntegerField(
        label=gettext_lazy("Minutes (one way)"),
        min_value=0,
        max_value=MAX_MINUTES,
        required=False,
        help_text=gettext_lazy("Leave empty to remove the travel time."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = partnership.organisations.filter(kind="school").order_by(
            "name"
        )
        self.fields["student"].queryset = (
            Student.objects.filter(partnership=partnership, is_active=True)
            .select_related("person")
            .order_by("person__last_name", "person__first_name")
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("area")) == bool(data.get("student")) and not self.errors:
            raise ValidationError(
                gettext_lazy("Fill in either a postcode area or a student, not both.")
            )
        return data


class TravelUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Travel times (XLSX or CSV)"),
        help_text=gettext_lazy("Start from the template you download on this page."),
    )
