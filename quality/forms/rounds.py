"""Forms of the round pages: settings, round plans, ad-hoc rounds."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from quality import response_target as target
from quality.choices import Audience
from quality.models import MIN_GROUP_FLOOR, QualitySettings, RoundPlan, Survey
from quality.periods import ACADEMIC_MONTHS, parse_days

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QualitySettingsForm(forms.ModelForm):
    response_target = forms.CharField(
        label=_("Response-rate target"),
        max_length=20,
        help_text=_(
            'The share of invitees the partnership wants to respond: a fraction such as "2/3" '
            '(two thirds, exactly) or a percentage such as "70%". A round meets the target only '
            "when its responses reach this share exactly: 199 of 300 (66.3%) does not meet 2/3."
        ),
    )
    reminder_days = forms.CharField(
        label=_("Reminders, days before closing"),
        required=False,
        help_text=_('For example "7, 2": a reminder a week and two days before the round closes.'),
    )

    class Meta:
        model = QualitySettings
        fields = ["min_group", "min_group_open_text", "response_target", "reminder_days"]
        help_texts = {
            "min_group": _("Results of smaller groups are never shown. At least 5."),
            "min_group_open_text": _("Open answers need at least this many respondents."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["reminder_days"] = ", ".join(str(d) for d in self.instance.reminder_days)
        self.initial["response_target"] = self.instance.response_target_label
        self.fields["min_group"].error_messages["min_value"] = _(
            "Results may never be shown for fewer than %(floor)s respondents."
        ) % {"floor": MIN_GROUP_FLOOR}

    def clean_min_group(self):
        value = self.cleaned_data["min_group"]
        if value is not None and value < MIN_GROUP_FLOOR:
            raise forms.ValidationError(
                _("Results may never be shown for fewer than %(floor)s respondents."),
                params={"floor": MIN_GROUP_FLOOR},
            )
        return value

    def clean_response_target(self):
        try:
            return target.parse(self.cleaned_data["response_target"])
        except ValueError as exc:
            raise forms.ValidationError(
                _(
                    'Give a share above 0 and at most 1, as a fraction like "2/3" or a percentage '
                    'like "70%".'
                )
            ) from exc

    def clean_reminder_days(self):
        try:
            return parse_days(self.cleaned_data["reminder_days"] or "")
        except ValueError as exc:
            raise forms.ValidationError(
                _('Give whole numbers of days before closing, separated by commas, like "7, 2".')
            ) from exc

    def clean(self):
        data = super().clean()
        low, text = data.get("min_group"), data.get("min_group_open_text")
        if low is not None and text is not None and text < low:
            self.add_error(
                "min_group_open_text",
                _("Open answers need at least as many respondents as other results."),
            )
        return data


def month_choices():
    return [(m, MONTHS[m]) for m in ACADEMIC_MONTHS]


class RoundPlanForm(forms.ModelForm):
    months = forms.TypedMultipleChoiceField(
        label=_("Months"),
        coerce=int,
        choices=month_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At most one month in each half year (August–February, March–July)."),
    )

    class Meta:
        model = RoundPlan
        fields = [
            "survey",
            "audience",
            "months",
            "open_day",
            "open_days",
            "every_years",
            "first_year",
            "is_active",
        ]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["survey"].queryset = Survey.objects.filter(
            partnership=partnership, is_template=False
        )
        if not self.instance.pk:
            self.initial.setdefault("months", [1, 6])
        self.fields["open_day"].min_value = 1
        self.fields["open_day"].max_value = 31
        self.fields["open_day"].widget.attrs.update(min=1, max=31)
        self.fields["open_days"].widget.attrs.update(min=1, max=120)
        self.fields["every_years"].min_value = 1
        self.fields["every_years"].required = False  # empty: every year
        self.fields["every_years"].widget.attrs.update(min=1, max=10)
        self.fields["first_year"].widget.attrs.update(min=2000, max=2100)

    def clean_every_years(self):
        years = self.cleaned_data["every_years"] or 1
        if not 1 <= years <= 10:
            raise forms.ValidationError(_("Give a number of years from 1 to 10."))
        return years

    def clean_open_day(self):
        day = self.cleaned_data["open_day"]
        if day is not None and not 1 <= day <= 31:
            raise forms.ValidationError(_("Give a day of the month from 1 to 31."))
        return day

    def clean_open_days(self):
        days = self.cleaned_data["open_days"]
        if days is not None and not 1 <= days <= 120:
            raise forms.ValidationError(_("A round is open for 1 to 120 days."))
        return days

    def clean(self):
        data = super().clean()
        survey, audience = data.get("survey"), data.get("audience")
        if survey and audience:
            taken = RoundPlan.objects.filter(
                partnership=self.partnership, survey=survey, audience=audience
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "audience", _("There is already a plan for this survey and audience.")
                )
        return data

    def _post_clean(self):
        # The service validates the model (with the partnership set); the form only checks input.
        pass


class RoundForm(forms.Form):
    survey = forms.ModelChoiceField(label=_("Survey"), queryset=Survey.objects.none())
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for the survey's name with the month and year."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)

    def __init__(self, *args, partnership, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["survey"].queryset = Survey.objects.filter(
            partnership=partnership, is_template=False
        )

    def clean_opens_on(self):
        opens_on = self.cleaned_data["opens_on"]
        if opens_on < self.today:
            raise forms.ValidationError(_("A round cannot open in the past."))
        return opens_on

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on <= opens_on:
            self.add_error("closes_on", _("The round must close after it opens."))
        return data
