"""The form of the requirement norms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from professionalisation.models import RequirementNorms
from professionalisation.services.compliance import NORM_FIELDS


class RequirementNormsForm(forms.ModelForm):
    class Meta:
        model = RequirementNorms
        fields = list(NORM_FIELDS)
        help_texts = {
            "min_brlo": _("Counted among the schoolopleiders."),
            "min_coordinators": _("Schools of a cluster share their schoolcoördinator."),
            "min_assessors": _("Only assessors with a completed assessor certificate count."),
            "min_certified_wpb_per_section": _(
                "Werkplekbegeleiders of the section's subject with a completed wpb training."
            ),
        }

    def clean(self):
        data = super().clean()
        brlo, sos = data.get("min_brlo"), data.get("min_schoolopleiders")
        if brlo is not None and sos is not None and brlo > sos:
            self.add_error(
                "min_brlo", _("There cannot be more BRLO-registered than schoolopleiders.")
            )
        return data
