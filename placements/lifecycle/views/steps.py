"""The lifecycle steps of one placement, each a POST from the placement's page. Steps with
fields (interview, guides, cancel) also answer GET with a page of their own that shows the form
again with its errors; the others answer only POST. ``PlacementPolicy`` decides who may take
which step (403), ``selectors.placements_visible`` which placements exist for the user (404)."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.views.base import ServiceFormView, add_service_errors
from placements import services
from placements.lifecycle.forms import (
    CancelForm,
    GuidesForm,
    InterviewHeldForm,
    InterviewPlanForm,
    LockForm,
)
from placements.lifecycle.policy import Step
from placements.lifecycle.views.interview import interview_context
from placements.lifecycle.views.placements import PlacementMixin
from placements.permissions import PlacementAction


class PlacementStepView(PlacementMixin, ServiceFormView):
    """One lifecycle step, posted from the placement's page. Steps with fields also have a page
    of their own (GET), which shows the form again with its errors."""

    action = PlacementAction.MANAGE_PLACEMENTS
    step: Step
    form_class = django_forms.Form
    template_name = "placements/placement_step.html"
    title = ""
    done = ""

    def get(self, request, *args, **kwargs):
        return self.refuse() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse() or super().post(request, *args, **kwargs)

    def refuse(self):
        """403 for a step this user may never take here; back to the placement, with the reason,
        for one its status does not allow (someone else was quicker, or a stale page)."""
        if self.step not in self.policy.own_steps(self.placement):
            raise PermissionDenied
        if not self.policy.may(self.step, self.placement):
            messages.error(
                self.request,
                _("This is not possible now: the placement is %(status)s.")
                % {"status": self.placement.get_status_display()},
            )
            return redirect(self.placement.get_absolute_url())
        return None

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as exc:
            if form.fields:
                return self._form_errors(form, exc)
            for message in exc.messages:
                messages.error(self.request, message)
            return redirect(self.placement.get_absolute_url())
        messages.success(self.request, self.done)
        return redirect(self.placement.get_absolute_url())

    def _form_errors(self, form, exc):
        add_service_errors(form, exc)
        return self.form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "placement": self.placement,
            "title": self.title,
            "cancel_url": self.placement.get_absolute_url(),
        }


class PlanInterview(PlacementStepView):
    step = Step.PLAN_INTERVIEW
    form_class = InterviewPlanForm
    title = gettext_lazy("Plan the introductory interview")
    done = gettext_lazy("The introductory interview has been planned.")

    def save(self, form):
        services.placement_interview_plan(
            placement=self.placement,
            planned_at=form.cleaned_data["planned_at"],
            by=self.request.user,
        )


class InterviewHeld(PlacementStepView):
    """Recorded by the school's coordinators and the placement's own schoolopleider (so the
    role check is only 'sees placements'; ``PlacementPolicy`` decides per placement). Errors
    show on the interview's own page."""

    action = PlacementAction.VIEW_PLACEMENTS
    step = Step.INTERVIEW_HELD
    form_class = InterviewHeldForm
    template_name = "placements/interview.html"
    title = gettext_lazy("Record the introductory interview")
    done = gettext_lazy("The introductory interview has been recorded.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"placement": self.placement}

    def save(self, form):
        services.placement_interview_held(
            placement=self.placement,
            checklist=form.cleaned_data["topics"],
            attended=form.cleaned_data["attended"],
            notes=form.cleaned_data["notes"],
            by=self.request.user,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | interview_context(self, context["form"])


class CancelPlacement(PlacementStepView):
    step = Step.CANCEL
    form_class = CancelForm
    title = gettext_lazy("Cancel the placement")
    done = gettext_lazy("The placement has been cancelled.")

    def save(self, form):
        services.placement_cancel(
            placement=self.placement,
            reason=form.cleaned_data["cancel_reason"],
            by=self.request.user,
        )


class AssignGuides(PlacementStepView):
    step = Step.GUIDES
    form_class = GuidesForm
    title = gettext_lazy("Guides")
    done = gettext_lazy("The guides have been saved.")

    def get_form_kwargs(self):
        editable = self.policy.guide_fields(self.placement)
        return super().get_form_kwargs() | {"placement": self.placement, "editable": editable}

    def save(self, form):
        guides = {name: getattr(self.placement, name) for name in GuidesForm.base_fields}
        guides.update(form.cleaned_data)
        services.placement_assign_guides(placement=self.placement, by=self.request.user, **guides)


class ButtonStep(PlacementStepView):
    """A step without fields: only a POST from the placement's page."""

    http_method_names = ["post"]
    service = None

    def save(self, form):
        type(self).service(placement=self.placement, by=self.request.user)


class ConfirmPlacement(ButtonStep):
    step = Step.CONFIRM
    service = services.placement_confirm
    done = gettext_lazy("The placement has been confirmed.")


class ActivatePlacement(ButtonStep):
    step = Step.ACTIVATE
    service = services.placement_activate
    done = gettext_lazy("The placement has started.")


class CompletePlacement(ButtonStep):
    step = Step.COMPLETE
    service = services.placement_complete
    done = gettext_lazy("The placement has been completed.")


class LockPlacement(ButtonStep):
    step = Step.LOCK
    form_class = LockForm
    done = gettext_lazy("The lock has been changed.")

    def save(self, form):
        services.placement_set_lock(
            placement=self.placement, locked=form.cleaned_data["locked"], by=self.request.user
        )
