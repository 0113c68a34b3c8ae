"""View mixins: resolve the partnership from the URL through the access layer and check the
action. Another partnership answers 404; a missing role answers 403."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import page_cache as kept_pages
from .access import ACTION_ROLES, Access, Action, get_access


class PartnershipMixin(LoginRequiredMixin):
    action: Action = Action.VIEW_DASHBOARD
    nav_section = ""
    # A weekly page that shows only what the database holds (no clock time, no outside state):
    # kept for a repeat view until the data changes (partnerships.page_cache, issue 18).
    page_cache = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.access: Access = get_access(request)
        self.partnership = self.access.partnership_by_slug(kwargs["partnership"])
        if self.partnership is None:
            raise Http404
        request.partnership = self.partnership
        if not self.access.can(self.partnership, self.action):
            raise PermissionDenied
        if not self.may_use_object():
            raise PermissionDenied
        if request.method == "GET":
            self.page_viewed()
        if self.page_cache:
            return kept_pages.serve(
                request, lambda: super(PartnershipMixin, self).dispatch(request, *args, **kwargs)
            )
        return super().dispatch(request, *args, **kwargs)

    def page_viewed(self) -> None:
        """Runs on every GET that passed the access checks, also when the page is served from
        the kept copy: where a view of the page must be recorded (an audit entry)."""

    def may_use_object(self) -> bool:
        """An object rule on top of the role (e.g. only the step's owner may change it); views
        whose object is reached by the role alone keep the default. Raise Http404 inside for an
        object outside the user's scope."""
        return True

    def can(self, action: Action) -> bool:
        return self.access.can(self.partnership, action)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            partnership=self.partnership, nav_section=self.nav_section, can=self.permissions()
        )
        return context

    def permissions(self) -> dict[str, bool]:
        return {str(action): self.can(action) for action in ACTION_ROLES}


def get_scoped_object(queryset, **lookup):
    """An object from an access-scoped queryset, or 404 (also for forged ids)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
