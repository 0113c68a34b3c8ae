"""Forms of the budget and declarations. Amounts are typed in euros and kept in cents
(``partnerships.money.EuroField``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..attachments import MAX_ATTACHMENT_BYTES, PDF_OR_IMAGE, check_attachment
from ..models import AcademicYear
from ..money import EuroField, format_cents, hours_to_cents
from .choices import DeclarationKind
from .models import BudgetLine, Declaration

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BudgetCreateForm(forms.Form):
    year = forms.ChoiceField(label=_("School year"))

    def __init__(self, *args, taken=(), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = AcademicYear.start_year_for(today or timezone.localdate())
        labels = [f"{y}-{y + 1}" for y in (current + 1, current, current - 1)]
        self.fields["year"].choices = [(label, label) for label in labels if label not in taken]
        self.fields["year"].initial = f"{current}-{current + 1}"


class BudgetLineForm(forms.ModelForm):
    budgeted_cents = EuroField(label=_("Budgeted"))
    hourly_rate_cents = EuroField(
        label=_("Hourly rate"),
        required=False,
        help_text=_("For declarations of hours; empty: only costs can be declared."),
    )

    class Meta:
        model = BudgetLine
        fields = [
            "side",
            "category",
            "name",
            "budgeted_cents",
            "source",
            "accepts_declarations",
            "hourly_rate_cents",
            "position",
        ]


class EntryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    description = forms.CharField(label=_("Description"), max_length=200)
    amount_cents = EuroField(
        label=_("Amount"),
        min_cents=None,
        help_text=_("In euros; a correction may be negative."),
    )


class DeclarationForm(forms.ModelForm):
    """A declaration's draft: which line, for whom, hours or costs, when, what for, and the
    receipt or time sheet. Nothing is sent yet: the check page comes next."""

    amount_cents = EuroField(label=_("Amount"), required=False, help_text=_("For costs, in euros."))
    attachment = forms.FileField(
        label=_("Receipt or time sheet"),
        required=False,
        help_text=_("PDF, PNG or JPEG, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    class Meta:
        model = Declaration
        fields = ["line", "organisation", "kind", "date", "hours", "amount_cents", "description"]
        widgets = {
            "kind": forms.RadioSelect,
            "date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"hours": _("For hours: the hours given; the line's hourly rate applies.")}

    def __init__(self, *args, lines, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
        self.fields["line"].label_from_instance = _line_label
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("Myself")
        self.fields["organisation"].required = False
        if not organisations.exists():
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["kind"].choices = DeclarationKind.choices
        self.fields["hours"].required = False
        self.fields["hours"].widget.attrs["step"] = "0.25"
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("kind", DeclarationKind.HOURS)
        self.has_attachment = hasattr(self.instance, "attachment") if self.instance.pk else False

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            if upload.size > MAX_ATTACHMENT_BYTES:
                raise ValidationError(_("The file is larger than 5 MB."))
            check_attachment(upload, PDF_OR_IMAGE)
        elif not self.has_attachment:
            raise ValidationError(_("Attach the receipt or time sheet."))
        return upload

    def clean(self):
        data = super().clean()
        kind, line = data.get("kind"), data.get("line")
        if kind == DeclarationKind.HOURS:
            if not data.get("hours"):
                self.add_error("hours", _("Fill in the number of hours."))
            elif line is not None and not line.hourly_rate_cents:
                self.add_error(
                    "kind", _("Only costs can be declared on this line; it has no hourly rate.")
                )
            elif line is not None:
                data["amount_cents"] = hours_to_cents(data["hours"], line.hourly_rate_cents)
        elif kind == DeclarationKind.COSTS:
            data["hours"] = None
            if not data.get("amount_cents"):
                self.add_error("amount_cents", _("Fill in the amount."))
        return data


def _line_label(line: BudgetLine) -> str:
    year = line.budget.academic_year.label
    if line.hourly_rate_cents:
        return _("%(line)s %(year)s (hours at %(rate)s)") % {
            "line": line.name,
            "year": year,
            "rate": format_cents(line.hourly_rate_cents),
        }
    return f"{line.name} {year}"


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you reject; the declarant reads it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the declaration is rejected."))
        return data
