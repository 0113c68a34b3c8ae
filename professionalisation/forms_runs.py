"""Forms and filters of activities, runs, enrolment, attendance, completion and needs."""

import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.filters import SearchFilterMixin
from partnerships.glossary import Role

from .choices import ActivityKind, Formality
from .models import Activity


class ActivityFilter(SearchFilterMixin, django_filters.FilterSet):
    search_fields = ("name", "provider", "description")
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("For role"), choices=Role.choices, method="filter_role"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices)
    formality = django_filters.ChoiceFilter(
        label=_("Formal or informal"), choices=Formality.choices
    )

    class Meta:
        model = Activity
        fields = ["q", "role", "kind", "formality"]

    def filter_role(self, queryset, name, value):
        """Activities for that role, and those open to all staff (no target roles)."""
        return queryset.filter(target_roles__contains=[value]) | queryset.filter(target_roles=[])
