from django import forms
from django.utils.translation import gettext_lazy as _

from .scopes import Scope


class ApiTokenForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Institute"), queryset=None)
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Which system uses it, for example 'Student administration (Osiris)'."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the system may do"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one permission.")},
    )

    def __init__(self, *args, institutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = institutes
        only = list(institutes[:2])
        if len(only) == 1:
            self.fields["organisation"].initial = only[0].pk
