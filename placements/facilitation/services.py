"""Facilitation hours per school, per person and per institute for an academic year.

The rule is ``placements.facilitation.rules``; this module feeds it data:

* Placements counted: those of the year that hold a place (confirmed, active, completed), with
  the student's effective facilitation category (an administrator's override wins). A placement
  without a category counts for no hours and is reported. A student's hours are for the whole
  year, split over their placements by the halves of the year each covers (derived from the
  September/February start, the student's other placements and the minor's half year).
* Schools are facilitation units: a cluster that acts as one school
  (``Cluster.acts_as_one_school``) is one line and gets the base hours once; every active
  school (or such cluster) gets them, with or without students.
* Norms are data per partnership and year (YearNorms with the base hours and the weeks per
  year, FacilitationNorm per category, InstituteNorm rows per institute).
  ``facilitation_norms_ensure`` creates the missing year and category norms from
  ``facilitation_rules``' defaults; an institute without norms counts 0 hours until a manager
  adds one — and the pages say when the defaults are in use.
* Who sees what (``facilitation_scope``): managers and the governance roles see every school
  and the institutes' hours; a schoolcoördinator sees only their own school (cluster included)
  and its people. The governance roles see no individual people.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import formats
from django.utils.translation import gettext as _

from partnerships.access import GOVERNANCE, MANAGERS, Access
from partnerships.glossary import FacilitationCategory, ProgrammeVariant
from partnerships.models import AcademicYear, Organisation, Partnership, Person
from placements.facilitation import rules
from placements.models import FacilitationNorm, InstituteNorm, YearNorms
from placements.quota.monitor import holding_placements
from placements.selectors import school_scope


@dataclass
class Norms:
    year: YearNorms
    categories: list[FacilitationNorm]
    institutes: list[InstituteNorm]  # the institutes' norms (several per institute possible)
    organisations: list[Organisation] = field(default_factory=list)  # every institute

    @property
    def by_category(self) -> dict[str, rules.Norm]:
        return {n.category: rules.Norm(n.wpb_hours, n.so_hours) for n in self.categories}

    @property
    def defaults_in_use(self) -> bool:
        return (
            self.year.school_base_hours == rules.DEFAULT_SCHOOL_BASE_HOURS
            and self.year.weeks_per_year == rules.DEFAULT_WEEKS_PER_YEAR
            and self.by_category == rules.DEFAULT_NORMS
        )

    @property
    def institutes_without_norm(self) -> list[Organisation]:
        with_norm = {n.institute_id for n in self.institutes}
        return [i for i in self.organisations if i.pk not in with_norm]

    def of_institute(self, institute: Organisation) -> list[InstituteNorm]:
        return [n for n in self.institutes if n.institute_id == institute.pk]


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
    norms: list[InstituteNorm] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.wpb + self.so

    @property
    def norm_texts(self) -> list[str]:
        return [norm_text(n) for n in self.norms]


def norm_text(norm: InstituteNorm) -> str:
    """ "8 h per group per week (groups of 20–25)" in the reader's language."""
    text = _("%(hours)s h %(per)s %(period)s") % {
        "hours": formats.number_format(norm.hours.normalize() + 0),
        "per": norm.get_per_display(),
        "period": norm.get_period_display(),
    }
    if norm.per == InstituteNorm.Per.GROUP:
        if norm.group_min and norm.group_min != norm.group_max:
            size = _("groups of %(min)s–%(max)s") % {"min": norm.group_min, "max": norm.group_max}
        else:
            size = _("groups of %(max)s") % {"max": norm.group_max}
        text = f"{text} ({size})"
    return text


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


