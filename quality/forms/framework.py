"""Forms of the framework part: ambitions, indicators, instruments, calendar items, risks and
the internal evaluation (one text per theme)."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from partnerships.forms import DateInput, person_with_email
from partnerships.glossary import Role
from quality.calendar_grid import SCHOOL_MONTHS
from quality.choices import CalendarStatus, EvaluationTheme, NvaoStandard, PdcaPhase
from quality.models import Ambition, CalendarItem, Indicator, Instrument, Risk

MONTH_CHOICES = [(m, MONTHS[m]) for m in SCHOOL_MONTHS]

THEME_HELP = {
    EvaluationTheme.PLACEMENTS: _(
        "Students placed per category compared with the quota; how the placement process went; "
        "working with the stagecoördinator and the institutes' placement offices."
    ),
    EvaluationTheme.PROGRAMME: _(
        "Your part in the partnership's training programme; how co-docenten were deployed; "
        "intervision and supervision of students in your own organisation; how the programme "
        "and its meetings worked out."
    ),
    EvaluationTheme.PROFESSIONALISATION: _(
        "Intervision among trainers and mentors; who took part in professional development "
        "last year and how good it was; the number of certified trainers and mentors; what is "
        "needed next year (how many still to train, and on what); the link with the induction "
        "of new teachers and with HR policy."
    ),
    EvaluationTheme.FACILITATION: _(
        "Whether the agreements on facilitation were carried out, and how that worked out."
    ),
    EvaluationTheme.COLLABORATION: _(
        "Within your own organisation, with the other partners, between school and institute "
        "trainers, between trainers and mentors, and between the steering and working group."
    ),
    EvaluationTheme.COMMUNICATION: _(
        "How trainers, co-docenten and mentors in your organisation are kept informed; the "
        "partnership's website."
    ),
    EvaluationTheme.CONCLUSIONS: _(
        "Anything else worth saying; your general conclusions; improvement points and "
        "development goals for your own organisation next year; advice for the partnership as "
        "a whole. Schools: the number of partnership sections now and the ambition."
    ),
}


def standards_field():
    return forms.TypedMultipleChoiceField(
        label=_("NVAO standards"),
        choices=NvaoStandard.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AmbitionForm(forms.ModelForm):
    class Meta:
        model = Ambition
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership


class IndicatorForm(forms.ModelForm):
    standards = standards_field()

    class Meta:
        model = Indicator
        fields = ["question", "follow_up", "standards", "order"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, ambition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ambition = ambition


class InstrumentForm(forms.ModelForm):
    responsible_role = forms.ChoiceField(label=_("Responsible role"), choices=Role.choices)
    months = forms.TypedMultipleChoiceField(
        label=_("Months in the quality calendar"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Generating a year's calendar adds an item for each month ticked."),
    )
    standards = standards_field()
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators it measures"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Instrument
        fields = [
            "name",
            "kind",
            "target_group",
            "responsible_role",
            "frequency",
            "months",
            "description",
            "standards",
            "indicators",
            "survey",
            "is_active",
            "in_development",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["indicators"].queryset = Indicator.objects.filter(
            ambition__partnership=partnership
        ).select_related("ambition")
        self.fields["indicators"].label_from_instance = lambda i: f"{i.ambition} — {i.question}"
        self.fields["survey"].queryset = partnership.surveys.filter(is_template=False)
        self.fields["survey"].help_text = _("For a survey: the questionnaire its rounds use.")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Instrument.objects.filter(partnership=self.instance.partnership, name=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This partnership already has an instrument so named."))
        return name


class CalendarItemForm(forms.ModelForm):
    status = forms.ChoiceField(label=_("Status"), choices=CalendarStatus.choices)
    phase = forms.ChoiceField(label=_("PDCA phase"), choices=PdcaPhase.choices)

    class Meta:
        model = CalendarItem
        fields = ["status", "phase", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class RiskForm(forms.ModelForm):
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood"),
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        help_text=_("1 = very unlikely, 5 = almost certain."),
    )
    impact = forms.TypedChoiceField(
        label=_("Impact"),
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        help_text=_("1 = hardly noticeable, 5 = threatens the partnership's goals."),
    )

    class Meta:
        model = Risk
        fields = [
            "title",
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "owner",
            "review_date",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
            "review_date": DateInput(),
        }

    def __init__(self, *args, partnership, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = person_with_email


class EvaluationForm(forms.Form):
    """One text per theme, each with a box 'needs action at partnership level'."""

    def __init__(self, *args, prefill: dict[str, str] | None = None, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefill, self.submitting = prefill or {}, submitting
        for theme in EvaluationTheme:
            self.fields[theme.value] = forms.CharField(
                label=theme.label.capitalize(),
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=THEME_HELP[theme],
            )
            self.fields[f"{theme.value}_for_partnership"] = forms.BooleanField(
                label=_("Needs action at partnership level"), required=False
            )

    def clean(self):
        """Submitting: a theme that still holds only the question and facts it opened with is
        not a finding (it would reach the quality report as one); the evaluator writes what they
        found or empties the box."""
        from ..selectors.evaluation_facts import has_own_words

        data = super().clean()
        if self.submitting:
            for theme, prefilled in self.prefill.items():
                text = data.get(theme) or ""
                if text.strip() and not has_own_words(text, prefilled):
                    self.add_error(
                        theme,
                        _(
                            "Only the question and the facts are here. Write what your "
                            "organisation found, or empty the box if you have nothing to add."
                        ),
                    )
        return data

    def findings(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            theme: {"text": data[theme], "for_partnership": data[f"{theme}_for_partnership"]}
            for theme in EvaluationTheme.values
        }

    @staticmethod
    def initial_from(evaluation) -> dict:
        initial = {}
        if evaluation is not None:
            for finding in evaluation.findings.all():
                initial[finding.theme] = finding.text
                initial[f"{finding.theme}_for_partnership"] = finding.for_partnership
        return initial
