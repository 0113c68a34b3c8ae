"""Who may do what in professionalisation. Registered into ``partnerships.access`` when the app
loads. Object rules (a schoolcoördinator enrols and inventories for their own school; leads see
their own school's compliance) live in the app's selectors."""

from enum import StrEnum

from partnerships.access import GOVERNANCE, INSTITUTE_STAFF, MANAGERS, SCHOOL_STAFF
from partnerships.glossary import Role as R


class ProAction(StrEnum):
    VIEW_ACTIVITIES = "view_activities"  # the catalogue and runs; enrol oneself
    MANAGE_ACTIVITIES = "manage_activities"  # activities, runs, meetings, attendance, completion
    ENROL_OTHERS = "enrol_others"
    VIEW_COMPLIANCE = "view_compliance"
    EDIT_NEEDS = "edit_needs"
    VIEW_PRO_OVERVIEW = "view_pro_overview"  # the yearly overview and its export


ORGANISERS = frozenset({R.PROGRAMMAMANAGER, R.ADMINISTRATIEF_ONDERSTEUNER})
SCHOOL_LEADS = frozenset({R.SCHOOLCOORDINATOR, R.SCHOOLOPLEIDER, R.LEIDINGGEVENDE})

PRO_ACTION_ROLES = {
    ProAction.VIEW_ACTIVITIES: MANAGERS | GOVERNANCE | SCHOOL_STAFF | INSTITUTE_STAFF,
    ProAction.MANAGE_ACTIVITIES: ORGANISERS,
    ProAction.ENROL_OTHERS: ORGANISERS | {R.SCHOOLCOORDINATOR},
    ProAction.VIEW_COMPLIANCE: MANAGERS | GOVERNANCE | SCHOOL_LEADS,
    ProAction.EDIT_NEEDS: ORGANISERS
    | {R.SCHOOLCOORDINATOR, R.LEIDINGGEVENDE, R.INSTITUUTSCOORDINATOR},
    ProAction.VIEW_PRO_OVERVIEW: MANAGERS | GOVERNANCE,
}
