"""Who may do what in placements. Registered into the shared access layer
(``partnerships.access.ACTION_ROLES``) when the app loads; object scoping (which school's
capacity, which students' preferences) is in ``placements.selectors``."""

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


class PlacementAction(StrEnum):
    VIEW_PLACEMENT_YEAR = "view_placement_year"
    VIEW_QUOTA = "view_quota"
    MANAGE_QUOTA = "manage_quota"
    APPROVE_QUOTA = "approve_quota"
    VIEW_CAPACITY = "view_capacity"
    EDIT_CAPACITY = "edit_capacity"
    REQUEST_CAPACITY = "request_capacity"
    MANAGE_DIVISION = "manage_division"
    APPROVE_DIVISION = "approve_division"
    VIEW_PLACES = "view_places"
    ENTER_PREFERENCES = "enter_preferences"
    RUN_ALLOCATION = "run_allocation"
    VIEW_PLACEMENTS = "view_placements"
    MANAGE_PLACEMENTS = "manage_placements"
    VIEW_CALENDAR = "view_calendar"
    VIEW_FACILITATION = "view_facilitation"
    VIEW_TRANSFER_FORMS = "view_transfer_forms"
    MANAGE_TRANSFER_SETTINGS = "manage_transfer_settings"
    VIEW_SUBSIDY_LIST = "view_subsidy_list"
    EXPORT_SUBSIDY_LIST = "export_subsidy_list"
    TAKE_SUBSIDY_SNAPSHOT = "take_subsidy_snapshot"
    VIEW_SCHOOL_PROFILES = "view_school_profiles"
    MANAGE_TRAVEL_TIMES = "manage_travel_times"
    VIEW_GUIDANCE = "view_guidance"
    MANAGE_GUIDANCE_NORMS = "manage_guidance_norms"
    VIEW_FUNDING = "view_funding"
    MANAGE_SUBSIDY_AMOUNTS = "manage_subsidy_amounts"
    DECIDE_DISTRIBUTION_KEY = "decide_distribution_key"
    RECORD_FUNDING_PAYMENTS = "record_funding_payments"
    VIEW_FUNDING_STATEMENT = "view_funding_statement"


SCHOOL_COORDINATION = frozenset({R.SCHOOLCOORDINATOR})
SCHOOL_LEADS = frozenset({R.SCHOOLCOORDINATOR, R.SCHOOLOPLEIDER, R.LEIDINGGEVENDE})
PLANNERS = frozenset({R.STAGECOORDINATOR, R.PROGRAMMAMANAGER})

