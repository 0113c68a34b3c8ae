"""Allocation runs: the year's runs, starting one (weights shown in words), a run's page (progress
polled with htmx while it runs; then the outcome per student with its explanation), rerun and
commit. Results changed by hand and the comparison of two runs: ``allocation_results``."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from partnerships import outbox
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import Organisation
from partnerships.views.base import ScopedListView, ServiceFormView
from placements import services
from placements.allocation.commit import allocation_run_commit_plan, window_not_closed
from placements.allocation.engine import Weights
from placements.allocation.forms import CommitForm, CompareForm, ResultFilter, RunForm
from placements.allocation.inputs import weights_from_json
from placements.allocation.selectors import run_numbers, run_summary
from placements.allocation.texts import (
    explanation_text,
    points_text,
    run_name,
    score_texts,
    unplaced_reason,
    weights_description,
)
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
        numbers = run_numbers(self.partnership.pk, self.year.pk)
        runs = list(runs)
        for run in runs:
            run.name = run_name(run, numbers.get(run.pk))
        compare = sum(run.status in (R.DONE, R.COMMITTED) for run in runs) > 1
        return super().get_context_data(**kwargs) | {
            "runs": runs,
            "compare_form": CompareForm(runs=finished, numbers=numbers) if compare else None,
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

    @cached_property
    def run_name(self) -> str:
        return run_name(self.run)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | {
            "run": self.run,
            "year": self.run.academic_year,
            "run_name": self.run_name,
        }


def status_text(run: AllocationRun) -> str:
    if run.status == R.QUEUED:
        if services.allocation_run_waiting(run):
            return str(outbox.WAITING_MESSAGE)
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

    page_cache = True

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

    def get_filterset_kwargs(self, filterset_class):
        return super().get_filterset_kwargs(filterset_class) | {"partnership": self.partnership}

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
        weights = weights_from_json(run.weights)
        summary = run_summary(run, weights) if run.status in (R.DONE, R.COMMITTED) else None
        return context | {
            "status": status_text(run),
            "poll": run.status in ACTIVE,
            "weights_lines": weights_description(weights),
            "summary": summary,
            "unplaced_reasons": [
                (unplaced_reason(code), n)
                for code, n in (summary.unplaced_by_code if summary else [])
            ],
            "score_lines": score_texts(run),
            "points_lines": [points_text(p) for p in summary.points] if summary else [],
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


class RunCommit(RunMixin, TemplateView):
    """Check your answers before committing: what committing creates, replaces and skips, per
    school; while the preference window has not closed, "commit anyway" and whether students
    see their proposals now. POST commits and goes to the confirmation page."""

    template_name = "placements/run_commit.html"

    def window_open(self, plan) -> bool:
        return window_not_closed(plan.window, self.access.today)

    def get(self, request, *args, **kwargs):
        if self.run.status == R.COMMITTED:
            return redirect(run_url(self.run, "run_committed"))
        if self.run.status != R.DONE:
            messages.error(request, _("Only a finished run can be committed."))
            return redirect(run_url(self.run))
        return self.render(CommitForm(window_open=self.window_open(self.plan)))

    @cached_property
    def plan(self):
        return allocation_run_commit_plan(run=self.run)

    def render(self, form, status=200):
        plan = self.plan
        schools: dict[str, int] = {}
        for result, _replaced in plan.create:
            schools[result.place.school.name] = schools.get(result.place.school.name, 0) + 1
        context = self.get_context_data(
            form=form,
            plan=plan,
            window=plan.window,
            window_open=self.window_open(plan),
            not_open_yet=plan.window is not None and self.access.today < plan.window.opens_on,
            schools=sorted(schools.items()),
            unplaced=self.run.results.filter(place__isnull=True).count(),
        )
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        if self.run.status == R.COMMITTED:
            messages.info(request, _("This run had already been committed; nothing changed."))
            return redirect(run_url(self.run, "run_committed"))
        form = CommitForm(request.POST, window_open=self.window_open(self.plan))
        if not form.is_valid():
            return self.render(form, status=200)
        try:
            report = services.allocation_run_commit(
                run=self.run,
                by=request.user,
                anyway=form.cleaned_data.get("anyway", False),
                show_to_students=form.cleaned_data.get("show_to_students", False),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(run_url(self.run))
        if report.already:
            messages.info(request, _("This run had already been committed; nothing changed."))
        elif report.skipped:
            messages.warning(
                request,
                _("Skipped, because they got another placement meanwhile: %(names)s")
                % {"names": ", ".join(s.person.full_name for s in report.skipped)},
            )
        return redirect(run_url(self.run, "run_committed"))


class RunCommitted(RunMixin, TemplateView):
    """The confirmation page: what committing did and what comes next (the only success
    message; the run page keeps a short note)."""

    template_name = "placements/run_committed.html"

    def get(self, request, *args, **kwargs):
        if self.run.status != R.COMMITTED:
            return redirect(run_url(self.run))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        commit = (self.run.progress or {}).get("commit") or {}
        hidden = commit.get("hidden_until")
        return super().get_context_data(**kwargs) | {
            "commit": commit,
            "hidden_until": datetime.date.fromisoformat(hidden) if hidden else None,
        }
