"""Forms of the programme events: the list filter, event, slot and session forms, the sign-up
and attendance forms."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import EventKind
from .models import Event

PERIOD_CHOICES = [(str(n), f"OP{n}") for n in range(1, 5)]
YES_NO = [("1", _("mandatory")), ("0", _("optional"))]


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("all")
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIOD_CHOICES, empty_label=_("all"), method="filter_period"
    )
    mandatory = django_filters.ChoiceFilter(
        label=_("Attendance"), choices=YES_NO, empty_label=_("all"), method="filter_mandatory"
    )

    class Meta:
        model = Event
        fields = ["kind", "period", "mandatory"]

    def __init__(self, *args, periods=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.number: p for p in (periods or [])}

    def filter_period(self, queryset, name, value):
        period = self.periods.get(int(value))
        if period is None:
            return queryset.none()
        return queryset.filter(date__gte=period.start_date, date__lte=period.end_date)

    def filter_mandatory(self, queryset, name, value):
        return queryset.filter(mandatory=value == "1")
