"""Reads used by views, limited by the access layer and with their joins applied."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .access import Access
from .glossary import OrganisationKind, QualificationKind, QualificationStatus, Role
from .models import (
    AcademicYear,
    Organisation,
    Partnership,
    Person,
    RoleAssignment,
    Section,
    Student,
)


def _count_per_school(rows: QuerySet):
    """Rows per organisation as a subquery: counting through joins would multiply students by
    sections (and read every combination)."""
    counts = rows.filter(school=OuterRef("pk")).order_by().values("school").annotate(n=Count("pk"))
    return Coalesce(Subquery(counts.values("n"), output_field=IntegerField()), 0)


def organisation_list(*, access: Access, partnership: Partnership) -> QuerySet[Organisation]:
    return (
        access.organisations(partnership)
        .select_related("cluster", "partnership")  # get_absolute_url reads partnership.slug
        .prefetch_related("school_types")
        .annotate(
            student_count=_count_per_school(Student.objects.filter(is_active=True)),
            section_count=_count_per_school(Section.objects.all()),
        )
        .order_by("name")
    )


def organisation_detail(*, access: Access, partnership: Partnership) -> QuerySet[Organisation]:
    sections = Section.objects.select_related("subject", "contact")
    return (
        access.organisations(partnership)
        .select_related("cluster")
        .prefetch_related(
            "school_types",
            Prefetch("sections", queryset=sections),
            "pupil_counts__academic_year",
        )
    )


def person_list(*, access: Access, partnership: Partnership) -> QuerySet[Person]:
    roles = RoleAssignment.objects.filter(partnership=partnership).select_related(
        "organisation", "subject"
    )
    return access.people(partnership).prefetch_related(
        Prefetch("roles", queryset=roles, to_attr="partnership_roles")
    )


def student_list(*, access: Access, partnership: Partnership) -> QuerySet[Student]:
    return access.students(partnership).select_related(
        "partnership",  # get_absolute_url reads partnership.slug
        "person",
        "institute",
        "subject",
        "school",
        "werkplekbegeleider",
    )


def role_assignment_list(*, access: Access, partnership: Partnership):
    return access.role_assignments(partnership).select_related("person", "organisation", "subject")


def sections_without_certified_wpb(*, schools: QuerySet[Organisation]) -> list[Section]:
    """Sections that take students but have no active wpb with a completed wpb training."""
    today = timezone.localdate()
    certified = (
        RoleAssignment.objects.active(today)
        .filter(
            role=Role.WERKPLEKBEGELEIDER,
            person__qualifications__kind__in=[
                QualificationKind.WPB_BASIS,
                QualificationKind.WPB_VERDIEPING,
            ],
            person__qualifications__status=QualificationStatus.COMPLETED,
        )
        .values_list("organisation_id", "subject_id")
    )
    pairs = set(certified)
    sections = Section.objects.filter(school__in=schools, takes_students=True).select_related(
        "school", "subject"
    )
    return [s for s in sections if (s.school_id, s.subject_id) not in pairs]


def schools_without_coordinator(*, partnership: Partnership) -> QuerySet[Organisation]:
    today = timezone.localdate()
    coordinated = RoleAssignment.objects.active(today).filter(
        partnership=partnership, role=Role.SCHOOLCOORDINATOR
    )
    covered_clusters = coordinated.filter(organisation__cluster__isnull=False).values(
        "organisation__cluster"
    )
    return (
        Organisation.objects.filter(
            partnership=partnership, kind=OrganisationKind.SCHOOL, is_active=True
        )
        .exclude(pk__in=coordinated.values("organisation"))
        .exclude(cluster__in=covered_clusters)
    )


def year_from_label(label: str) -> AcademicYear | None:
    """'2026-2027' → that academic year (made if missing); None for anything malformed or far
    outside the years this application plans. Every app's year addresses go through this."""
    try:
        start_year = AcademicYear.parse_label(label)
    except ValueError:
        return None
    if not 2000 <= start_year <= 2100:
        return None
    return AcademicYear.objects.get_or_create(start_year=start_year)[0]
