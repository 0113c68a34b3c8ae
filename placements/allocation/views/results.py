"""A run's result changed by hand (another matching place, or none) and locked; two runs compared
side by side."""

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.mixins import get_scoped_object
from partnerships.views.base import ServiceFormView
from placements import services
from placements.allocation.compare import compare_runs
from placements.allocation.forms import CompareForm, ResultForm
from placements.allocation.selectors import run_numbers
from placements.allocation.texts import explanation_text, run_name
from placements.allocation.views.runs import RunMixin, run_url
from placements.choices import RunStatus
from placements.models import AllocationRun
from placements.permissions import PlacementAction
from placements.year.mixins import YearPage

NOT_EDITABLE = gettext_lazy("Only a finished run that has not been committed can be changed.")


class ResultEdit(RunMixin, ServiceFormView):
    form_class = ResultForm
    template_name = "placements/allocation_result_form.html"

    @cached_property
    def result(self):
        results = self.run.results.select_related(
            "student__person", "student__institute", "student__subject", "place__school"
        )
        return get_scoped_object(results, pk=self.kwargs["result"])

    def get(self, request, *args, **kwargs):
        if self.run.status != RunStatus.DONE:
            messages.info(request, NOT_EDITABLE)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.run.status != RunStatus.DONE:
            messages.error(request, NOT_EDITABLE)
            return redirect(run_url(self.run))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        used = Counter(self.run.results.exclude(place=None).values_list("place", flat=True))
        places = services.matching_places(run=self.run, student=self.result.student)
        return super().get_form_kwargs() | {"places": places, "used": used}

    def get_initial(self):
        return {"place": self.result.place_id, "locked": self.result.locked}

    def save(self, form):
        return services.allocation_result_set(
            result=self.result,
            place=form.cleaned_data["place"],
            locked=form.cleaned_data["locked"],
            by=self.request.user,
        )

    def get_success_url(self, obj):
        messages.success(
            self.request,
            _("The result of %(name)s has been changed.") % {"name": obj.student.person.full_name},
        )
        return run_url(self.run)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "result": self.result,
            "explanation": explanation_text(self.result.explanation),
            "cancel_url": run_url(self.run),
            "editable": self.run.status == RunStatus.DONE,
        }


class RunCompare(YearPage):
    action = PlacementAction.RUN_ALLOCATION
    template_name = "placements/allocation_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = AllocationRun.objects.filter(
            partnership=self.partnership,
            academic_year=self.year,
            status__in=(RunStatus.DONE, RunStatus.COMMITTED),
        ).select_related("partnership")
        numbers = run_numbers(self.partnership.pk, self.year.pk)
        form = CompareForm(self.request.GET or None, runs=runs, numbers=numbers)
        context["form"] = form
        if form.is_valid():
            a, b, differences = compare_runs(form.cleaned_data["a"], form.cleaned_data["b"])
            for side in (a, b):
                side.run.name = run_name(side.run, numbers.get(side.run.pk))
            context.update(a=a, b=b, differences=differences)
        return context
