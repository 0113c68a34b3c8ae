from .access import get_access
from .navigation import navigation_for


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    partnership = getattr(request, "partnership", None)
    access = get_access(request)
    return {
        "access": access,
        "current_partnership": partnership,
        "nav_items": navigation_for(access, partnership) if partnership else [],
        "my_partnerships": access.partnership_list(),
    }
