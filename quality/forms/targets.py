"""The form of a target (streefdoel) on an indicator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import AcademicYear
from quality import targets as rules
from quality.choices import QuestionKind
from quality.models import Question, Survey, Target
from quality.services.targets import value_error


class TargetForm(forms.ModelForm):
    value = forms.CharField(
        label=_("Target value"),
        max_length=20,
        help_text=_(
            "A mean or gap as a number (4,0); a share as a percentage (95%) or a fraction (2/3)."
        ),
    )

    class Meta:
        model = Target
        fields = [
            "measure",
            "question",
            "survey",
            "area",
            "group",
            "comparison",
            "value",
            "academic_year",
            "half",
        ]
        labels = {"group": _("Respondent group (response rate only)")}

    def __init__(self, *args, partnership, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.indicator = partnership, indicator
        self.instance.partnership, self.instance.indicator = partnership, indicator
        self.fields["question"].queryset = (
            Question.objects.filter(
                section__survey__partnership=partnership,
                section__survey__is_template=False,  # a template is never sent out
                kind__in=(QuestionKind.SCALE, QuestionKind.DOUBLE_SCALE),
            )
            .select_related("section__survey")
            .order_by("section__survey__name", "section__order", "order", "pk")
        )
        self.fields["question"].label_from_instance = lambda q: (
            f"{q.section.survey.name}: {q.text[:90]}"
        )
        self.fields["question"].help_text = _("For the survey question measures.")
        self.fields["survey"].queryset = Survey.objects.filter(
            partnership=partnership, is_template=False
        ).order_by("name")
        self.fields["survey"].help_text = _("For the quality area measures, with the area.")
        self.fields["academic_year"].queryset = AcademicYear.objects.order_by("start_year")
        if self.instance.pk:
            self.initial["value"] = rules.display(
                self.instance.fraction, self.instance.measure, places=4
            ).replace(".", ",")
        elif not self.initial.get("academic_year"):
            self.initial["academic_year"] = AcademicYear.current()

    def clean(self):
        data = super().clean()
        measure, value = data.get("measure"), data.get("value")
        if measure and value:
            try:
                data["value"] = str(rules.parse_value(value, measure))
            except ValueError:
                self.add_error("value", value_error(measure))
        return data
