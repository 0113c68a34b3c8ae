"""Allocation runs: the year's runs, starting one (weights shown in words), a run's page (progress
polled with htmx while it runs; then the outcome per student with its explanation), rerun and
commit. Results changed by hand and the comparison of two runs: ``allocation_results``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import Organisation
from partnerships.views.base import ScopedListView, ServiceFormView
from placements import services
from placements.allocation.engine import Weights
from placements.allocation.forms import CompareForm, ResultFilter, RunForm
from placements.allocation.inputs import weights_from_json
from placements.allocation.texts import explanation_text, weights_description
from placements.choices import ApprovalStatus, RunStatus
from placements.models import AllocationRun, Division
from placements.permissions import PlacementAction
from placements.year.mixins import YearMixin, YearPage

R = RunStatus
ACTIVE = (R.QUEUED, R.RUNNING)


def run_url(run, name="run_detail") -> str:
    return reverse(f"placements:{name}", args=[run.partnership.slug, run.pk])


def division_of(partnership, year):
    return Division.objects.filter(partnership=partnership, academic_year=year).first()


class RunList(YearPage):
    action = PlacementAction.RUN_ALLOCATION
    template_name = "placements/allocation_runs.html"

    def get_context_data(self, **kwargs):
        runs = AllocationRun.objects.filter(
            partnership=self.partnership, academic_year=self.year
        ).select_related("partnership", "created_by")
        finished = runs.filter(status__in=(R.DONE, R.COMMITTED))
        return super().get_context_data(**kwargs) | {
            "runs": runs,
            "compare_form": CompareForm(runs=finished) if finished.count() > 1 else None,
            "division": division_of(self.partnership, self.year),
        }


class RunCreate(YearMixin, ServiceFormView):
    action = PlacementAction.RUN_ALLOCATION
    form_class = RunForm
    template_name = "placements/allocation_run_form.html"

    def save(self, form):
        return services.allocation_run_create(
            partnership=self.partnership,
            year=self.year,
            start=form.cleaned_data["start"],
            label=form.cleaned_data["label"],
            weights=form.weights(),
            time_limit_s=form.cleaned_data["time_limit_s"],
            by=self.request.user,
        )

    def get_success_url(self, obj):
        messages.success(self.request, _("The run has been queued."))
        return run_url(obj)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "weights_lines": weights_description(Weights()),
            "division": division_of(self.partnership, self.year),
            "cancel_url": reverse("placements:runs", args=[self.partnership.slug, self.year.label]),
        }


class RunMixin(PartnershipMixin):
    """Loads the run from the partnership's runs (404 for anything else)."""

    action = PlacementAction.RUN_ALLOCATION
    nav_section = "placements"

    @cached_property
    def run(self) -> AllocationRun:
        runs = AllocationRun.objects.filter(partnership=self.partnership).select_related(
            "partnership", "academic_year", "created_by"
        )
        return get_scoped_object(runs, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | {"run": self.run, "year": self.run.academic_year}


def status_text(run: AllocationRun) -> str:
    if run.status == R.QUEUED:
        return _("Waiting for the worker to start the run…")
    if run.status == R.RUNNING:
        p = run.progress or {}
        if "objective" not in p:
            return _("Building the model and searching…")
        return _("Best so far: %(objective)s (bound %(bound)s) after %(seconds)s s") % {
            "objective": round(p["objective"]),
            "bound": round(p["bound"]),
            "seconds": p["seconds"],
        }
    if run.status == R.FAILED:
        return _("The run failed: %(error)s") % {"error": run.error}
    if run.solver_status == "optimal":
        return _("Proven optimum.")
    if run.gap is not None:
        return _(
            "Best allocation found within the time limit; at most %(gap)s%% below the optimum."
        ) % {"gap": f"{100 * run.gap:.2f}"}
    return _("No allocation found (%(status)s).") % {"status": run.solver_status}


class RunDetail(RunMixin, ScopedListView):
    """The run's status (polled with htmx while it runs) and its outcome per student."""

    filterset_class = ResultFilter
    template_name = "placements/run_detail.html"
    paginate_by = 100

    def get(self, request, *args, **kwargs):
        if request.htmx and request.GET.get("poll"):
            if self.run.status in ACTIVE:
                context = {"run": self.run, "status": status_text(self.run), "poll": True}
                context["partnership"] = self.partnership
                return self.response_class(
                    request, "placements/run_detail.html#run_status", context
                )
            return HttpResponse(headers={"HX-Refresh": "true"})
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.run.results.select_related(
            "student__person", "student__institute", "student__subject", "place__school"
        ).order_by("student__person__last_name", "student__person__first_name", "student")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.run
        names = dict(
            Organisation.objects.filter(partnership=self.partnership, kind="school").values_list(
                "pk", "name"
            )
        )
        for result in context["object_list"]:
            result.text = explanation_text(result.explanation, names)
        too_far = list(
            run.results.filter(explanation__code="travel")
            .select_related("student__person")
            .order_by("student__person__last_name", "student__person__first_name")
        )
        for result in too_far:
            result.text = explanation_text(result.explanation, names)
        division = division_of(self.partnership, run.academic_year)
        commit = (run.progress or {}).get("commit")
        return context | {
            "status": status_text(run),
            "poll": run.status in ACTIVE,
            "weights_lines": weights_description(weights_from_json(run.weights)),
            "unpublished": division is None or division.status != ApprovalStatus.PUBLISHED,
            "commit": commit,
            "may_edit": run.status == R.DONE,
            "travel": (run.progress or {}).get("travel"),
            "too_far": too_far,
        }


class RunAction(RunMixin, View):
    """POST-only: rerun or commit, then back to a run's page."""

    http_method_names = ["post"]


class RunRerun(RunAction):
    def post(self, request, *args, **kwargs):
        new = services.allocation_run_rerun(run=self.run, by=request.user)
        messages.success(request, _("A new run with the same settings and locks has been queued."))
        return redirect(run_url(new))


class RunCommit(RunAction):
    def post(self, request, *args, **kwargs):
        try:
            report = services.allocation_run_commit(run=self.run, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(run_url(self.run))
        if report.already:
            messages.info(request, _("This run had already been committed; nothing changed."))
            return redirect(run_url(self.run))
        n = len(report.created)
        messages.success(
            request,
            ngettext(
                "%(n)s proposed placement has been created.",
                "%(n)s proposed placements have been created.",
                n,
            )
            % {"n": n},
        )
        if report.skipped:
            messages.warning(
                request,
                _("Skipped, because they got another placement meanwhile: %(names)s")
                % {"names": ", ".join(s.person.full_name for s in report.skipped)},
            )
        return redirect(run_url(self.run))
