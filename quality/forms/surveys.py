"""Forms of the survey builder. The services validate again; these give clear field errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quality.choices import QualityArea, QuestionKind
from quality.models import Survey

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class SurveyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown above the questions on the answering page."),
    )
    is_template = forms.BooleanField(
        label=_("Reusable template"),
        required=False,
        help_text=_("Templates are copied to make new surveys."),
    )


class SurveyCreateForm(SurveyForm):
    template = forms.ModelChoiceField(
        label=_("Start from template"),
        queryset=Survey.objects.none(),
        required=False,
        empty_label=_("(empty survey)"),
    )
    field_order = ["name", "template", "introduction", "is_template"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = Survey.objects.filter(
            partnership=partnership, is_template=True
        )


class SurveyCopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=200)


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    quality_area = forms.ChoiceField(
        label=_("KOOS quality area"),
        choices=[("", "—"), *QualityArea.choices],
        required=False,
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one option per line."),
    )
    allow_dont_know = forms.BooleanField(
        label=_("Offer “don't know” (?)"),
        required=False,
        initial=True,
        help_text=_("For the 1–5 scales."),
    )
    required = forms.BooleanField(label=_("Required"), required=False)
    quality_area = forms.ChoiceField(
        label=_("KOOS quality area"),
        choices=[("", _("as the section"))] + list(QualityArea.choices),
        required=False,
    )
    indicator = forms.ModelChoiceField(
        label=_("Quality indicator"), queryset=None, required=False, empty_label="—"
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators

    def clean_options(self) -> list[str]:
        lines = self.cleaned_data.get("options", "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean(self):
        data = super().clean()
        kind, options = data.get("kind"), data.get("options") or []
        if kind in CHOICE_KINDS and len(options) < 2:
            self.add_error("options", _("A choice question needs at least two options."))
        elif kind and kind not in CHOICE_KINDS and options:
            self.add_error("options", _("Only choice questions have options: empty this field."))
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}

    @staticmethod
    def initial_for(question) -> dict:
        return {
            "text": question.text,
            "kind": question.kind,
            "options": "\n".join(question.options or []),
            "allow_dont_know": question.allow_dont_know,
            "required": question.required,
            "quality_area": question.quality_area,
            "indicator": question.indicator_id,
        }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])
