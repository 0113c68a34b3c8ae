"""The catalogue of professionalisation activities: list (filter by role, kind and formality),
create and edit."""

from django.contrib import messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import Role
from partnerships.mixins import get_scoped_object
from partnerships.views.base import ScopedListView, ServiceFormView
from professionalisation.forms.runs import ActivityFilter, ActivityForm

from ..choices import RunStatus
from ..models import Activity
from ..permissions import ProAction
from ..services import runs as services

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


class ActivityFormView(ActivityArea, ServiceFormView):
    action = ProAction.MANAGE_ACTIVITIES
    form_class = ActivityForm
    template_name = "partnerships/form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def get_success_url(self, obj):
        return reverse("professionalisation:activity_list", args=[self.partnership.slug])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": self.title,
            "cancel_url": reverse(
                "professionalisation:activity_list", args=[self.partnership.slug]
            ),
        }


class ActivityCreate(ActivityFormView):
    title = _("New professionalisation activity")

    def save(self, form):
        activity = services.activity_create(
            partnership=self.partnership, by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("The activity has been added."))
        return activity


class ActivityUpdate(ActivityFormView):
    title = _("Edit professionalisation activity")

    @cached_property
    def activity(self):
        return get_scoped_object(self.activities(), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.activity}

    def save(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        activity = services.activity_update(activity=self.activity, by=self.request.user, **data)
        messages.success(self.request, _("The activity has been saved."))
        return activity
