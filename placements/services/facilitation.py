"""Facilitation hours per school, per person and per institute for an academic year.

The rule is ``placements.facilitation_rules``; this module feeds it data:

* Placements counted: those of the year that hold a place (confirmed, active, completed), with
  the student's effective facilitation category (an administrator's override wins). A placement
  without a category counts for no hours and is reported.
* Norms are data per partnership and year (YearNorms, FacilitationNorm per category,
  InstituteNorm per institute). ``facilitation_norms_ensure`` creates missing ones — category
  norms and the school base hours from ``facilitation_rules.DEFAULT_NORMS``; institute norms
  empty (0 hours) until a manager fills them in — and the pages say when the defaults are in use.
* Who sees what (``facilitation_scope``): managers and the governance roles see every school
  and the institutes' hours; a schoolcoördinator sees only their own school (cluster included)
  and its people. The governance roles see no individual people.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from partnerships.access import GOVERNANCE, MANAGERS, Access
from partnerships.glossary import FacilitationCategory
from partnerships.models import AcademicYear, Organisation, Partnership, Person

from .. import facilitation_rules as rules
from ..models import FacilitationNorm, InstituteNorm, YearNorms
from ..selectors import school_scope
from .quota_monitor import holding_placements


@dataclass
class Norms:
    year: YearNorms
    categories: list[FacilitationNorm]
    institutes: list[InstituteNorm]

    @property
    def by_category(self) -> dict[str, rules.Norm]:
        return {n.category: rules.Norm(n.wpb_hours, n.so_hours) for n in self.categories}

    @property
    def defaults_in_use(self) -> bool:
        return (
            self.year.school_base_hours == rules.DEFAULT_SCHOOL_BASE_HOURS
            and self.by_category == rules.DEFAULT_NORMS
        )

    @property
    def institutes_without_norm(self) -> list[Organisation]:
        return [n.institute for n in self.institutes if not _is_set(n)]


@dataclass(frozen=True)
class Scope:
    schools: QuerySet
    show_people: bool
    show_institutes: bool


@dataclass
class Line:
    name: str
    hours: rules.SchoolHours | None = None
    wpb: Decimal = Decimal(0)
    so: Decimal = Decimal(0)
    students: Decimal = Decimal(0)
    schools: set[str] | list[str] = field(default_factory=set)
    norm: InstituteNorm | None = None

    @property
    def total(self) -> Decimal:
        return self.wpb + self.so


@dataclass
class Table:
    schools: list[Line]
    people: list[Line]
    institutes: list[tuple[Line, Decimal]]
    without_category: int
    without_wpb: int

    @property
    def total(self) -> Decimal:
        return sum((line.hours.total for line in self.schools), Decimal(0))


def _is_set(norm: InstituteNorm) -> bool:
    return any(
        (norm.hours_per_student_year, norm.hours_per_group_year, norm.hours_per_student_week)
    )


def institute_norm_data(norm: InstituteNorm) -> rules.InstituteNormData:
    return rules.InstituteNormData(
        per_student_year=norm.hours_per_student_year,
        per_group_year=norm.hours_per_group_year,
        group_size=norm.group_size,
        per_student_week=norm.hours_per_student_week,
        weeks=norm.weeks_per_year,
    )


def facilitation_scope(*, access: Access, partnership: Partnership) -> Scope:
    roles = access.roles(partnership)
    if roles & (MANAGERS | GOVERNANCE):
        schools = Organisation.objects.filter(partnership=partnership, kind="school")
        return Scope(schools, show_people=bool(roles & MANAGERS), show_institutes=True)
    schools = school_scope(access=access, partnership=partnership)
    return Scope(schools, show_people=True, show_institutes=False)


@transaction.atomic
def facilitation_norms_ensure(*, partnership: Partnership, year: AcademicYear) -> Norms:
    """The year's norms, creating what is missing (idempotent; safe under concurrent calls)."""
    year_norms, _created = YearNorms.objects.get_or_create(
        partnership=partnership,
        academic_year=year,
        defaults={"school_base_hours": rules.DEFAULT_SCHOOL_BASE_HOURS},
    )
    FacilitationNorm.objects.bulk_create(
        [
            FacilitationNorm(
                partnership=partnership,
                academic_year=year,
                category=category,
                wpb_hours=rules.DEFAULT_NORMS.get(category, rules.Norm(0, 0)).wpb_hours,
                so_hours=rules.DEFAULT_NORMS.get(category, rules.Norm(0, 0)).so_hours,
            )
            for category in FacilitationCategory.values
        ],
        ignore_conflicts=True,
    )
    institutes = Organisation.objects.filter(partnership=partnership, kind="institute")
    InstituteNorm.objects.bulk_create(
        [InstituteNorm(institute=i, academic_year=year) for i in institutes],
        ignore_conflicts=True,
    )
    return Norms(
        year=year_norms,
        categories=list(
            FacilitationNorm.objects.filter(partnership=partnership, academic_year=year)
        ),
        institutes=list(
            InstituteNorm.objects.filter(institute__in=institutes, academic_year=year)
            .select_related("institute")
            .order_by("institute__name")
        ),
    )


