"""Who may do what in the training programme. Registered into ``partnerships.access`` when the
app loads. Object rules (which students' attendance, which sessions a facilitator registers) live
in the programme's selectors: trainers see the students the access layer lets them see."""

from enum import StrEnum

from partnerships.access import (
    GOVERNANCE,
    INSTITUTE_LEADS,
    INSTITUTE_STAFF,
    MANAGERS,
    SCHOOL_STAFF,
    STUDENT,
)
from partnerships.glossary import Role as R


class ProgrammeAction(StrEnum):
    VIEW_PROGRAMME = "view_programme"  # events, sessions, booklet, own calendar feed
    MANAGE_PROGRAMME = "manage_programme"  # events, slots, sessions, groups, pairs, packages
    SIGN_UP = "sign_up"  # a student chooses sessions
    TAKE_ATTENDANCE = "take_attendance"  # facilitators (their sessions) and organisers
    VIEW_ATTENDANCE = "view_attendance"  # mandatory attendance of the students one guides
    VIEW_GROUPS = "view_groups"
    LOG_WEBINARS = "log_webinars"
    VIEW_WEBINARS = "view_webinars"
    VIEW_CODOCENT_HOURS = "view_codocent_hours"


ORGANISERS = frozenset({R.PROGRAMMAMANAGER, R.ADMINISTRATIEF_ONDERSTEUNER})
GUIDES = frozenset(
    {
        R.WERKPLEKBEGELEIDER,
        R.SCHOOLOPLEIDER,
        R.SCHOOLCOORDINATOR,
        R.INSTITUUTSOPLEIDER,
        R.INSTITUUTSCOORDINATOR,
    }
)
FACILITATORS = frozenset({R.CO_DOCENT, R.SCHOOLOPLEIDER, R.INSTITUUTSOPLEIDER})

PROGRAMME_ACTION_ROLES = {
    ProgrammeAction.VIEW_PROGRAMME: MANAGERS
    | GOVERNANCE
    | SCHOOL_STAFF
    | INSTITUTE_STAFF
    | {STUDENT},
    ProgrammeAction.MANAGE_PROGRAMME: ORGANISERS,
    ProgrammeAction.SIGN_UP: frozenset({STUDENT}),
    ProgrammeAction.TAKE_ATTENDANCE: ORGANISERS | FACILITATORS,
    ProgrammeAction.VIEW_ATTENDANCE: MANAGERS | GUIDES,
    ProgrammeAction.VIEW_GROUPS: MANAGERS | GUIDES | INSTITUTE_LEADS | {STUDENT},
    ProgrammeAction.LOG_WEBINARS: frozenset({STUDENT}),
    ProgrammeAction.VIEW_WEBINARS: MANAGERS | GUIDES | {STUDENT},
    ProgrammeAction.VIEW_CODOCENT_HOURS: MANAGERS | GOVERNANCE | {R.SCHOOLCOORDINATOR, R.CO_DOCENT},
}
