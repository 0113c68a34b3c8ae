from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..forms import ImportForm
from ..models import AcademicYear
from .kinds import IMPORTERS


def school_year_choices() -> list[tuple[int, str]]:
    current = AcademicYear.start_year_for(timezone.localdate())
    return [(year, f"{year}-{year + 1}") for year in range(current - 1, current + 2)]


class ImportUploadForm(ImportForm):
    """The upload: what the file holds, the file, and (for schools) the pupils' school year."""

    kind = forms.ChoiceField(label=_("The file holds"), widget=forms.RadioSelect)
    academic_year = forms.TypedChoiceField(
        label=_("School year of the pupil numbers"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only for schools: the pupil numbers are stored for this school year."),
    )
    field_order = ["kind", "file", "academic_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, cls.label) for kind, cls in IMPORTERS.items()]
        choices = school_year_choices()
        self.fields["academic_year"].choices = choices
        self.fields["academic_year"].initial = choices[1][0]