@transaction.atomic
def facilitation_norms_save(*, norms: Norms, by: Person) -> Norms:
    """Save edited norms (all or nothing)."""
    for obj in (norms.year, *norms.categories, *norms.institutes):
        obj.full_clean()
        obj.save()
    return norms


def _rows(*, partnership: Partnership, year: AcademicYear, schools: QuerySet):
    category = Coalesce(
        NullIf("student__facilitation_category_override", Value("")),
        "student__facilitation_category",
    )
    placements = (
        holding_placements(partnership=partnership, year=year)
        .filter(school__in=schools)
        .annotate(category=category)
        .values_list(
            "school_id",
            "category",
            "half_year",
            "werkplekbegeleider_id",
            "schoolopleider_id",
            "student__institute_id",
        )
    )
    return [rules.PlacementRow(*values) for values in placements]


def facilitation_table(
    *, partnership: Partnership, year: AcademicYear, scope: Scope, norms: Norms
) -> Table:
    """Hours per school, per person and per institute (four queries at most)."""
    by_category = norms.by_category
    rows = _rows(partnership=partnership, year=year, schools=scope.schools)
    school_names = dict(
        scope.schools.filter(pk__in={r.school_id for r in rows}).values_list("pk", "name")
    )
    per_school = rules.hours_per_school(rows, by_category, norms.year.school_base_hours)
    schools = [Line(school_names[pk], hours=h) for pk, h in per_school.items()]
    people: list[Line] = []
    if scope.show_people:
        people = _people(rows, by_category, school_names)
    institutes = []
    if scope.show_institutes:
        students: dict[int, Decimal] = defaultdict(Decimal)
        for row in rows:
            students[row.institute_id] += Decimal("0.5") if row.half_year else Decimal(1)
        for norm in norms.institutes:
            line = Line(norm.institute.name, students=students.get(norm.institute_id, Decimal(0)))
            line.norm = norm
            institutes.append(
                (line, rules.institute_hours(line.students, institute_norm_data(norm)))
            )
    return Table(
        schools=sorted(schools, key=lambda line: line.name.lower()),
        people=people,
        institutes=institutes,
        without_category=sum(1 for r in rows if r.category not in by_category),
        without_wpb=sum(1 for r in rows if not r.wpb_id),
    )


def _people(rows, by_category, school_names) -> list[Line]:
    wpb = rules.hours_per_person([replace(r, schoolopleider_id=None) for r in rows], by_category)
    so = rules.hours_per_person([replace(r, wpb_id=None) for r in rows], by_category)
    people = Person.objects.filter(pk__in=set(wpb) | set(so))
    names = {p.pk: str(p) for p in people.only("first_name", "tussenvoegsel", "last_name")}
    lines: dict[int, Line] = {pk: Line(names.get(pk, "?")) for pk in set(wpb) | set(so)}
    for pk, hours in wpb.items():
        lines[pk].wpb = hours
    for pk, hours in so.items():
        lines[pk].so = hours
    for row in rows:
        for pk in (row.wpb_id, row.schoolopleider_id):
            if pk:
                lines[pk].schools.add(school_names[row.school_id])
    for line in lines.values():
        line.schools = sorted(line.schools)
    return sorted(lines.values(), key=lambda line: line.name.lower())
