import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .glossary import OrganisationKind, ProgrammeVariant, Role, SubsidyCategory
from .models import Organisation, Person, Student

ACTIVE_CHOICES = [("1", _("active")), ("0", _("inactive"))]


def filter_active(queryset, name, value):
    return queryset.filter(is_active=value == "1")


def active_filter():
    return django_filters.ChoiceFilter(
        label=_("Status"), choices=ACTIVE_CHOICES, empty_label=_("all"), method=filter_active
    )


class SearchFilterMixin:
    search_fields: tuple[str, ...] = ()

    def search(self, queryset, name, value):
        condition = Q()
        for term in value.split():
            part = Q()
            for field in self.search_fields:
                part |= Q(**{f"{field}__icontains": term})
            condition &= part
        return queryset.filter(condition)


class OrganisationFilter(SearchFilterMixin, django_filters.FilterSet):
    search_fields = ("name", "short_name", "city", "brin")
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    is_active = active_filter()
    school_types = django_filters.CharFilter(
        label=_("School type"), field_name="school_types__code", distinct=True
    )
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("city", "city"), ("kind", "kind")),
        field_labels={"name": _("Name"), "city": _("City"), "kind": _("Kind")},
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "is_active"]


class PersonFilter(SearchFilterMixin, django_filters.FilterSet):
    search_fields = ("first_name", "last_name", "email")
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, method="filter_role")
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("last_name", "last_name"), ("email", "email")),
        field_labels={"last_name": _("Name"), "email": _("E-mail")},
    )

    class Meta:
        model = Person
        fields = ["q", "role"]

    def filter_role(self, queryset, name, value):
        ids = self.request.partnership.role_assignments.filter(role=value).values("person")
        return queryset.filter(pk__in=ids)


class StudentFilter(SearchFilterMixin, django_filters.FilterSet):
    search_fields = ("person__first_name", "person__last_name", "person__email", "student_number")
    q = django_filters.CharFilter(label=_("Search"), method="search")
    institute = django_filters.ModelChoiceFilter(label=_("Institute"), queryset=None)
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None)
    programme_variant = django_filters.ChoiceFilter(
        label=_("Programme variant"), choices=ProgrammeVariant.choices
    )
    is_active = active_filter()
    category = django_filters.ChoiceFilter(
        label=_("Subsidy category"), choices=SubsidyCategory.choices, method="filter_category"
    )
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("person__last_name", "name"),
            ("institute__name", "institute"),
            ("subject__name", "subject"),
            ("hbo_year", "year"),
        ),
        field_labels={
            "name": _("Name"),
            "institute": _("Institute"),
            "subject": _("Subject"),
            "year": _("hbo year"),
        },
    )

    class Meta:
        model = Student
        fields = ["q", "institute", "school", "programme_variant", "is_active"]

    def __init__(self, *args, organisations, **kwargs):
        """``organisations``: the ones the user may see (the access layer decides)."""
        super().__init__(*args, **kwargs)
        orgs = organisations
        self.filters["institute"].queryset = orgs.filter(kind=OrganisationKind.INSTITUTE)
        self.filters["school"].queryset = orgs.filter(kind=OrganisationKind.SCHOOL)

    def filter_category(self, queryset, name, value):
        return queryset.filter(
            Q(subsidy_category_override=value)
            | Q(subsidy_category_override="", subsidy_category=value)
        )
