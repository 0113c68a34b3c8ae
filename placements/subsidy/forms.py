"""Forms of the subsidy list: the year and reference date, and taking a snapshot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import AcademicYear
from placements import services

YEARS_BACK = 6


class ReferenceDateForm(forms.Form):
    reference_date = forms.DateField(
        label=_("Reference date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for 1 October after the academic year."),
    )

    def __init__(self, *args, year: AcademicYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_reference_date(self):
        day = self.cleaned_data.get("reference_date")
        if day is None:
            return services.subsidy_default_reference_date(self.year)
        services.subsidy_check_reference_date(self.year, day)
        return day


class ChooseForm(ReferenceDateForm):
    """Sent (GET) to the chooser, which redirects to the chosen year's page."""

    year = forms.ChoiceField(label=_("Academic year"))
    field_order = ["year", "reference_date"]

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        last = services.subsidy_count_year(today) + 1
        labels = [f"{y}-{y + 1}" for y in range(last, last - YEARS_BACK - 1, -1)]
        if self.year.label not in labels:
            labels.append(self.year.label)
        self.fields["year"].choices = [(label, label) for label in labels]
        self.fields["year"].initial = self.year.label


class SnapshotForm(ReferenceDateForm):
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        required=False,
        help_text=_("For example: July hand-over."),
    )
