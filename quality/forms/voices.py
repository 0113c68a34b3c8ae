"""Forms for the voices invited by e-mail address: an alumni contact, a round's e-mail list,
and the review of open answers."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import OrganisationKind
from partnerships.models import Organisation
from quality.choices import OpenAnswerReview
from quality.models import AlumniContact

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD = 1_000_000


class AlumniContactForm(forms.ModelForm):
    class Meta:
        model = AlumniContact
        fields = ["email", "name", "institute", "consent_on", "consent_source"]
        widgets = {"consent_on": DATE}
        labels = {"consent_source": _("How consent was given")}
        help_texts = {
            "consent_on": _("Alumni are only invited when they agreed to be asked."),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institute"].queryset = Organisation.objects.filter(
            partnership=partnership, kind=OrganisationKind.INSTITUTE
        )
        self.initial.setdefault("consent_on", timezone.localdate())

    def clean_consent_on(self):
        day = self.cleaned_data["consent_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Consent cannot be given in the future."))
        return day


class AddressListForm(forms.Form):
    addresses = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_(
            "One address per line, optionally followed by a semicolon and the school "
            "(name or short name): “j.jansen@school.nl; Het Lyceum”. The list replaces the "
            "current one and is taken only when every row is right."
        ),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_("A text or CSV file with the same rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.csv,text/plain,text/csv"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_UPLOAD:
                raise forms.ValidationError(_("The file is larger than 1 MB."))
            raw = upload.read()
            try:
                data["addresses"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                data["addresses"] = raw.decode("cp1252", errors="replace")
        if not (data.get("addresses") or "").strip():
            self.add_error("addresses", _("Paste the addresses or upload a file."))
        return data


class ReviewForm(forms.Form):
    """One choice per open answer (named ``a-<answer id>``); an answer left open stays
    unreviewed."""

    CHOICES = [
        (OpenAnswerReview.PUBLIC, _("public")),
        (OpenAnswerReview.PRIVATE, _("private")),
        (OpenAnswerReview.DELETED, _("delete")),
    ]

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        for item in sheet["items"]:
            for answer in item["answers"]:
                name = f"a-{answer['id']}"
                self.fields[name] = forms.ChoiceField(
                    label=answer["text"],
                    choices=self.CHOICES,
                    required=False,
                    widget=forms.RadioSelect,
                )
                if answer["review"] != OpenAnswerReview.UNREVIEWED:
                    self.initial[name] = answer["review"]
                answer["field"] = name

    def decisions(self) -> dict[str, str]:
        return {
            name.removeprefix("a-"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("a-") and value
        }
