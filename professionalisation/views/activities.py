"""The catalogue of professionalisation activities: list (filter by role, kind and formality),
create and edit."""

from django.db.models import Count, Q

from partnerships.glossary import Role
from partnerships.views.base import ScopedListView

from ..choices import RunStatus
from ..forms_runs import ActivityFilter
from ..models import Activity
from ..permissions import ProAction

ROLE_LABELS = dict(Role.choices)


class ActivityArea:
    action = ProAction.VIEW_ACTIVITIES
    nav_section = "professionalisation"

    def activities(self):
        return Activity.objects.filter(partnership=self.partnership)


class ActivityList(ActivityArea, ScopedListView):
    template_name = "professionalisation/runs/activity_list.html"
    filterset_class = ActivityFilter
    paginate_by = 50

    def get_queryset(self):
        open_runs = Q(runs__status__in=[RunStatus.PLANNED, RunStatus.RUNNING])
        qs = self.activities()
        if not self.can(ProAction.MANAGE_ACTIVITIES):
            qs = qs.filter(is_active=True)
        return qs.annotate(open_runs=Count("runs", filter=open_runs)).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for activity in context["object_list"]:
            activity.role_labels = [ROLE_LABELS.get(r, r) for r in activity.target_roles]
        return context
