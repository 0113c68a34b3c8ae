"""The procedure calendar of a year: the 15 steps in date order, ticked off by their owners.

The calendar is generated with the "Generate the calendar" button (stagecoördinator, programme
manager) and, for the planning year, every morning by the reminder task."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.views.base import add_service_errors
from placements import services
from placements.calendar.procedure import STEP_TITLES
from placements.choices import StepStatus
from placements.lifecycle.forms import StepStatusForm
from placements.lifecycle.policy import may_generate_calendar, may_manage_step
from placements.models import ProcedureStep
from placements.permissions import PlacementAction
from placements.year.mixins import YearMixin, YearPage

SOON_DAYS = 14


def step_row(step: ProcedureStep, access, partnership, today: datetime.date) -> dict:
    open_ = step.status == StepStatus.OPEN
    return {
        "step": step,
        "title": STEP_TITLES.get(step.code, step.code),
        "overdue": open_ and step.due_date < today,
        "soon": open_ and today <= step.due_date <= today + datetime.timedelta(days=SOON_DAYS),
        "may_manage": may_manage_step(access, partnership, step),
    }


def calendar_url(partnership, year_label: str) -> str:
    return reverse(
        "placements:calendar", kwargs={"partnership": partnership.slug, "year": year_label}
    )


class ProcedureCalendar(YearPage):
    action = PlacementAction.VIEW_CALENDAR
    template_name = "placements/calendar.html"

    def get_context_data(self, **kwargs):
        steps = ProcedureStep.objects.filter(
            partnership=self.partnership, academic_year=self.year
        ).select_related("done_by")
        today = timezone.localdate()
        missing = services.procedure_missing(partnership=self.partnership, year=self.year)
        return super().get_context_data(**kwargs) | {
            "rows": [step_row(s, self.access, self.partnership, today) for s in steps],
            "missing": len(missing),
            "can_generate": may_generate_calendar(self.access, self.partnership),
        }


class GenerateCalendar(YearMixin, View):
    action = PlacementAction.VIEW_CALENDAR

    def post(self, request, *args, **kwargs):
        if not may_generate_calendar(self.access, self.partnership):
            raise PermissionDenied
        created = services.procedure_generate(partnership=self.partnership, year=self.year)
        messages.success(
            request,
            _("%(n)s steps were added to the calendar.") % {"n": created}
            if created
            else _("The calendar was already complete."),
        )
        return redirect(calendar_url(self.partnership, self.year.label))


class StepUpdate(PartnershipMixin, FormView):
    """Mark a step done or not applicable, or reopen it. Posted from the calendar (htmx swaps
    just the row); without JavaScript, and with errors, this page shows the form."""

    action = PlacementAction.VIEW_CALENDAR
    nav_section = "placements"
    form_class = StepStatusForm
    template_name = "placements/calendar_step.html"

    @cached_property
    def step(self):
        qs = ProcedureStep.objects.filter(partnership=self.partnership).select_related(
            "academic_year", "done_by"
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def may_use_object(self) -> bool:
        return may_manage_step(self.access, self.partnership, self.step)

    def get_initial(self):
        return {"status": self.step.status, "note": self.step.note}

    def form_valid(self, form):
        try:
            step = services.procedure_step_set_status(
                step=self.step,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                by=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if self.request.htmx:
            return self._row(step, form=None)
        messages.success(self.request, _("The step has been saved."))
        url = calendar_url(self.partnership, step.academic_year.label)
        return redirect(f"{url}#step-{step.pk}")

    def form_invalid(self, form):
        if self.request.htmx:
            return self._row(self.step, form=form)
        return super().form_invalid(form)

    def _row(self, step, form):
        row = step_row(step, self.access, self.partnership, timezone.localdate())
        return self.response_class(
            request=self.request,
            template="placements/calendar.html#step_row",
            context={"row": row, "form": form, "partnership": self.partnership},
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "step": self.step,
            "title": STEP_TITLES.get(self.step.code, self.step.code),
            "year": self.step.academic_year,
            "cancel_url": calendar_url(self.partnership, self.step.academic_year.label),
        }
