from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from partnerships.mixins import PartnershipMixin
from partnerships.models import AcademicYear
from placements import selectors
from placements.choices import PlacementStatus
from placements.permissions import PlacementAction
from placements.year.mixins import YearPage
from placements.year.selectors import year_state
from placements.year.tasklist import task_list


class CurrentYear(PartnershipMixin, View):
    action = PlacementAction.VIEW_PLACEMENT_YEAR

    def get(self, request, *args, **kwargs):
        year = selectors.planning_year()
        return redirect(
            reverse(
                "placements:year", kwargs={"partnership": self.partnership.slug, "year": year.label}
            )
        )


def year_tabs(viewed: AcademicYear, today) -> list[dict]:
    """Last year, this year and next year (the one being prepared) — and the viewed year when it
    is none of those — each one click from the others."""
    current = AcademicYear.start_year_for(today)
    labels = {
        current - 1: _("Last year"),
        current: _("This year"),
        current + 1: _("Next year"),
    }
    starts = sorted({*labels, viewed.start_year})
    return [
        {
            "start": start,
            "label": f"{start}-{start + 1}",
            "name": labels.get(start, ""),
            "preparing": start == current + 1,
            "active": start == viewed.start_year,
        }
        for start in starts
    ]


class YearOverview(YearPage):
    """The placement year as a task list: the 15 steps of the procedure in their order, each
    with its status, owner, due date and the page where it is done; the year's other pages and
    its placements at a glance beside it."""

    page_cache = True

    action = PlacementAction.VIEW_PLACEMENT_YEAR
    template_name = "placements/year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p, y = self.partnership, self.year
        today = self.access.today
        state = year_state(partnership=p, year=y)
        counts = dict.fromkeys(PlacementStatus.values, 0)
        if self.access.sees_whole_partnership(p):
            rows = state.facts.placements.items()  # the year's placements, counted already
        else:
            placements = selectors.placements_visible(access=self.access, partnership=p)
            rows = (
                placements.filter(academic_year=y)
                .values_list("status")
                .annotate(n=Count("pk"))
                .order_by()
            )
        for status, n in rows:
            counts[status] = n
        tabs = year_tabs(y, today)
        earliest = tabs[0]["start"]
        context.update(
            tasks=task_list(state=state, access=self.access, partnership=p, year=y, today=today),
            tabs=tabs,
            earlier_label=f"{earliest - 1}-{earliest}",
            quota=state.quota,
            status_counts=[(PlacementStatus(s).label, n) for s, n in counts.items()],
        )
        return context
