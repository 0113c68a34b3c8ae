"""The access layer: which partnerships, organisations, people and students a user may see,
and which actions they may take. Every view asks here; no view filters by hand.

Rules (per partnership, from the user's *active* role assignments):

* stagecoördinator, programme manager, administrator (MANAGERS) see the whole partnership;
* steering group, board council and working group members (GOVERNANCE) read partnership-level
  reports and the list of organisations, not individual students or people;
* schoolcoördinator, schoolopleider and school leader see their school (cluster schools included
  for a schoolcoördinator) and the students placed there;
* a werkplekbegeleider sees the students they guide; co-docenten and assessors their school;
* instituutsopleider and instituutscoördinator see their institute and its students;
* a student sees only their own records.

A partnership the user has nothing to do with, or an object outside their scope, is answered
with 404 by the views (the queryset simply does not contain it); a page they may reach the
partnership of but lack the role for is answered with 403.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from .glossary import Role
from .models import AcademicYear, Organisation, Partnership, Person, RoleAssignment, Student

R = Role
MANAGERS = frozenset({R.STAGECOORDINATOR, R.PROGRAMMAMANAGER, R.ADMINISTRATIEF_ONDERSTEUNER})
GOVERNANCE = frozenset({R.STUURGROEPLID, R.BESTUURSRAADLID, R.WERKGROEPLID})
SCHOOL_LEADS = frozenset({R.SCHOOLCOORDINATOR, R.SCHOOLOPLEIDER, R.LEIDINGGEVENDE})
SCHOOL_STAFF = SCHOOL_LEADS | {R.WERKPLEKBEGELEIDER, R.CO_DOCENT, R.ASSESSOR}
INSTITUTE_STAFF = frozenset({R.INSTITUUTSOPLEIDER, R.INSTITUUTSCOORDINATOR, R.INSTITUUTSASSESSOR})
INSTITUTE_LEADS = frozenset({R.INSTITUUTSOPLEIDER, R.INSTITUUTSCOORDINATOR})
STUDENT = "student"  # pseudo-role: the user has a student record in the partnership


_MEMBERSHIP_SQL = f"""
SELECT ra.role, ra.partnership_id, ra.organisation_id
  FROM {RoleAssignment._meta.db_table} ra
  JOIN {Person._meta.db_table} pe ON pe.id = ra.person_id
 WHERE ra.person_id = %s AND pe.is_active
   AND (ra.valid_from IS NULL OR ra.valid_from <= %s)
   AND (ra.valid_until IS NULL OR ra.valid_until >= %s)
UNION ALL
SELECT %s, s.partnership_id, s.id
  FROM {Student._meta.db_table} s
 WHERE s.person_id = %s AND s.is_active
