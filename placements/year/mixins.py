from django.http import Http404
from django.views.generic import TemplateView

from partnerships.mixins import PartnershipMixin
from placements.selectors import year_from_label


class YearMixin(PartnershipMixin):
    """Resolves ``<year>`` (e.g. 2027-2028) from the URL; a malformed year is a 404."""

    nav_section = "placements"

    def dispatch(self, request, *args, **kwargs):
        self.year = year_from_label(kwargs.get("year", ""))
        if self.year is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"year": self.year}


class YearPage(YearMixin, TemplateView):
    pass
