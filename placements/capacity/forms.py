"""Forms of the capacity pages: the bulk grid, the request to all schools, the upload.

The grid has one row per subject and stage (onderbouw, bovenbouw) and one column per level
(hbo, wo, either) and start (September, February); every cell is a number of places and a
"maybe" box. Empty or 0 means no places."""

from dataclasses import dataclass

from django import forms
from django.forms.boundfield import BoundField
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.forms import DateInput
from partnerships.glossary import Stage, Start
from partnerships.models import Subject
from placements.capacity.services import LineInput, RequestAudience
from placements.choices import Availability, OfferedLevel
from placements.models import CapacityRequest

COLUMNS = [(level, start) for level in OfferedLevel for start in Start]
MAX_PLACES = 99


@dataclass
class Cell:
    places: BoundField
    maybe: BoundField
    label: str


@dataclass
class GridRow:
    subject: Subject
    stage: str
    stage_label: str
    first: bool  # the subject's first row
    cells: list[Cell]


def cell_name(subject_id: int, stage: str, level: str, start: str) -> str:
    return f"c-{subject_id}-{stage}-{level}-{start}"


class CapacityGridForm(forms.Form):
    total_cap = forms.IntegerField(
        label=gettext_lazy("Total number of students the school takes"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=gettext_lazy(
            "Over all subjects together; empty when the places above are the limit."
        ),
    )
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, subjects: list[Subject], capacity=None, lines=(), **kwargs):
        initial = kwargs.setdefault("initial", {})
        if capacity is not None:
            initial["total_cap"] = capacity.total_cap
            initial["loaded"] = capacity.updated_at.isoformat()
        for line in lines:
            name = cell_name(line.subject_id, line.stage, line.level, line.start)
            initial[f"{name}-places"] = line.places
            initial[f"{name}-maybe"] = line.availability == Availability.MAYBE
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        for subject in subjects:
            for stage, stage_label in Stage.choices:
                for level, start in COLUMNS:
                    self._add_cell(subject, stage, stage_label, level, start)

    def _add_cell(self, subject, stage, stage_label, level, start) -> None:
        name = cell_name(subject.pk, stage, level, start)
        where = ", ".join(
            [
                subject.name,
                str(stage_label),
                str(OfferedLevel(level).label),
                str(Start(start).label),
            ]
        )
        self.fields[f"{name}-places"] = forms.IntegerField(
            min_value=0, max_value=MAX_PLACES, required=False, label=where
        )
        self.fields[f"{name}-maybe"] = forms.BooleanField(required=False, label=where)

    def clean(self):
        data = super().clean()
        for *_key, name in self.cell_names():
            if data.get(f"{name}-maybe") and not data.get(f"{name}-places"):
                if f"{name}-places" not in self.errors:
                    self.add_error(
                        f"{name}-places", _("Enter the number of places that may be available.")
                    )
        return data

    def cell_names(self):
        for subject in self.subjects:
            for stage in Stage.values:
                for level, start in COLUMNS:
                    yield (
                        subject.pk,
                        stage,
                        level,
                        start,
                        cell_name(subject.pk, stage, level, start),
                    )

    def lines(self) -> list[LineInput]:
        data = self.cleaned_data
        return [
            LineInput(
                subject_id=subject_id,
                stage=stage,
                level=level,
                start=start,
                places=data[f"{name}-places"],
                maybe=data[f"{name}-maybe"],
            )
            for subject_id, stage, level, start, name in self.cell_names()
            if data.get(f"{name}-places")
        ]

    def unchanged_since(self):
        return parse_datetime(self.cleaned_data.get("loaded") or "")

    def rows(self) -> list[GridRow]:
        rows = []
        for subject in self.subjects:
            for index, (stage, stage_label) in enumerate(Stage.choices):
                cells = []
                for level, start in COLUMNS:
                    name = cell_name(subject.pk, stage, level, start)
                    places = self[f"{name}-places"]
                    cells.append(Cell(places, self[f"{name}-maybe"], places.label))
                rows.append(GridRow(subject, stage, stage_label, index == 0, cells))
        return rows


def grid_subjects(*, partnership, school, lines, extra_ids) -> tuple[list, list]:
    """The subjects in the grid (the school's sections that take students, the subjects already
    declared, those added on the page) and the partnership's other subjects, to add."""
    subjects = list(partnership.subjects.order_by("name"))
    wanted = set(school.sections.filter(takes_students=True).values_list("subject_id", flat=True))
    wanted |= {line.subject_id for line in lines}
    wanted |= {int(pk) for pk in extra_ids if str(pk).isdigit()}
    shown = [s for s in subjects if s.pk in wanted]
    return shown, [s for s in subjects if s.pk not in wanted]


class CapacityRequestForm(forms.ModelForm):
    """The request; ``counts`` (audience → number of schools) goes into the audience labels."""

    audience = forms.ChoiceField(
        label=gettext_lazy("Send to"),
        choices=RequestAudience.choices,
        initial=RequestAudience.NOT_ANSWERED,
        required=False,  # not given: only the schools that have not answered
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "For the February re-check, a school has answered when it confirmed its February "
            "places."
        ),
    )

    def __init__(self, *args, counts: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if counts is not None:
            self.fields["audience"].choices = [
                (value, f"{label} ({counts.get(value, 0)})")
                for value, label in RequestAudience.choices
            ]

    def clean_audience(self):
        return self.cleaned_data.get("audience") or RequestAudience.NOT_ANSWERED

    class Meta:
        model = CapacityRequest
        fields = ["deadline", "message", "is_february_recheck"]
        widgets = {"deadline": DateInput(), "message": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "message": gettext_lazy("Added to the e-mail every schoolcoördinator receives."),
            "is_february_recheck": gettext_lazy(
                "In November and December: schools confirm (or change) their places for "
                "students starting in February."
            ),
        }


class CapacityUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Capacity form (XLSX)"),
        help_text=gettext_lazy("Start from the form you download on this page."),
    )
