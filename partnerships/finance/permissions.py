"""Who may do what with the partnership's money (issue 19, items 4-5). Registered into
``partnerships.access.ACTION_ROLES`` when the base app loads (``finance.install``).

The managers and the steering group and board council read the budget; the programme manager
and the administrative support keep it (lines, entered amounts). Every member of staff may
declare hours or costs (for themself, or for the school or institute they coordinate or lead);
the programme manager approves or rejects, the administrative support marks paid; both export
the declarations for the bookkeeper."""

from enum import StrEnum

from ..access import GOVERNANCE, INSTITUTE_STAFF, MANAGERS, SCHOOL_STAFF
from ..glossary import Role as R


class FinanceAction(StrEnum):
    VIEW_BUDGET = "view_budget"
    MANAGE_BUDGET = "manage_budget"
    DECLARE = "declare"
    DECIDE_DECLARATIONS = "decide_declarations"
    PAY_DECLARATIONS = "pay_declarations"
    EXPORT_DECLARATIONS = "export_declarations"


KEEPERS = frozenset({R.PROGRAMMAMANAGER, R.ADMINISTRATIEF_ONDERSTEUNER})
# Who may declare on behalf of an organisation (their school or institute).
ON_BEHALF = frozenset({R.SCHOOLCOORDINATOR, R.LEIDINGGEVENDE, R.INSTITUUTSCOORDINATOR})
FINANCE_ACTION_ROLES = {
    FinanceAction.VIEW_BUDGET: MANAGERS | {R.STUURGROEPLID, R.BESTUURSRAADLID},
    FinanceAction.MANAGE_BUDGET: KEEPERS,
    FinanceAction.DECLARE: MANAGERS | GOVERNANCE | SCHOOL_STAFF | INSTITUTE_STAFF,
    FinanceAction.DECIDE_DECLARATIONS: frozenset({R.PROGRAMMAMANAGER}),
    FinanceAction.PAY_DECLARATIONS: frozenset({R.ADMINISTRATIEF_ONDERSTEUNER}),
    FinanceAction.EXPORT_DECLARATIONS: KEEPERS,
}
