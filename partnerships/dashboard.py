"""'What needs my attention now', per role. Each provider returns cards for the roles it serves;
later apps append their providers to ``PROVIDERS``."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Window
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import selectors
from .access import INSTITUTE_LEADS, MANAGERS, STUDENT, Access
from .glossary import OrganisationKind, Role
from .models import Partnership, PupilCount, RoleAssignment


@dataclass
class Card:
    title: str
    items: list = field(default_factory=list)  # (label, url or "") pairs
    empty: str = ""
    level: str = "warning"  # warning, info, success
    count: int | None = None


def _url(partnership, name, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def first_and_count(queryset, n=10) -> tuple[list, int]:
    """The first ``n`` rows of ``queryset`` and how many rows it has, in one query (a window
    count over the whole result, computed before the limit)."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:n])
    return rows, rows[0].total_rows if rows else 0


def manager_cards(access: Access, partnership: Partnership) -> list[Card]:
    if not access.roles(partnership) & MANAGERS:
        return []
    year = access.current_year()
    schools = partnership.organisations.filter(kind=OrganisationKind.SCHOOL, is_active=True)
    counted = PupilCount.objects.filter(academic_year=year).values("organisation")
    no_pupils = schools.exclude(pk__in=counted)
    no_coord = selectors.schools_without_coordinator(partnership=partnership)
    students = partnership.students.filter(is_active=True)
    no_school = students.filter(school__isnull=True).select_related("person")
    no_fac = students.filter(
        facilitation_category="", facilitation_category_override=""
    ).select_related("person")
    overridden = students.exclude(
        subsidy_category_override="", facilitation_category_override=""
    ).select_related("person")
    soon = access.today + datetime.timedelta(days=30)
    ending = (
        RoleAssignment.objects.active(access.today)
        .filter(partnership=partnership, valid_until__lte=soon)
        .select_related("person", "organisation", "partnership")
    )
    org_url = "partnerships:organisation_detail"
    student_url = "partnerships:student_detail"
    no_school, no_school_count = first_and_count(no_school)
    no_fac, no_fac_count = first_and_count(no_fac)
    overridden, overridden_count = first_and_count(overridden)
    ending, ending_count = first_and_count(ending)
    return [
        Card(
            _("Schools without a pupil count for %(year)s") % {"year": year},
            [(s.name, _url(partnership, org_url, pk=s.pk)) for s in no_pupils],
            _("Every school has its pupil count."),
        ),
        Card(
            _("Schools without a schoolcoördinator"),
            [(s.name, _url(partnership, org_url, pk=s.pk)) for s in no_coord],
            _("Every school has a schoolcoördinator."),
        ),
        Card(
            _("Active students without a school"),
            [(str(s), _url(partnership, student_url, pk=s.pk)) for s in no_school],
            _("Every active student has a school."),
            count=no_school_count,
        ),
        Card(
            _("Students without a facilitation category"),
            [(str(s), _url(partnership, student_url, pk=s.pk)) for s in no_fac],
            _("Every student has a facilitation category."),
            count=no_fac_count,
        ),
        Card(
            _("Categories overridden by hand"),
            [(str(s), _url(partnership, student_url, pk=s.pk)) for s in overridden],
            _("No overrides."),
            level="info",
            count=overridden_count,
        ),
        Card(
            _("Roles ending within 30 days"),
            [(str(r), "") for r in ending],
            _("No roles end soon."),
            level="info",
            count=ending_count,
        ),
    ]


def school_cards(access: Access, partnership: Partnership) -> list[Card]:
    schools = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR, Role.SCHOOLOPLEIDER})
    if not schools or access.roles(partnership) & MANAGERS:
        return []
    qs = partnership.organisations.filter(pk__in=schools)
    sections = selectors.sections_without_certified_wpb(schools=qs)
    students = access.students(partnership).filter(is_active=True, school__in=schools)
    no_wpb = students.filter(werkplekbegeleider__isnull=True).select_related("person")
    return [
        Card(
            _("Sections without a certified werkplekbegeleider"),
            [
                (str(s), _url(partnership, "partnerships:organisation_detail", pk=s.school_id))
                for s in sections
            ],
            _("Every section that takes students has a certified werkplekbegeleider."),
        ),
        Card(
            _("Students at your school without a werkplekbegeleider"),
            [(str(s), _url(partnership, "partnerships:student_detail", pk=s.pk)) for s in no_wpb],
            _("Every student has a werkplekbegeleider."),
        ),
    ]


def guide_cards(access: Access, partnership: Partnership) -> list[Card]:
    roles = access.roles(partnership)
    if not roles & ({Role.WERKPLEKBEGELEIDER} | INSTITUTE_LEADS) or roles & MANAGERS:
        return []
    students = (
        access.students(partnership)
        .filter(is_active=True)
        .filter(
            Q(werkplekbegeleider=access.user)
            | Q(instituutsopleider=access.user)
            | Q(schoolopleider=access.user)
        )
        .select_related("person", "school")
    )
    return [
        Card(
            _("Students you guide"),
            [
                (
                    f"{s} — {s.school or _('no school yet')}",
                    _url(partnership, "partnerships:student_detail", pk=s.pk),
                )
                for s in students
            ],
            _("You guide no students at the moment."),
            level="info",
        )
    ]


def student_cards(access: Access, partnership: Partnership) -> list[Card]:
    if STUDENT not in access.roles(partnership):
        return []
    cards = []
    for student in access.students(partnership).filter(person=access.user):
        url = _url(partnership, "partnerships:student_detail", pk=student.pk)
        items = [(_("Your details"), url)]
        if not student.learning_goals:
            items.append(
                (
                    _(
                        "Your learning goals are still empty; discuss them with your "
                        "institute trainer."
                    ),
                    url,
                )
            )
        cards.append(Card(_("Your training"), items, level="info"))
    return cards


# Students per subsidy category: placements adds that card from the subsidy list itself.
PROVIDERS = [manager_cards, school_cards, guide_cards, student_cards]


def cards_for(access: Access, partnership: Partnership) -> list[Card]:
    cards = []
    for provider in PROVIDERS:
        cards.extend(provider(access, partnership))
    return cards
