"""Called from ``partnerships.apps``: the actions, the dashboard cards, the menu item and the
demo of the money."""

from django.utils.translation import gettext_lazy


def install() -> None:
    from ..access import ACTION_ROLES
    from ..dashboard import PROVIDERS
    from ..demo.finance import load as load_demo
    from ..demo.load import EXTENSIONS
    from ..navigation import NAV_ITEMS, NavItem
    from .dashboard import finance_cards
    from .permissions import FINANCE_ACTION_ROLES, FinanceAction

    ACTION_ROLES.update(FINANCE_ACTION_ROLES)
    if finance_cards not in PROVIDERS:
        PROVIDERS.append(finance_cards)
    if load_demo not in EXTENSIONS:
        EXTENSIONS.append(load_demo)
    item = NavItem(gettext_lazy("Finance"), "finance:home", FinanceAction.DECLARE, "finance")
    if item not in NAV_ITEMS:
        NAV_ITEMS.append(item)
