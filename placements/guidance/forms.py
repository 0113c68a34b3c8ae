from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.attachments import MAX_ATTACHMENT_BYTES, check_attachment
from placements.models import GuidanceNorm, ObservationCriterion, ObservationFrame


class EntryForm(forms.Form):
    """One short form for a phone: the date, who took part, notes, agreements, a file; for an
    observation also the frame's criteria, each with a score on the scale and a comment."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    participants = forms.MultipleChoiceField(
        label=_("Who took part"), widget=forms.CheckboxSelectMultiple, required=False
    )
    others = forms.CharField(label=_("Others who took part"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    agreements = forms.CharField(
        label=_("Agreements"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("PDF, Word (.docx), PNG or JPEG, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, options, criteria=(), scale=(), pair=False, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = options
        if pair:
            self.fields["others"].label = _("Who observed your lesson (your pair partner)")
            self.fields["others"].required = True
        self.criteria = list(criteria)
        self.scale = list(scale)
        choices = [(str(n), label) for n, label in enumerate(self.scale, start=1)]
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.text,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on: %(criterion)s") % {"criterion": criterion.text},
                max_length=1000,
                required=False,
            )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return date

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            if upload.size > MAX_ATTACHMENT_BYTES:
                raise ValidationError(_("The file is larger than 5 MB."))
            check_attachment(upload)
        return upload

    def criterion_rows(self):
        """(criterion, score field, comment field) per criterion, in groups' order."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self):
        return [
            (c, self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}"))
            for c in self.criteria
        ]


class ReflectionForm(forms.Form):
    reflection = forms.CharField(
        label=_("Your reflection"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What did you learn, what will you do next? Your guides read it."),
    )


class NormForm(forms.ModelForm):
    class Meta:
        model = GuidanceNorm
        fields = ["kind", "level", "every_weeks", "per_period"]

    def clean(self):
        data = super().clean()
        every, per = data.get("every_weeks"), data.get("per_period")
        if (every is None) == (per is None):
            raise ValidationError(
                _("Fill in either 'every … weeks' or '… per placement period', not both.")
            )
        return data


NormFormSet = forms.modelformset_factory(GuidanceNorm, form=NormForm, extra=1, can_delete=True)


class FrameForm(forms.ModelForm):
    scale_text = forms.CharField(
        label=_("Scale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One step per line, lowest first."),
    )

    class Meta:
        model = ObservationFrame
        fields = ["name", "is_default"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale_text"].initial = "\n".join(self.instance.scale or [])

    def clean_scale_text(self):
        steps = [line.strip() for line in self.cleaned_data["scale_text"].splitlines()]
        steps = [s for s in steps if s]
        if len(steps) < 2:
            raise ValidationError(_("A scale needs at least two steps."))
        if len(steps) > 10:
            raise ValidationError(_("A scale has at most ten steps."))
        return steps


class CriterionForm(forms.ModelForm):
    class Meta:
        model = ObservationCriterion
        fields = ["position", "group", "text"]


CriterionFormSet = forms.modelformset_factory(
    ObservationCriterion, form=CriterionForm, extra=3, can_delete=True
)
