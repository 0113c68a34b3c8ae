from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from partnerships.mixins import PartnershipMixin
from placements import selectors
from placements.choices import PlacementStatus
from placements.models import AllocationRun, Division, PreferenceWindow, ProcedureStep, Quota
from placements.permissions import PlacementAction
from placements.year.mixins import YearPage


class CurrentYear(PartnershipMixin, View):
    action = PlacementAction.VIEW_PLACEMENT_YEAR

    def get(self, request, *args, **kwargs):
        year = selectors.planning_year()
        return redirect(
            reverse(
                "placements:year", kwargs={"partnership": self.partnership.slug, "year": year.label}
            )
        )


class YearOverview(YearPage):
    """The placement year at a glance: each part of the procedure with its state."""

    action = PlacementAction.VIEW_PLACEMENT_YEAR
    template_name = "placements/year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p, y = self.partnership, self.year
        placements = selectors.placements_visible(access=self.access, partnership=p).filter(
            academic_year=y
        )
        counts = {row: 0 for row in PlacementStatus.values}
        for status in placements.values_list("status", flat=True):
            counts[status] += 1
        context.update(
            quota=Quota.objects.filter(partnership=p, academic_year=y).first(),
            division=Division.objects.filter(partnership=p, academic_year=y).first(),
            window=PreferenceWindow.objects.filter(partnership=p, academic_year=y).first(),
            runs=AllocationRun.objects.filter(partnership=p, academic_year=y).count(),
            status_counts=[(PlacementStatus(s).label, n) for s, n in counts.items()],
            steps_open=ProcedureStep.objects.filter(
                partnership=p, academic_year=y, status="open"
            ).count(),
            previous_label=f"{y.start_year - 1}-{y.start_year}",
            next_label=f"{y.start_year + 1}-{y.start_year + 2}",
        )
        return context