def institute_norm_data(norm: InstituteNorm) -> rules.InstituteNormData:
    return rules.InstituteNormData(
        hours=norm.hours,
        per=norm.per,
        period=norm.period,
        group_min=norm.group_min,
        group_max=norm.group_max,
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
        defaults={
            "school_base_hours": rules.DEFAULT_SCHOOL_BASE_HOURS,
            "weeks_per_year": rules.DEFAULT_WEEKS_PER_YEAR,
        },
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
    return Norms(
        organisations=list(institutes.order_by("name")),
        year=year_norms,
        categories=list(
            FacilitationNorm.objects.filter(partnership=partnership, academic_year=year)
        ),
        institutes=list(
            InstituteNorm.objects.filter(institute__in=institutes, academic_year=year)
            .select_related("institute")
            .order_by("institute__name", "per", "period", "pk")
        ),
    )


@transaction.atomic
def facilitation_norms_save(
    *, norms: Norms, by: Person, removed: list[InstituteNorm] = ()
) -> Norms:
    """Save edited norms (all or nothing); ``removed`` institute norms are deleted."""
    for norm in norms.institutes:
        norm.academic_year = norms.year.academic_year
        if norm.institute.partnership_id != norms.year.partnership_id:
            raise ValueError("an institute of another partnership")
    for obj in (norms.year, *norms.categories, *norms.institutes):
        obj.full_clean()
        obj.save()
    for norm in removed:
        if norm.pk and norm.academic_year_id == norms.year.academic_year_id:
            norm.delete()
    return norms


def _units(schools: QuerySet) -> dict[int, tuple[tuple[str, int], str]]:
    """School id -> (unit key, unit name): a cluster that acts as one school is one unit."""
    units = {}
    for pk, name, cluster_id, cluster_name, as_one in schools.values_list(
        "pk", "name", "cluster_id", "cluster__name", "cluster__acts_as_one_school"
    ):
        if cluster_id and as_one:
            units[pk] = (("cluster", cluster_id), cluster_name)
        else:
            units[pk] = (("school", pk), name)
    return units


def _rows(*, partnership: Partnership, year: AcademicYear, units: dict) -> list[rules.PlacementRow]:
    """Every holding placement of the year (a student's share of the year needs all their
    placements, also those at schools outside the reader's scope)."""
    category = Coalesce(
        NullIf("student__facilitation_category_override", Value("")),
        "student__facilitation_category",
    )
    placements = list(
        holding_placements(partnership=partnership, year=year)
        .annotate(category=category)
        .values_list(
            "student_id",
            "school_id",
            "category",
            "start",
            "student__programme_variant",
            "werkplekbegeleider_id",
            "schoolopleider_id",
            "student__institute_id",
        )
    )
    halves = rules.year_halves(
        [
            (student, start, variant == ProgrammeVariant.EDUCATIEVE_MINOR)
            for student, _school, _category, start, variant, *_rest in placements
        ]
    )
    return [
        rules.PlacementRow(
            student_id=student,
            unit=units[school][0] if school in units else ("school", school),
            category=category,
            halves=covered,
            wpb_id=wpb,
            schoolopleider_id=so,
            institute_id=institute,
        )
        for (student, school, category, _start, _variant, wpb, so, institute), covered in zip(
            placements, halves, strict=True
        )
    ]


def facilitation_table(
    *, partnership: Partnership, year: AcademicYear, scope: Scope, norms: Norms
) -> Table:
    """Hours per school (or cluster acting as one school), per person and per institute. Every
    active school in scope gets the base hours, with or without students."""
    by_category = norms.by_category
    units = _units(scope.schools)
    rows = _rows(partnership=partnership, year=year, units=units)
    active = set(scope.schools.filter(is_active=True).values_list("pk", flat=True))
    in_scope = {key for key, _name in units.values()}
    names = {key: name for key, name in units.values()}
    per_school = rules.hours_per_school(
        rows,
        by_category,
        norms.year.school_base_hours,
        units={key for pk, (key, _name) in units.items() if pk in active},
    )
    schools = [Line(names[key], hours=h) for key, h in per_school.items() if key in in_scope]
    mine = [row for row in rows if row.unit in in_scope]
    people: list[Line] = []
    if scope.show_people:
        people = _people(rows, in_scope, by_category, names)
    institutes = []
    if scope.show_institutes:
        students = rules.students_per_institute(rows)
        for institute in norms.organisations:
            line = Line(institute.name, students=students.get(institute.pk, Decimal(0)))
            line.norms = norms.of_institute(institute)
            data = [institute_norm_data(n) for n in line.norms]
            hours = rules.institute_hours(line.students, data, norms.year.weeks_per_year)
            institutes.append((line, hours))
    return Table(
        schools=sorted(schools, key=lambda line: line.name.lower()),
        people=people,
        institutes=institutes,
        without_category=sum(1 for r in mine if r.category not in by_category),
        without_wpb=sum(1 for r in mine if not r.wpb_id),
    )


def _people(rows, in_scope, by_category, names) -> list[Line]:
    """Hours per wpb and schoolopleider for the placements in scope (shares of the year are
    computed over all of a student's placements first)."""
    wpb = rules.hours_per_person(
        [replace(r, schoolopleider_id=None) for r in rows], by_category, only=in_scope
    )
    so = rules.hours_per_person([replace(r, wpb_id=None) for r in rows], by_category, only=in_scope)
    people = Person.objects.filter(pk__in=set(wpb) | set(so))
    person_names = {p.pk: str(p) for p in people.only("first_name", "tussenvoegsel", "last_name")}
    lines: dict[int, Line] = {pk: Line(person_names.get(pk, "?")) for pk in set(wpb) | set(so)}
    for pk, hours in wpb.items():
        lines[pk].wpb = hours
    for pk, hours in so.items():
        lines[pk].so = hours
    for row in rows:
        if row.unit not in in_scope:
            continue
        for pk in (row.wpb_id, row.schoolopleider_id):
            if pk:
                lines[pk].schools.add(names[row.unit])
    for line in lines.values():
        line.schools = sorted(line.schools)
    return sorted(lines.values(), key=lambda line: line.name.lower())
