"""Who a round invites: each ``Audience`` turned into members with the group they answer as and
the school, institute, category and level their answers are broken down by.

Reads the partnerships and placements models. Inactive people, inactive students and roles not
valid on the day are left out. A person who fits the audience twice (a schoolopleider who is
also a werkplekbegeleider) is invited once, as the group that comes first in ``PRIORITY``.

Some voices have no person in the product and are invited by e-mail address only: alumni who
consented to be asked (``AlumniContact``, not withdrawn) and a round's e-mail list
(``RoundAddress``, e.g. teachers without a role); one member per address. The bestuursraad and
the werkgroep are the current members of those governance bodies."""

import datetime
from dataclasses import dataclass

from partnerships.glossary import Role
from partnerships.governance.choices import BodyKind
from partnerships.governance.selectors import current_body_members
from partnerships.models import AcademicYear, Partnership, RoleAssignment
from placements import selectors as placement_selectors

from .choices import Audience, RespondentGroup

G = RespondentGroup

PRIORITY = [
    G.STEERING,
    G.BOARD,
    G.WORKING_GROUP,
    G.COORDINATOR,
    G.LEADER,
    G.SCHOOL_TRAINER,
    G.INSTITUTE_TRAINER,
    G.MENTOR,
    G.CO_DOCENT,
    G.STUDENT,
    G.TEACHER,
    G.ALUMNUS,
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
    Audience.INSTITUTE_TRAINERS: (Role.INSTITUUTSOPLEIDER,),
    Audience.SCHOOL_LEADERS: (Role.LEIDINGGEVENDE,),
}
BODY_AUDIENCES = {
    Audience.BOARD_COUNCIL: (BodyKind.BESTUURSRAAD, G.BOARD),
    Audience.WORKING_GROUP: (BodyKind.WERKGROEP, G.WORKING_GROUP),
}
# invited by e-mail address, not as a person
ADDRESS_AUDIENCES = {Audience.ALUMNI, Audience.EMAIL_LIST}
WITH_STUDENTS = {Audience.STUDENTS, Audience.SCHOOL_COMMUNITY}


@dataclass(frozen=True)
class Member:
    person_id: int | None
    group: str
    school_id: int | None = None
    institute_id: int | None = None
    category: str = ""
    level: str = ""
    email: str = ""  # only for a member without a person (lower case)

    @property
    def identity(self) -> tuple:
        return ("person", self.person_id) if self.person_id else ("address", self.email)


def dedupe(members) -> list[Member]:
    """One member per person (or address): the first by group priority, then by the order
    given."""
    rank = {group: i for i, group in enumerate(PRIORITY)}
    chosen: dict[tuple, Member] = {}
    for member in members:
        current = chosen.get(member.identity)
        if current is None or rank[member.group] < rank[current.group]:
            chosen[member.identity] = member
    return sorted(chosen.values(), key=lambda m: (m.person_id is None, m.person_id or 0, m.email))


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


def body_members(partnership: Partnership, audience: str, today: datetime.date) -> list[Member]:
    kind, group = BODY_AUDIENCES[audience]
    rows = current_body_members(partnership, kind, today)
    return [Member(person, group) for person, _org in rows]


def alumni_members(partnership: Partnership, today: datetime.date) -> list[Member]:
    """Alumni whose consent was given by ``today`` and not withdrawn; grouped by institute."""
    from .models import AlumniContact

    rows = (
        AlumniContact.objects.filter(partnership=partnership, consent_on__lte=today)
        .exclude(withdrawn_on__lte=today)
        .order_by("email")
        .values_list("email", "institute_id")
    )
    return [Member(None, G.ALUMNUS, institute_id=inst, email=email.lower()) for email, inst in rows]


def list_members(survey_round) -> list[Member]:
    rows = survey_round.addresses.order_by("email").values_list("email", "school_id")
    return [
        Member(None, G.TEACHER, school_id=school, email=email.lower()) for email, school in rows
    ]


def audience_members(
    *,
    partnership: Partnership,
    audience: str,
    year: AcademicYear,
    today: datetime.date,
    survey_round=None,
) -> list[Member]:
    if audience in BODY_AUDIENCES:
        return dedupe(body_members(partnership, audience, today))
    if audience == Audience.ALUMNI:
        return dedupe(alumni_members(partnership, today))
    if audience == Audience.EMAIL_LIST:
        return dedupe(list_members(survey_round)) if survey_round is not None else []
    members = list(role_members(partnership, AUDIENCE_ROLES[audience], today))
    if audience in WITH_STUDENTS:
        members += student_members(partnership, year)
    return dedupe(members)