"""


_PARTNERSHIPS_SQL = (
    f"SELECT * FROM {Partnership._meta.db_table} WHERE id = ANY(%s) ORDER BY name, id"
)


class Action(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_ORGANISATIONS = "view_organisations"
    MANAGE_ORGANISATIONS = "manage_organisations"
    MANAGE_SECTIONS = "manage_sections"
    VIEW_PEOPLE = "view_people"
    MANAGE_PEOPLE = "manage_people"
    VIEW_STUDENTS = "view_students"
    MANAGE_STUDENTS = "manage_students"
    OVERRIDE_CATEGORY = "override_category"
    IMPORT_DATA = "import_data"
    VIEW_REPORTS = "view_reports"
    MANAGE_API_TOKENS = "manage_api_tokens"


_ANY_STAFF = MANAGERS | GOVERNANCE | SCHOOL_STAFF | INSTITUTE_STAFF
ACTION_ROLES: dict[Action, frozenset[str]] = {
    Action.VIEW_DASHBOARD: _ANY_STAFF | {STUDENT},
    Action.VIEW_ORGANISATIONS: _ANY_STAFF,
    Action.MANAGE_ORGANISATIONS: MANAGERS,
    Action.MANAGE_SECTIONS: MANAGERS | {R.SCHOOLCOORDINATOR},
    Action.VIEW_PEOPLE: MANAGERS | {R.SCHOOLCOORDINATOR, R.INSTITUUTSCOORDINATOR},
    Action.MANAGE_PEOPLE: MANAGERS,
    Action.VIEW_STUDENTS: MANAGERS | SCHOOL_STAFF | INSTITUTE_LEADS | {STUDENT},
    Action.MANAGE_STUDENTS: MANAGERS | {R.INSTITUUTSCOORDINATOR},
    Action.OVERRIDE_CATEGORY: frozenset({R.ADMINISTRATIEF_ONDERSTEUNER, R.PROGRAMMAMANAGER}),
    Action.IMPORT_DATA: MANAGERS,
    Action.VIEW_REPORTS: MANAGERS | GOVERNANCE,
    # an institute's API tokens: its own coordinator, or the partnership's stagecoördinator
    Action.MANAGE_API_TOKENS: frozenset({R.STAGECOORDINATOR, R.INSTITUUTSCOORDINATOR}),
}


@dataclass
class _Membership:
    roles: set[str] = field(default_factory=set)
    org_ids_by_role: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    student_ids: set[int] = field(default_factory=set)


class Access:
    """Everything the access layer knows about one user; built once per request."""

    def __init__(self, user: Person, today: datetime.date | None = None):
        self.user = user
        self.today = today or timezone.localdate()
        self._by_partnership: dict[int, _Membership] = defaultdict(_Membership)
        self._partnership_list: list[Partnership] | None = None
        self._current_year: AcademicYear | None = None
        if not user.is_authenticated or not user.is_active:
            return
        # One round trip for the roles and the student records (this runs on every page):
        # (role, partnership, organisation) rows of the roles active today
        # (``RoleAssignmentQuerySet.active``), and (STUDENT, partnership, student) rows. Plain SQL
        # of fixed text: composing the same union with the ORM cost more than running it.
        with connection.cursor() as cursor:
            cursor.execute(_MEMBERSHIP_SQL, [user.pk, self.today, self.today, STUDENT, user.pk])
            rows = cursor.fetchall()
        for role, partnership_id, other_id in rows:
            membership = self._by_partnership[partnership_id]
            membership.roles.add(role)
            if role == STUDENT:
                membership.student_ids.add(other_id)
            elif other_id:
                membership.org_ids_by_role[role].add(other_id)

    # --- partnerships and roles -------------------------------------------------------------
    @property
    def is_platform_admin(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active and self.user.is_superuser)

    def partnerships(self) -> QuerySet[Partnership]:
        if self.is_platform_admin:
            return Partnership.objects.all()
        return Partnership.objects.filter(pk__in=list(self._by_partnership))

    def partnership_list(self) -> list[Partnership]:
        """``partnerships()`` read once per request: the page's partnership and the layout's
        "switch partnership" both come from it."""
        if self._partnership_list is None:
            if self.is_platform_admin:
                self._partnership_list = list(self.partnerships())
            else:  # the same rows as partnerships(), without composing a query on every page
                ids = list(self._by_partnership)
                self._partnership_list = list(Partnership.objects.raw(_PARTNERSHIPS_SQL, [ids]))
        return self._partnership_list

    def partnership_by_slug(self, slug: str) -> Partnership | None:
        return next((p for p in self.partnership_list() if p.slug == slug), None)

    def roles(self, partnership: Partnership) -> frozenset[str]:
        if self.is_platform_admin:
            return MANAGERS | GOVERNANCE
        membership = self._by_partnership.get(partnership.pk)
        return frozenset(membership.roles) if membership else frozenset()

    def assigned_roles(self, partnership: Partnership) -> frozenset[str]:
        """The roles the user holds by an active role assignment here: ``roles`` without the
        platform administrator's implied roles and without STUDENT (read with the rest, no
        query)."""
        membership = self._by_partnership.get(partnership.pk)
        return frozenset(membership.roles - {STUDENT}) if membership else frozenset()

    def current_year(self) -> AcademicYear:
        """``AcademicYear.current(today)``, read once per request (several dashboard cards
        want it)."""
        if self._current_year is None:
            self._current_year = AcademicYear.current(self.today)
        return self._current_year

    def has_role(self, partnership: Partnership, *roles: str) -> bool:
        return bool(self.roles(partnership) & set(roles))

    def can(self, partnership: Partnership, action: Action) -> bool:
        return bool(self.roles(partnership) & ACTION_ROLES[action])

    def own_student_id(self, partnership: Partnership) -> int | None:
        """The user's own student record when they are only a student here (no staff role)."""
        membership = self._by_partnership.get(partnership.pk)
        if self.is_platform_admin or not membership or membership.roles != {STUDENT}:
            return None
        return min(membership.student_ids)

    def sees_whole_partnership(self, partnership: Partnership) -> bool:
        return bool(self.roles(partnership) & MANAGERS)

    def _org_ids(self, partnership: Partnership, roles) -> set[int]:
        membership = self._by_partnership.get(partnership.pk)
        if not membership:
            return set()
        ids: set[int] = set()
        for role in roles:
            ids |= membership.org_ids_by_role.get(role, set())
        return ids

    def own_school_ids(self, partnership: Partnership, roles=SCHOOL_STAFF) -> set[int]:
        """Schools where the user holds one of ``roles``, with the cluster schools of a
        schoolcoördinator (a cluster acts as one school and shares its coordinator)."""
        ids = self._org_ids(partnership, roles)
        coordinated = self._org_ids(partnership, {R.SCHOOLCOORDINATOR}) & ids
        if coordinated:
            clusters = Organisation.objects.filter(
                pk__in=coordinated, cluster__isnull=False
            ).values("cluster")
            ids |= set(
                Organisation.objects.filter(cluster__in=clusters).values_list("pk", flat=True)
            )
        return ids

    # --- scoped querysets -------------------------------------------------------------------
    def organisations(self, partnership: Partnership) -> QuerySet[Organisation]:
        qs = Organisation.objects.filter(partnership=partnership)
        roles = self.roles(partnership)
        if roles & (MANAGERS | GOVERNANCE):
            return qs
        ids = self.own_school_ids(partnership) | self._org_ids(partnership, INSTITUTE_STAFF)
        return qs.filter(pk__in=ids)

    def manageable_section_schools(self, partnership: Partnership) -> QuerySet[Organisation]:
        qs = Organisation.objects.filter(partnership=partnership, kind="school")
        if self.sees_whole_partnership(partnership):
            return qs
        return qs.filter(pk__in=self.own_school_ids(partnership, {R.SCHOOLCOORDINATOR}))

    def students(self, partnership: Partnership) -> QuerySet[Student]:
        qs = Student.objects.filter(partnership=partnership)
        roles = self.roles(partnership)
        if roles & MANAGERS:
            return qs
        condition = Q(pk__in=[])
        membership = self._by_partnership.get(partnership.pk)
        if membership and membership.student_ids:
            condition |= Q(pk__in=membership.student_ids)
        if roles & (SCHOOL_LEADS | {R.CO_DOCENT, R.ASSESSOR}):
            schools = self.own_school_ids(partnership, SCHOOL_LEADS | {R.CO_DOCENT, R.ASSESSOR})
            condition |= Q(school__in=schools)
        if R.WERKPLEKBEGELEIDER in roles:
            condition |= Q(werkplekbegeleider=self.user)
        if roles & INSTITUTE_LEADS:
            condition |= Q(institute__in=self._org_ids(partnership, INSTITUTE_LEADS))
        return qs.filter(condition)

    def manageable_students(self, partnership: Partnership) -> QuerySet[Student]:
        qs = Student.objects.filter(partnership=partnership)
        if self.sees_whole_partnership(partnership):
            return qs
        return qs.filter(institute__in=self._org_ids(partnership, {R.INSTITUUTSCOORDINATOR}))

    def manageable_institutes(self, partnership: Partnership) -> QuerySet[Organisation]:
        qs = Organisation.objects.filter(partnership=partnership, kind="institute")
        if self.sees_whole_partnership(partnership):
            return qs
        return qs.filter(pk__in=self._org_ids(partnership, {R.INSTITUUTSCOORDINATOR}))

    def people(self, partnership: Partnership) -> QuerySet[Person]:
        """People with a role or a student record in the partnership, as far as visible."""
        in_partnership = Q(roles__partnership=partnership) | Q(
            student_records__partnership=partnership
        )
        if self.sees_whole_partnership(partnership):
            ids = Person.objects.filter(in_partnership).values("pk")
            return Person.objects.filter(pk__in=ids)
        orgs = self.own_school_ids(partnership, {R.SCHOOLCOORDINATOR}) | self._org_ids(
            partnership, {R.INSTITUUTSCOORDINATOR}
        )
        staff = Q(roles__partnership=partnership, roles__organisation__in=orgs)
        students = Q(student_records__in=self.students(partnership))
        yourself = Q(pk=self.user.pk) & in_partnership
        ids = Person.objects.filter(staff | students | yourself).values("pk")
        return Person.objects.filter(pk__in=ids)

    def role_assignments(self, partnership: Partnership) -> QuerySet[RoleAssignment]:
        qs = RoleAssignment.objects.filter(partnership=partnership)
        if self.sees_whole_partnership(partnership):
            return qs
        return qs.filter(person__in=self.people(partnership))


def get_access(request) -> Access:
    """The request's Access, built once."""
    access = getattr(request, "_access", None)
    if access is None or access.user != request.user:
        access = Access(request.user)
        request._access = access
    return access
