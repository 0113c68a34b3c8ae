"""Who a round invites: each ``Audience`` turned into members with the group they answer as and
the school, institute, category and level their answers are broken down by.

Reads the partnerships and placements models. Inactive people, inactive students and roles not
valid on the day are left out. A person who fits the audience twice (a schoolopleider who is
also a werkplekbegeleider) is invited once, as the group that comes first in ``PRIORITY``."""

import datetime
from dataclasses import dataclass

from partnerships.glossary import Role
from partnerships.models import AcademicYear, Partnership, RoleAssignment
from placements import selectors as placement_selectors

from .choices import Audience, RespondentGroup

G = RespondentGroup

PRIORITY = [
    G.STEERING,
    G.COORDINATOR,
    G.LEADER,
    G.SCHOOL_TRAINER,
    G.INSTITUTE_TRAINER,
    G.MENTOR,
    G.CO_DOCENT,
    G.STUDENT,
    G.OTHER,
]

# role → (group, the organisation is a school / an institute / none)
ROLE_GROUPS = {
    Role.WERKPLEKBEGELEIDER: (G.MENTOR, "school"),
    Role.SCHOOLOPLEIDER: (G.SCHOOL_TRAINER, "school"),
    Role.INSTITUUTSOPLEIDER: (G.INSTITUTE_TRAINER, "institute"),
    Role.CO_DOCENT: (G.CO_DOCENT, "school"),
    Role.SCHOOLCOORDINATOR: (G.COORDINATOR, "school"),
    Role.INSTITUUTSCOORDINATOR: (G.COORDINATOR, "institute"),
    Role.LEIDINGGEVENDE: (G.LEADER, "school"),
    Role.STUURGROEPLID: (G.STEERING, ""),
}

AUDIENCE_ROLES = {
    Audience.STUDENTS: (),
    Audience.MENTORS: (Role.WERKPLEKBEGELEIDER,),
    Audience.TRAINERS: (Role.SCHOOLOPLEIDER, Role.INSTITUUTSOPLEIDER),
    Audience.CO_DOCENTEN: (Role.CO_DOCENT,),
    Audience.COORDINATORS: (Role.SCHOOLCOORDINATOR, Role.INSTITUUTSCOORDINATOR),
    Audience.STEERING_GROUP: (Role.STUURGROEPLID,),
    Audience.SCHOOL_COMMUNITY: (
        Role.LEIDINGGEVENDE,
        Role.SCHOOLOPLEIDER,
        Role.WERKPLEKBEGELEIDER,
        Role.CO_DOCENT,
        Role.INSTITUUTSOPLEIDER,
    ),
}
WITH_STUDENTS = {Audience.STUDENTS, Audience.SCHOOL_COMMUNITY}


@dataclass(frozen=True)
class Member:
    person_id: int
    group: str
    school_id: int | None = None
    institute_id: int | None = None
    category: str = ""
    level: str = ""


def dedupe(members) -> list[Member]:
    """One member per person: the first by group priority, then by the order given."""
    rank = {group: i for i, group in enumerate(PRIORITY)}
    chosen: dict[int, Member] = {}
    for member in members:
        current = chosen.get(member.person_id)
        if current is None or rank[member.group] < rank[current.group]:
            chosen[member.person_id] = member
    return sorted(chosen.values(), key=lambda m: m.person_id)


def student_members(partnership: Partnership, year: AcademicYear) -> list[Member]:
    """Every active student with a placement (not cancelled) in ``year``: the school of the
    placement (the first by start when there are two), the institute, the effective subsidy
    category and the placement's hbo/wo level."""
    rows = (
        placement_selectors.placements_of_active_students(partnership=partnership, year=year)
        .order_by("student_id", "-start", "pk")  # "september" sorts after "february"
        .values_list(
            "student__person_id",
            "school_id",
            "student__institute_id",
            "student__subsidy_category_override",
            "student__subsidy_category",
            "level",
        )
    )
    return [
        Member(person, G.STUDENT, school, institute, override or derived, level)
        for person, school, institute, override, derived, level in rows
    ]


def role_members(partnership: Partnership, roles, today: datetime.date) -> list[Member]:
    rows = (
        RoleAssignment.objects.active(today)
        .filter(partnership=partnership, role__in=list(roles))
        .order_by("person_id", "organisation_id", "pk")
        .values_list("person_id", "role", "organisation_id")
    )
    members = []
    for person, role, org in rows:
        group, kind = ROLE_GROUPS[role]
        members.append(
            Member(
                person,
                group,
                school_id=org if kind == "school" else None,
                institute_id=org if kind == "institute" else None,
            )
        )
    return members


def audience_members(
    *, partnership: Partnership, audience: str, year: AcademicYear, today: datetime.date
) -> list[Member]:
    members = list(role_members(partnership, AUDIENCE_ROLES[audience], today))
    if audience in WITH_STUDENTS:
        members += student_members(partnership, year)
    return dedupe(members)