PLACEMENT_ACTION_ROLES = {
    PlacementAction.VIEW_PLACEMENT_YEAR: MANAGERS | GOVERNANCE | SCHOOL_LEADS | INSTITUTE_LEADS,
    PlacementAction.VIEW_QUOTA: MANAGERS | GOVERNANCE | SCHOOL_LEADS,
    PlacementAction.MANAGE_QUOTA: PLANNERS,
    PlacementAction.APPROVE_QUOTA: frozenset({R.STUURGROEPLID}),
    PlacementAction.VIEW_CAPACITY: MANAGERS | SCHOOL_COORDINATION,
    PlacementAction.EDIT_CAPACITY: PLANNERS | SCHOOL_COORDINATION,
    PlacementAction.REQUEST_CAPACITY: PLANNERS,
    PlacementAction.MANAGE_DIVISION: PLANNERS,
    PlacementAction.APPROVE_DIVISION: frozenset({R.PROGRAMMAMANAGER, R.BESTUURSRAADLID}),
    PlacementAction.VIEW_PLACES: MANAGERS | SCHOOL_LEADS | INSTITUTE_STAFF,
    PlacementAction.ENTER_PREFERENCES: PLANNERS
    | {R.INSTITUUTSOPLEIDER, R.INSTITUUTSCOORDINATOR, STUDENT},
    PlacementAction.RUN_ALLOCATION: PLANNERS,
    PlacementAction.VIEW_PLACEMENTS: MANAGERS
    | SCHOOL_LEADS
    | INSTITUTE_LEADS
    | {R.WERKPLEKBEGELEIDER, STUDENT},
    PlacementAction.MANAGE_PLACEMENTS: PLANNERS | SCHOOL_COORDINATION | {R.INSTITUUTSCOORDINATOR},
    PlacementAction.VIEW_CALENDAR: MANAGERS | SCHOOL_COORDINATION | INSTITUTE_LEADS,
    PlacementAction.VIEW_FACILITATION: MANAGERS | GOVERNANCE | SCHOOL_COORDINATION,
    # Transfer forms: the role opens the door; ``placements.transfer.access`` decides which forms
    # (the student, the placement's guides, the school's coordinator, the receiving school).
    PlacementAction.VIEW_TRANSFER_FORMS: MANAGERS
    | {
        R.SCHOOLCOORDINATOR,
        R.SCHOOLOPLEIDER,
        R.WERKPLEKBEGELEIDER,
        R.INSTITUUTSOPLEIDER,
        STUDENT,
    },
    PlacementAction.MANAGE_TRANSFER_SETTINGS: PLANNERS,
    # Subsidy category lists: the administrator and programme manager read and export them;
    # the stagecoördinator reads them and hands over the snapshots (procedure step 15).
    PlacementAction.VIEW_SUBSIDY_LIST: MANAGERS,
    PlacementAction.EXPORT_SUBSIDY_LIST: frozenset(
        {R.ADMINISTRATIEF_ONDERSTEUNER, R.PROGRAMMAMANAGER}
    ),
    PlacementAction.TAKE_SUBSIDY_SNAPSHOT: frozenset({R.STAGECOORDINATOR}),
    # School profiles (002 §3.1 voorlichting): whoever states preferences, and the schools.
    PlacementAction.VIEW_SCHOOL_PROFILES: MANAGERS
    | SCHOOL_LEADS
    | {R.INSTITUUTSOPLEIDER, R.INSTITUUTSCOORDINATOR, STUDENT},
    PlacementAction.MANAGE_TRAVEL_TIMES: PLANNERS,
    # Guidance logs: every role opens the door, so that anyone who is not the placement's
    # student or one of its guides gets 404 (``placements.guidance.access``), as for a forged id.
    PlacementAction.VIEW_GUIDANCE: MANAGERS
    | GOVERNANCE
    | SCHOOL_STAFF
    | INSTITUTE_STAFF
    | {STUDENT},
    PlacementAction.MANAGE_GUIDANCE_NORMS: PLANNERS,
    # Money (issue 19): the administrator enters the subsidy amounts and the payments, the
    # programme manager follows them, the stuurgroep decides the distribution key; a school's
    # or institute's coordinator reads the statement of their own organisation.
    PlacementAction.VIEW_FUNDING: frozenset(
        {R.ADMINISTRATIEF_ONDERSTEUNER, R.PROGRAMMAMANAGER, R.STUURGROEPLID}
    ),
    PlacementAction.MANAGE_SUBSIDY_AMOUNTS: frozenset(
        {R.ADMINISTRATIEF_ONDERSTEUNER, R.PROGRAMMAMANAGER}
    ),
    PlacementAction.DECIDE_DISTRIBUTION_KEY: frozenset({R.STUURGROEPLID}),
    PlacementAction.RECORD_FUNDING_PAYMENTS: frozenset({R.ADMINISTRATIEF_ONDERSTEUNER}),
    PlacementAction.VIEW_FUNDING_STATEMENT: frozenset(
        {
            R.ADMINISTRATIEF_ONDERSTEUNER,
            R.PROGRAMMAMANAGER,
            R.STUURGROEPLID,
            R.SCHOOLCOORDINATOR,
            R.INSTITUUTSCOORDINATOR,
        }
    ),
}
