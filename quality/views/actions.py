"""Improvement actions: the list (filters: level, status, organisation, owner, overdue), a
new action (from a report with ``?report=<pk>``, or from an internal-evaluation finding with
``?finding=<pk>``), an action's page and its edit page.

Reading takes VIEW_ACTIONS; changing takes MANAGE_ACTIONS. The owner of an action may open it
and report its progress (status and evaluation) whatever their role: those two pages let
anyone with a role in the partnership through the door and decide per action."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from partnerships.access import Action
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.views.base import ScopedListView, ServiceFormView
from quality.forms.reports import (
    ActionFilter,
    ActionForm,
    ActionProgressForm,
    target_choice_label,
)

from ..choices import ActionLevel, ActionSource
from ..models import EvaluationFinding, ImprovementAction, QualityReport
from ..permissions import QualityAction
from ..selectors.reports import action_list, actions_visible, overdue_expression
from ..services import actions as services


class ActionList(ScopedListView):
    action = QualityAction.VIEW_ACTIONS
    nav_section = "quality"
    filterset_class = ActionFilter
    template_name = "quality/actions/action_list.html"
    paginate_by = 50

    def get_queryset(self):
        return action_list(access=self.access, partnership=self.partnership).order_by(
            "due_date", "pk"
        )


class ActionCreate(ServiceFormView):
    action = QualityAction.MANAGE_ACTIONS
    nav_section = "quality"
    form_class = ActionForm
    template_name = "quality/actions/action_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def get_initial(self):
        initial = {"source": ActionSource.REPORT}
        report_id, finding_id = self.request.GET.get("report"), self.request.GET.get("finding")
        if report_id:
            reports = QualityReport.objects.filter(partnership=self.partnership)
            initial["report"] = get_scoped_object(reports, pk=report_id)
        if finding_id:
            findings = EvaluationFinding.objects.filter(
                evaluation__partnership=self.partnership
            ).select_related("evaluation__organisation")
            finding = get_scoped_object(findings, pk=finding_id)
            org = finding.evaluation.organisation
            initial |= {
                "source": ActionSource.INTERNAL_EVALUATION,
                "finding": f"{org.name} — {finding.get_theme_display()}: {finding.text}",
                "level": ActionLevel.PARTNERSHIP if finding.for_partnership else org.kind,
                "organisation": None if finding.for_partnership else org,
            }
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": _("New improvement action")}

    def save(self, form):
        return services.action_create(
            partnership=self.partnership, by=self.request.user, **form.cleaned_data
        )


class ActionObjectMixin(PartnershipMixin):
    """Anyone with a role (or student record) passes the door; the action decides: readers of
    actions see it, its owner sees and updates it, managers of actions change it."""

    action = Action.VIEW_DASHBOARD
    nav_section = "quality"

    @cached_property
    def improvement(self) -> ImprovementAction:
        if self.can(QualityAction.VIEW_ACTIONS):
            qs = actions_visible(access=self.access, partnership=self.partnership)
        else:
            qs = ImprovementAction.objects.filter(partnership=self.partnership).annotate(
                overdue=overdue_expression(self.access.today)
            )
        qs = qs.select_related(
            "owner",
            "organisation",
            "report",
            "evaluated_in",
            "partnership",
            "target__indicator",
            "target__academic_year",
            "target__question",
        )
        action = get_scoped_object(qs, pk=self.kwargs["pk"])
        if not self.can(QualityAction.VIEW_ACTIONS) and action.owner_id != self.request.user.pk:
            raise PermissionDenied
        return action

    @property
    def is_owner(self) -> bool:
        return self.improvement.owner_id == self.request.user.pk

    def may_use_object(self) -> bool:
        return self.improvement is not None  # 404 / 403 before anything else


class ActionDetail(ActionObjectMixin, TemplateView):
    template_name = "quality/actions/action_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "item": self.improvement,
            "may_edit": self.can(QualityAction.MANAGE_ACTIONS) or self.is_owner,
            "target": self.improvement.target and target_choice_label(self.improvement.target),
        }


class ActionUpdate(ActionObjectMixin, ServiceFormView):
    template_name = "quality/actions/action_form.html"

    @property
    def manages(self) -> bool:
        return self.can(QualityAction.MANAGE_ACTIONS)

    def may_use_object(self) -> bool:
        return super().may_use_object() and (self.manages or self.is_owner)

    def get_form_class(self):
        return ActionForm if self.manages else ActionProgressForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs() | {"instance": self.improvement}
        if self.manages:
            kwargs["partnership"] = self.partnership
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Edit improvement action"),
            "item": self.improvement,
        }

    def save(self, form):
        if self.manages:
            return services.action_update(
                action=self.improvement, by=self.request.user, **form.cleaned_data
            )
        return services.action_progress(
            action=self.improvement,
            by=self.request.user,
            status=form.cleaned_data["status"],
            evaluation=form.cleaned_data["evaluation"],
        )
