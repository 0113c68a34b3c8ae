"""Forms for the placement lifecycle and the procedure calendar."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.filters import SearchFilterMixin
from partnerships.glossary import Role, Stage, Start
from partnerships.models import Organisation, Person, RoleAssignment, Subject
from placements.choices import Level, PlacementStatus, StepStatus
from placements.lifecycle.interview import (
    ATTENDEE_ROLES,
    ATTENDEES,
    INTERVIEW_TOPICS,
    attendee_names,
)
from placements.models import Placement


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PlacementCreateForm(forms.Form):
    """A proposed placement: on a published place, or described by hand."""

    student = forms.ModelChoiceField(label=_("Student"), queryset=None)
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=None,
        required=False,
        help_text=_("A published place; school, subject, stage, level and start follow from it."),
    )
    school = forms.ModelChoiceField(label=_("School"), queryset=None, required=False)
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None, required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, required=False)
    start = forms.ChoiceField(label=_("Start"), choices=Start.choices, required=False)
    DESCRIBED = ("school", "subject", "stage", "level", "start")

    def __init__(self, *args, policy, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["student"].queryset = policy.students_to_place()
        self.fields["place"].queryset = policy.places_to_place_on(year)
        self.fields["school"].queryset = policy.schools_to_place_at()
        self.fields["subject"].queryset = Subject.objects.filter(partnership=policy.partnership)
        for name in ("stage", "level", "start"):
            self.fields[name].choices = [("", "---------"), *self.fields[name].choices]

    def clean(self):
        data = super().clean()
        place = data.get("place")
        if place:
            from_place = {
                "school": place.school,
                "subject": place.subject,
                "stage": place.stage,
                "level": place.level,
                "start": place.start,
            }
            for name, value in from_place.items():
                if data.get(name) and data[name] != value:
                    self.add_error(name, _("This does not match the chosen place."))
                data[name] = value
        for name in self.DESCRIBED:
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Choose a place or fill this in."))
        student, start = data.get("student"), data.get("start")
        if student and start and self._has_live_placement(student, start):
            self.add_error(
                "student",
                _("This student already has a placement for this start in %(year)s.")
                % {"year": self.year},
            )
        return data

    def _has_live_placement(self, student, start) -> bool:
        return (
            Placement.objects.filter(student=student, academic_year=self.year, start=start)
            .exclude(status=PlacementStatus.CANCELLED)
            .exists()
        )


class InterviewPlanForm(forms.Form):
    planned_at = forms.DateTimeField(
        label=_("Date and time of the introductory interview"), widget=DateTimeLocalInput()
    )


class InterviewHeldForm(forms.Form):
    """Who attended (the people of the placement named), the topics ticked as discussed, notes.
    The rules (who must attend) are checked by ``services.placement_interview_held``."""

    attended = forms.MultipleChoiceField(
        label=_("Who attended"),
        choices=[(role, ATTENDEE_ROLES[role]) for role in ATTENDEES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics discussed"),
        choices=INTERVIEW_TOPICS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        names = attendee_names(placement)
        self.fields["attended"].choices = [
            (role, f"{ATTENDEE_ROLES[role]}: {names[role] or _('not assigned yet')}")
            for role in ATTENDEES
        ]


class CancelForm(forms.Form):
    cancel_reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=300,
        help_text=_("Kept with the placement; it feeds the dropout inventory."),
    )


class LockForm(forms.Form):
    locked = forms.BooleanField(required=False)


def people_with_role(partnership, roles, organisation_id, keep=None):
    """Active holders of ``roles`` at one organisation (plus ``keep``, the one assigned now)."""
    holders = RoleAssignment.objects.active().filter(
        partnership=partnership, role__in=roles, organisation_id=organisation_id
    )
    condition = Q(pk__in=holders.values("person"), is_active=True)
    if keep:
        condition |= Q(pk=keep)
    return Person.objects.filter(condition).order_by("last_name", "first_name")


class GuidesForm(forms.Form):
    """The mentor (wpb) and schoolopleider come from the placement's school, the institute
    trainer from the student's institute; a schoolcoördinator is a schoolopleider too."""

    werkplekbegeleider = forms.ModelChoiceField(
        label=_("Werkplekbegeleider (mentor)"), queryset=None, required=False
    )
    schoolopleider = forms.ModelChoiceField(
        label=_("Schoolopleider"), queryset=None, required=False
    )
    instituutsopleider = forms.ModelChoiceField(
        label=_("Instituutsopleider"), queryset=None, required=False
    )

    def __init__(self, *args, placement, editable, **kwargs):
        kwargs.setdefault("initial", {name: getattr(placement, f"{name}_id") for name in editable})
        super().__init__(*args, **kwargs)
        partnership = placement.student.partnership
        sources = {
            "werkplekbegeleider": ({Role.WERKPLEKBEGELEIDER}, placement.school_id),
            "schoolopleider": (
                {Role.SCHOOLOPLEIDER, Role.SCHOOLCOORDINATOR},
                placement.school_id,
            ),
            "instituutsopleider": ({Role.INSTITUUTSOPLEIDER}, placement.student.institute_id),
        }
        for name in list(self.fields):
            if name not in editable:
                del self.fields[name]
                continue
            roles, organisation_id = sources[name]
            keep = getattr(placement, f"{name}_id")
            # the choices show names only (Person.__str__): not every column of every candidate
            self.fields[name].queryset = people_with_role(
                partnership, roles, organisation_id, keep
            ).only("pk", "first_name", "tussenvoegsel", "last_name")


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=StepStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PlacementFilter(SearchFilterMixin, django_filters.FilterSet):
    search_fields = (
        "student__person__first_name",
        "student__person__last_name",
        "student__person__email",
        "student__student_number",
    )
    q = django_filters.CharFilter(label=_("Search student"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PlacementStatus.choices)
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None)
    subject = django_filters.ModelChoiceFilter(label=_("Subject"), queryset=None)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    start = django_filters.ChoiceFilter(label=_("Start"), choices=Start.choices)
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("student__person__last_name", "student"),
            ("school__name", "school"),
            ("subject__name", "subject"),
            ("status", "status"),
            ("start", "start"),
        ),
        field_labels={
            "student": _("Student"),
            "school": _("School"),
            "subject": _("Subject"),
            "status": _("Status"),
            "start": _("Start"),
        },
    )

    class Meta:
        model = Placement
        fields = ["q", "status", "school", "subject", "level", "start"]

    def __init__(self, *args, partnership, schools, **kwargs):
        super().__init__(*args, **kwargs)
        # the choices show names only (their __str__)
        self.filters["school"].queryset = Organisation.objects.filter(pk__in=schools).only(
            "pk", "name"
        )
        self.filters["subject"].queryset = Subject.objects.filter(partnership=partnership).only(
            "pk", "name"
        )
