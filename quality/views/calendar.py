"""The quality calendar (PDCA): a year grid of the instruments per target group and month,
generated from the instruments' months, each item ticked off by its responsible people.

Who may update an item: the programme manager, or anyone holding the item's responsible role
in this partnership. The page is open to every role of the partnership (so a responsible
werkplekbegeleider gets there from the dashboard); anyone else gets 403 for an item of this
partnership and 404 for an item of another partnership or an unknown id."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from partnerships.access import Action
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import AcademicYear
from partnerships.views.base import PartnershipPage, ServiceFormView
from quality.forms.framework import CalendarItemForm

from ..calendar_grid import build_grid, is_overdue
from ..choices import CalendarStatus, PdcaPhase
from ..models import CalendarItem
from ..permissions import QualityAction
from ..selectors import framework as selectors
from ..services import calendar as services
from .framework import NavMixin

STATUS_STYLE = {
    CalendarStatus.PLANNED: "text-bg-light border",
    CalendarStatus.IN_PROGRESS: "text-bg-warning",
    CalendarStatus.DONE: "text-bg-success",
    CalendarStatus.SKIPPED: "text-bg-secondary",
}


def calendar_url(partnership, year: AcademicYear) -> str:
    return reverse(
        "quality:calendar_year", kwargs={"partnership": partnership.slug, "year": year.label}
    )


class YearMixin(PartnershipMixin):
    """``<year>`` from the URL (e.g. 2025-2026), or the current academic year without one."""

    nav_section = "quality"

    def dispatch(self, request, *args, **kwargs):
        if "year" in kwargs:
            self.year = selectors.year_from_label(kwargs["year"])
            if self.year is None:
                raise Http404
        else:
            self.year = AcademicYear.current()
        return super().dispatch(request, *args, **kwargs)


class CalendarPage(NavMixin, YearMixin, PartnershipPage):
    action = QualityAction.VIEW_QUALITY
    template_name = "quality/framework/calendar.html"

    def get_context_data(self, **kwargs):
        instruments, items, objects = selectors.grid_input(
            partnership=self.partnership, year=self.year
        )
        months, groups = build_grid(instruments, items, selectors.TARGET_GROUP_ORDER)
        today = timezone.localdate()
        roles = self.access.roles(self.partnership)
        is_pm = "programmamanager" in roles
        by_id = {item.pk: item for item in objects}
        cells = {}
        for item in items:
            obj = by_id[item.id]
            cells[item.id] = {
                "obj": obj,
                "status_label": CalendarStatus(item.status).label,
                "phase_label": PdcaPhase(item.phase).label,
                "style": STATUS_STYLE[item.status],
                "overdue": is_overdue(item, today),
                "may_update": is_pm or obj.responsible_role in roles,
            }
        for group in groups:
            for row in group.rows:
                for cell in row.cells:
                    cell.entries = [cells[item.id] for item in cell.items]
        return super().get_context_data(**kwargs) | {
            "year": self.year,
            "months": [datetime.date(2000, m, 1) for m in months],
            "groups": groups,
            "item_count": len(items),
            "previous_label": f"{self.year.start_year - 1}-{self.year.start_year}",
            "next_label": f"{self.year.start_year + 1}-{self.year.start_year + 2}",
            "statuses": [(s.label, STATUS_STYLE[s]) for s in CalendarStatus],
        }


class CalendarGenerate(YearMixin, View):
    action = QualityAction.MANAGE_FRAMEWORK

    def post(self, request, *args, **kwargs):
        created = services.calendar_generate(
            partnership=self.partnership, academic_year=self.year, by=request.user
        )
        if created:
            messages.success(request, _("%(n)s items were added to the calendar.") % {"n": created})
        else:
            messages.info(request, _("The calendar already has every instrument's months."))
        return redirect(calendar_url(self.partnership, self.year))


class CalendarItemUpdate(ServiceFormView):
    action = Action.VIEW_DASHBOARD  # the object rule below decides (see the module's docstring)
    nav_section = "quality"
    form_class = CalendarItemForm
    template_name = "quality/framework/calendar_item.html"
    success_message = _("The calendar item has been saved.")

    @cached_property
    def item(self):
        qs = CalendarItem.objects.filter(partnership=self.partnership).select_related(
            "instrument", "academic_year"
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def may_use_object(self) -> bool:
        return selectors.may_update_item(self.access, self.partnership, self.item)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.item}

    def save(self, form):
        data = form.cleaned_data
        return services.calendar_item_update(
            item=self.item,
            status=data["status"],
            phase=data["phase"],
            notes=data["notes"],
            by=self.request.user,
        )

    def get_success_url(self, obj):
        return calendar_url(self.partnership, obj.academic_year)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "item": self.item,
            "calendar_url": calendar_url(self.partnership, self.item.academic_year),
        }
