"""Who may do what in governance. Registered into ``partnerships.access.ACTION_ROLES`` when the
base app loads (``partnerships.apps``).

Members of the bodies and the partnership's managers read the bodies, meetings, decisions and
plans; the programme manager (the bodies' secretary) and the administrative support keep them;
the steering group adopts a plan (the programme manager records it for the steering group)."""

from enum import StrEnum

from ..access import GOVERNANCE, MANAGERS
from ..glossary import Role as R


class GovernanceAction(StrEnum):
    VIEW_GOVERNANCE = "view_governance"
    MANAGE_GOVERNANCE = "manage_governance"
    EDIT_PLAN = "edit_plan"
    ADOPT_PLAN = "adopt_plan"


SECRETARIES = frozenset({R.PROGRAMMAMANAGER, R.ADMINISTRATIEF_ONDERSTEUNER})
GOVERNANCE_ACTION_ROLES = {
    GovernanceAction.VIEW_GOVERNANCE: MANAGERS | GOVERNANCE,
    GovernanceAction.MANAGE_GOVERNANCE: SECRETARIES,
    GovernanceAction.EDIT_PLAN: frozenset({R.PROGRAMMAMANAGER}),
    GovernanceAction.ADOPT_PLAN: frozenset({R.PROGRAMMAMANAGER, R.STUURGROEPLID}),
}
