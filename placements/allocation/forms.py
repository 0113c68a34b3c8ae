"""Forms for allocation runs (settings and weights, a result changed by hand, comparing two runs),
the run results' filter and the second school of a shared placement in a shortage subject."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.filters import SearchFilterMixin
from partnerships.glossary import Start
from partnerships.models import Organisation, Subject
from placements.allocation.engine import Weights
from placements.models import AllocationResult

DEFAULT = Weights()


def _points(label, initial, maximum=10_000):
    return forms.IntegerField(label=label, initial=initial, min_value=0, max_value=maximum)


class RunForm(forms.Form):
    start = forms.ChoiceField(label=gettext_lazy("Start"), choices=Start.choices)
    label = forms.CharField(label=gettext_lazy("Label"), max_length=100, required=False)
    time_limit_s = forms.IntegerField(
        label=gettext_lazy("Time limit (seconds)"),
        initial=20,
        min_value=1,
        max_value=600,
        help_text=gettext_lazy("The best allocation found within this time is returned."),
    )
    preference_1 = _points(gettext_lazy("First preference"), DEFAULT.preference[0])
    preference_2 = _points(gettext_lazy("Second preference"), DEFAULT.preference[1])
    preference_3 = _points(gettext_lazy("Third preference"), DEFAULT.preference[2])
    no_preference_penalty = _points(
        gettext_lazy("Penalty: none of the preferences"), DEFAULT.no_preference_penalty
    )
    variety_bonus = _points(gettext_lazy("Bonus: a new school type"), DEFAULT.variety_bonus)
    spread_penalty = _points(
        gettext_lazy("Penalty per student above a school's tiers"), DEFAULT.spread_penalty, 1000
    )
    unplaced_penalty = _points(
        gettext_lazy("Penalty: a student without a place"), DEFAULT.unplaced_penalty, 1_000_000
    )

    def weights(self) -> Weights:
        data = self.cleaned_data
        return Weights(
            preference=tuple(data[f"preference_{r}"] for r in (1, 2, 3)),
            no_preference_penalty=data["no_preference_penalty"],
            variety_bonus=data["variety_bonus"],
            spread_penalty=data["spread_penalty"],
            unplaced_penalty=data["unplaced_penalty"],
        )


class ResultForm(forms.Form):
    place = forms.ModelChoiceField(
        label=gettext_lazy("Place"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("no place"),
    )
    locked = forms.BooleanField(
        label=gettext_lazy("Lock"),
        required=False,
        help_text=gettext_lazy("A rerun keeps a locked student on this place."),
    )

    def __init__(self, *args, places, used: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["place"].label_from_instance = lambda p: (
            _("%(school)s — %(stage)s, %(level)s (%(used)s of %(capacity)s used in this run)")
            % {
                "school": p.school.name,
                "stage": p.get_stage_display(),
                "level": p.get_level_display(),
                "used": used.get(p.pk, 0),
                "capacity": p.capacity,
            }
        )

    def clean(self):
        data = super().clean()
        if data.get("locked") and not data.get("place"):
            self.add_error("locked", _("Choose a place to lock the student to."))
        return data


def run_label(run, numbers: dict[int, int] | None = None) -> str:
    """The run in a choice list: its name within the year (``selectors.run_numbers``)."""
    from placements.allocation.texts import run_name

    label = f"{run_name(run, (numbers or {}).get(run.pk))} ({run.get_start_display()})"
    return f"{label} {run.label}".strip()


class CompareForm(forms.Form):
    a = forms.ModelChoiceField(label=gettext_lazy("Run"), queryset=None)
    b = forms.ModelChoiceField(label=gettext_lazy("Compared with"), queryset=None)

    def __init__(self, *args, runs, numbers=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            self.fields[name].queryset = runs
            self.fields[name].label_from_instance = lambda run: run_label(run, numbers)

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            self.add_error("b", _("Choose two different runs."))
        return data


OUTCOMES = [
    ("placed", gettext_lazy("placed")),
    ("unplaced", gettext_lazy("not placed")),
    ("first", gettext_lazy("first preference")),
    ("other", gettext_lazy("placed, not at the first preference")),
    ("locked", gettext_lazy("locked")),
]


def reason_choices():
    from placements.allocation.selectors import UNPLACED_CODES
    from placements.allocation.texts import unplaced_reason

    return [(code, unplaced_reason(code)) for code in UNPLACED_CODES]


class ResultFilter(SearchFilterMixin, django_filters.FilterSet):
    """The run's results by student, outcome, school, subject and reason for not placing. The
    school and subject choices come from the run's partnership (one query each)."""

    search_fields = ("student__person__first_name", "student__person__last_name")
    q = django_filters.CharFilter(label=gettext_lazy("Search student"), method="search")
    outcome = django_filters.ChoiceFilter(
        label=gettext_lazy("Outcome"),
        choices=OUTCOMES,
        empty_label=gettext_lazy("all"),
        method="filter_outcome",
    )
    school = django_filters.ModelChoiceFilter(
        label=gettext_lazy("School"),
        field_name="place__school",
        queryset=Organisation.objects.none(),
        empty_label=gettext_lazy("all"),
    )
    subject = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Subject"),
        field_name="student__subject",
        queryset=Subject.objects.none(),
        empty_label=gettext_lazy("all"),
    )
    reason = django_filters.ChoiceFilter(
        label=gettext_lazy("Reason not placed"),
        choices=reason_choices,
        empty_label=gettext_lazy("all"),
        method="filter_reason",
    )

    class Meta:
        model = AllocationResult
        fields = ["q", "outcome", "school", "subject", "reason"]

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnership is not None:
            self.filters["school"].queryset = Organisation.objects.filter(
                partnership=partnership, kind="school"
            ).order_by("name")
            self.filters["subject"].queryset = Subject.objects.filter(partnership=partnership)

    def filter_reason(self, queryset, name, value):
        return queryset.filter(place__isnull=True, explanation__code=value)

    def filter_outcome(self, queryset, name, value):
        first = Q(explanation__rank=1)
        return queryset.filter(
            {
                "placed": Q(place__isnull=False),
                "unplaced": Q(place__isnull=True),
                "first": first,
                "other": Q(place__isnull=False) & ~first,
                "locked": Q(locked=True),
            }[value]
        )


class ShareForm(forms.Form):
    shared_with = forms.ModelChoiceField(
        label=gettext_lazy("Shared with school"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("not shared"),
        help_text=gettext_lazy("A second school that shares the student (shortage subjects)."),
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = schools


class CommitForm(forms.Form):
    """The run's check-your-answers page: while the preference window has not closed, commit only
    "anyway", and choose whether the students see their proposals now."""

    anyway = forms.BooleanField(
        label=gettext_lazy("Commit anyway, although students can still change their preferences"),
        required=False,
    )
    show_to_students = forms.BooleanField(
        label=gettext_lazy("Show the proposals to the students now"),
        required=False,
        help_text=gettext_lazy(
            "Otherwise students see their proposal from the day after the preference window "
            "closes; schools and coordinators see it at once."
        ),
    )

    def __init__(self, *args, window_open: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if window_open:
            self.fields["anyway"].required = True
            self.fields["anyway"].error_messages["required"] = _(
                "Tick “commit anyway” to commit while the preference window is open."
            )
        else:
            del self.fields["anyway"]
            del self.fields["show_to_students"]
