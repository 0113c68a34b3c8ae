"""A quality report limited to one school or institute (issue 15, item 6), frozen with the
report: the organisation's leads read their own organisation's part of an adopted report;
managers and governance every part, drafts included. Another organisation's part is a 404."""

from django.utils.functional import cached_property
from django.views.generic import TemplateView

from partnerships.mixins import get_scoped_object

from ..report_data import SECTION_TITLES, YEAR_SECTIONS
from ..selectors.reports import organisation_document, organisation_reports_visible
from .reports import ReportMixin


class OrganisationReportDetail(ReportMixin, TemplateView):
    template_name = "quality/reports/organisation_report.html"

    @cached_property
    def part(self):
        parts = organisation_reports_visible(
            access=self.access, partnership=self.partnership, report=self.report
        )
        return get_scoped_object(parts, organisation=self.kwargs["organisation"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "part": self.part,
            "organisation": self.part.organisation,
            "data": organisation_document(self.part),
            "year_sections": [(key, SECTION_TITLES[key]) for key in YEAR_SECTIONS],
        }
