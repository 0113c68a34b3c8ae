"""Programme events: the year's list (filters: kind, period, mandatory; another year through
``?year=2026-2027`` or ``events/year/<year>/``).

Reading takes VIEW_PROGRAMME; organisers (MANAGE_PROGRAMME) see unpublished events too, everybody
else only published ones (an unpublished event's page answers 404 for them)."""

from django.http import Http404
from django.urls import reverse

from partnerships.models import AcademicYear, Period
from partnerships.views.base import ScopedListView

from ..forms_events import EventFilter
from ..permissions import ProgrammeAction
from ..selectors import events as selectors


class EventsMixin:
    nav_section = "programme"

    def url(self, name, **kwargs):
        return reverse(f"programme:{name}", kwargs={"partnership": self.partnership.slug, **kwargs})


class EventList(EventsMixin, ScopedListView):
    action = ProgrammeAction.VIEW_PROGRAMME
    filterset_class = EventFilter
    template_name = "programme/events/event_list.html"
    context_object_name = "events"
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        label = kwargs.get("year") or request.GET.get("year")
        if label:
            self.year = selectors.year_from_label(label)
            if self.year is None:
                raise Http404
        else:
            self.year = AcademicYear.current()
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs.get("data")
        if data is not None and "year" in data:
            data = data.copy()
            data.pop("year")
            kwargs["data"] = data
        kwargs["periods"] = list(Period.objects.filter(academic_year=self.year))
        return kwargs

    def get_queryset(self):
        return selectors.event_list(
            access=self.access, partnership=self.partnership, year=self.year
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("year", None)
        context["querystring"] = query.urlencode()
        context.update(
            year=self.year,
            previous_label=f"{self.year.start_year - 1}-{self.year.start_year}",
            next_label=f"{self.year.start_year + 1}-{self.year.start_year + 2}",
            is_organiser=selectors.is_organiser(self.access, self.partnership),
        )
        return context
