"""Forms of the programme events: the list filter, event, slot and session forms, the sign-up
and attendance forms."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import OrganisationKind, Role
from partnerships.models import AcademicYear, Organisation
from partnerships.money import CostField
from programme.choices import AttendanceStatus, EventKind
from programme.models import Event, Session, TimeSlot
from programme.services.events import EVENT_FIELDS, SLOT_FIELDS, eligible_facilitators

PERIOD_CHOICES = [(str(n), f"OP{n}") for n in range(1, 5)]
YES_NO = [("1", _("mandatory")), ("0", _("optional"))]


SELECT = forms.Select(attrs={"class": "form-select"})


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("all"), widget=SELECT
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=PERIOD_CHOICES,
        empty_label=_("all"),
        method="filter_period",
        widget=SELECT,
    )
    mandatory = django_filters.ChoiceFilter(
        label=_("Attendance"),
        choices=YES_NO,
        empty_label=_("all"),
        method="filter_mandatory",
        widget=SELECT,
    )

    class Meta:
        model = Event
        fields = ["kind", "period", "mandatory"]

    def __init__(self, *args, periods=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.number: p for p in (periods or [])}

    def filter_period(self, queryset, name, value):
        period = self.periods.get(int(value))
        if period is None:
            return queryset.none()
        return queryset.filter(date__gte=period.start_date, date__lte=period.end_date)

    def filter_mandatory(self, queryset, name, value):
        return queryset.filter(mandatory=value == "1")


HBO_YEAR_CHOICES = [(n, _("hbo year %(n)s") % {"n": n}) for n in range(1, 5)]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.ModelForm):
    cost_cents = CostField()
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")
    audience_hbo_years = forms.TypedMultipleChoiceField(
        label=_("hbo years"),
        choices=HBO_YEAR_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_roles = forms.MultipleChoiceField(
        label=_("Staff roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff invited as well, e.g. every role for an innomo."),
    )

    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)
        widgets = {
            "date": DATE,
            "starts_at": TIME,
            "ends_at": TIME,
            "signup_opens_on": DATE,
            "signup_closes_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_school"].queryset = Organisation.objects.filter(
            partnership=partnership, kind=OrganisationKind.SCHOOL, is_active=True
        ).order_by("name")
        this = AcademicYear.start_year_for(timezone.localdate())
        for start in (this - 1, this, this + 1):
            AcademicYear.objects.get_or_create(start_year=start)
        self.fields["academic_year"].queryset = AcademicYear.objects.filter(
            start_year__gte=this - 1, start_year__lte=this + 2
        )


class SlotForm(forms.ModelForm):
    class Meta:
        model = TimeSlot
        fields = list(SLOT_FIELDS)
        widgets = {"starts_at": TIME, "ends_at": TIME}


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "title",
            "line",
            "theme",
            "kind",
            "room",
            "capacity",
            "facilitators",
            "description",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "facilitators": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["facilitators"]
        field.queryset = eligible_facilitators(partnership)
        field.label = _("Facilitators")
        field.help_text = _("Co-docenten and trainers with a role in this partnership.")


class AttendanceForm(forms.Form):
    student = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
