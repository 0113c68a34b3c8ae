"""Baseline pages: the rows each benchmarked page shows, read with plain ``.values()`` querysets
and written as a bare HTML table — no access layer, no templates, no forms or filters. The
difference with the real page is what the product's layers cost."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import escape

from partnerships.models import (
    Organisation,
    Partnership,
    Person,
    PupilCount,
    RoleAssignment,
    Section,
    Student,
)

PAGE = 25  # the lists' page size


def _partnership(request, slug) -> Partnership:
    if not request.user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(Partnership, slug=slug)


def _table(rows) -> str:
    rows = list(rows)
    if not rows:
        return "<table></table>"
    head = "".join(f"<th>{escape(key)}</th>" for key in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(value)}</td>" for value in row.values()) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _page(*tables) -> HttpResponse:
    return HttpResponse("<!doctype html><title>baseline</title>" + "".join(tables))


def organisation_list(request, partnership):
    p = _partnership(request, partnership)
    rows = (
        Organisation.objects.filter(partnership=p)
        .order_by("name")
        .values("pk", "name", "kind", "institute_level", "cluster__name", "city")[:PAGE]
    )
    return _page(_table(rows))


def organisation_detail(request, partnership, pk):
    p = _partnership(request, partnership)
    org = Organisation.objects.filter(partnership=p, pk=pk).values(
        "name", "kind", "institute_level", "cluster__name", "board", "brin", "postcode", "city"
    )
    if not org:
        raise Http404
    pupils = PupilCount.objects.filter(organisation=pk).values(
        "academic_year__start_year", "pupils"
    )
    sections = Section.objects.filter(school=pk).values(
        "subject__name", "subject__is_tekortvak", "contact__first_name", "contact__last_name"
    )
    staff = RoleAssignment.objects.filter(partnership=p, organisation=pk).values(
        "person_id", "person__first_name", "person__last_name", "role", "subject__name"
    )
    return _page(_table(org), _table(pupils), _table(sections), _table(staff))


def person_list(request, partnership):
    p = _partnership(request, partnership)
    in_partnership = Q(roles__partnership=p) | Q(student_records__partnership=p)
    ids = Person.objects.filter(in_partnership).values("pk")
    people = list(
        Person.objects.filter(pk__in=ids)
        .order_by("last_name", "first_name")
        .values("pk", "first_name", "last_name", "email")[:PAGE]
    )
    roles = RoleAssignment.objects.filter(
        partnership=p, person__in=[row["pk"] for row in people]
    ).values("person_id", "role", "organisation__name")
    return _page(_table(people), _table(roles))


STUDENT_COLUMNS = (
    "pk",
    "person__first_name",
    "person__last_name",
    "institute__name",
    "programme_variant",
    "hbo_year",
    "subject__name",
    "school__name",
    "werkplekbegeleider__first_name",
    "werkplekbegeleider__last_name",
    "subsidy_category",
    "facilitation_category",
)


def student_list(request, partnership):
    p = _partnership(request, partnership)
    rows = (
        Student.objects.filter(partnership=p)
        .order_by("person__last_name", "person__first_name")
        .values(*STUDENT_COLUMNS)[:PAGE]
    )
    return _page(_table(rows))


def student_detail(request, partnership, pk):
    p = _partnership(request, partnership)
    rows = Student.objects.filter(partnership=p, pk=pk).values(
        *STUDENT_COLUMNS,
        "person__email",
        "student_number",
        "wo_programme",
        "grade",
        "postcode",
        "start_year__start_year",
        "schoolopleider__last_name",
        "instituutsopleider__last_name",
        "learning_goals",
    )
    if not rows:
        raise Http404
    return _page(_table(rows))


def dashboard(request, partnership):
    """The manager's findings: schools without this year's pupil count, students without a
    school or facilitation category, students per subsidy category."""
    p = _partnership(request, partnership)
    today = datetime.date.today()
    year = today.year if today.month >= 8 else today.year - 1
    counted = PupilCount.objects.filter(academic_year__start_year=year).values("organisation")
    schools = (
        Organisation.objects.filter(partnership=p, kind="school", is_active=True)
        .exclude(pk__in=counted)
        .values("pk", "name")
    )
    students = Student.objects.filter(partnership=p, is_active=True)
    no_school = students.filter(school__isnull=True)
    no_category = students.filter(facilitation_category="", facilitation_category_override="")
    names = ("pk", "person__first_name", "person__last_name")
    per_category = students.values("subsidy_category").annotate(n=Count("pk")).order_by()
    return _page(
        _table(schools),
        _table(no_school.values(*names)[:10]),
        f"<p>{no_school.count()}</p>",
        _table(no_category.values(*names)[:10]),
        f"<p>{no_category.count()}</p>",
        _table(per_category),
    )
