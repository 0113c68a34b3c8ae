"""The answering form, built from a survey's sections and questions.

Field names: ``q<id>`` for every kind, except the KOOS double question, which has
``q<id>_desired`` and ``q<id>_actual``. ``answers()`` turns the cleaned data into the ``data``
that ``quality.services.responses.response_submit`` takes. With ``disabled=True`` the same form
is the builder's read-only preview."""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from quality.choices import AnswerPart, QuestionKind
from quality.models import Question, Survey, SurveySection
from quality.services.responses import DONT_KNOW, field_key, new_ballot_token

K = QuestionKind
SCALE_POINTS = [(str(n), str(n)) for n in range(1, 6)]
TEXT_LIMIT = 4000


@dataclass
class Item:
    question: Question
    fields: list = field(default_factory=list)  # bound fields (two for a double question)
    parts: list = field(default_factory=list)  # (label, bound field) for a double question


@dataclass
class Part:
    section: SurveySection
    items: list[Item]


def _scale_field(question: Question, label: str, css: str) -> forms.ChoiceField:
    choices = SCALE_POINTS + ([(DONT_KNOW, DONT_KNOW)] if question.allow_dont_know else [])
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=question.required,
        widget=forms.RadioSelect(attrs={"class": css}),
    )


class AnswerForm(forms.Form):
    use_required_attribute = False  # our own messages, in the page's language

    def __init__(self, *args, survey: Survey, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.disabled = disabled
        self.sections = list(survey.sections.prefetch_related("questions__section"))
        self.questions = [q for s in self.sections for q in s.questions.all()]
        for question in self.questions:
            self._add(question)
        # the ballot token: lets this very form be sent again after a failure, and only once
        self.fields["ballot"] = forms.CharField(
            required=False, max_length=100, widget=forms.HiddenInput, initial=new_ballot_token
        )
        if disabled:
            for f in self.fields.values():
                f.disabled = True

    def _add(self, question: Question) -> None:
        key = field_key(question)
        if question.kind == K.SCALE:
            self.fields[key] = _scale_field(question, question.text, "btn-check")
        elif question.kind == K.DOUBLE_SCALE:
            self.fields[f"{key}_desired"] = _scale_field(
                question, _("desired situation"), "form-check-input"
            )
            self.fields[f"{key}_actual"] = _scale_field(
                question, _("actual situation"), "form-check-input"
            )
        elif question.kind == K.SINGLE:
            self.fields[key] = forms.ChoiceField(
                label=question.text,
                choices=[(str(i), o) for i, o in enumerate(question.options)],
                required=question.required,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
        elif question.kind == K.MULTIPLE:
            self.fields[key] = forms.MultipleChoiceField(
                label=question.text,
                choices=[(str(i), o) for i, o in enumerate(question.options)],
                required=question.required,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            )
        else:
            self.fields[key] = forms.CharField(
                label=question.text,
                required=question.required,
                max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            )

    def parts(self) -> list[Part]:
        """Sections in order with their questions and bound fields, for the template."""
        out = []
        for section in self.sections:
            items = []
            for question in section.questions.all():
                key = field_key(question)
                if question.kind == K.DOUBLE_SCALE:
                    desired, actual = self[f"{key}_desired"], self[f"{key}_actual"]
                    items.append(
                        Item(
                            question,
                            [desired, actual],
                            [(_("Desired"), desired), (_("Actual"), actual)],
                        )
                    )
                else:
                    items.append(Item(question, [self[key]]))
            out.append(Part(section, items))
        return out

    def answers(self) -> dict:
        """``cleaned_data`` as ``response_submit``'s ``data``."""
        data: dict = {}
        for question in self.questions:
            key = field_key(question)
            if question.kind == K.DOUBLE_SCALE:
                data[question.pk] = {
                    AnswerPart.DESIRED.value: self.cleaned_data.get(f"{key}_desired") or None,
                    AnswerPart.ACTUAL.value: self.cleaned_data.get(f"{key}_actual") or None,
                }
            elif question.kind == K.SINGLE:
                value = self.cleaned_data.get(key)
                data[question.pk] = int(value) if value not in (None, "") else None
            elif question.kind == K.MULTIPLE:
                data[question.pk] = [int(v) for v in self.cleaned_data.get(key) or []]
            else:
                data[question.pk] = self.cleaned_data.get(key) or None
        return data

    def add_service_errors(self, errors: dict) -> None:
        """Errors of ``response_submit`` (keyed ``q<id>``) on this form's fields."""
        for key, messages in errors.items():
            if key in self.fields:
                self.add_error(key, messages)
            elif f"{key}_desired" in self.fields:
                self.add_error(f"{key}_desired", messages)
            else:
                self.add_error(None, messages)
