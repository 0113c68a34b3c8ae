"""The quality cycle's hub: where each part of the cycle lives, for the roles that use it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import AcademicYear
from partnerships.views.base import PartnershipPage

from ..permissions import QualityAction as Q

# (heading, what it is for, url name, action) in the order of the PDCA cycle.
PARTS = [
    (
        _("Framework"),
        _("Ambitions, indicators and instruments per NVAO standard"),
        "framework",
        Q.VIEW_QUALITY,
    ),
    (
        _("Quality calendar"),
        _("What is measured when, by whom, and where it stands"),
        "calendar",
        Q.VIEW_QUALITY,
    ),
    (_("Surveys"), _("Questionnaires and templates"), "survey_list", Q.MANAGE_SURVEYS),
    (
        _("Survey rounds"),
        _("Plans, rounds, invitations and response rates"),
        "round_list",
        Q.VIEW_RESPONSE_RATES,
    ),
    (_("Results"), _("Results of closed rounds, anonymous"), "results_index", Q.VIEW_RESULTS),
    (
        _("Internal evaluations"),
        _("Each partner organisation's yearly evaluation"),
        "evaluation_list",
        Q.VIEW_EVALUATIONS,
    ),
    (
        _("Quality reports"),
        _("Half-yearly and annual reports, adopted by the steering group"),
        "report_list",
        Q.VIEW_QUALITY_REPORTS,
    ),
    (
        _("Improvement actions"),
        _("Who does what by when, and how it worked"),
        "action_list",
        Q.VIEW_ACTIONS,
    ),
    (_("Risks"), _("The risk register with mitigations"), "risk_list", Q.VIEW_RISKS),
    (
        _("Settings"),
        _("Anonymity threshold, response target, reminders"),
        "settings",
        Q.MANAGE_ROUNDS,
    ),
]


class OverviewView(PartnershipPage):
    action = Q.VIEW_QUALITY
    nav_section = "quality"
    template_name = "quality/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = AcademicYear.current(self.access.today).label
        context["parts"] = [
            {
                "title": title,
                "text": text,
                "url_name": f"quality:{name}",
                "url": reverse(f"quality:{name}", kwargs=self._kwargs(name, year)),
            }
            for title, text, name, action in PARTS
            if self.can(action)
        ]
        return context

    def _kwargs(self, name: str, year: str) -> dict:
        kwargs = {"partnership": self.partnership.slug}
        if name == "evaluation_list":  # the evaluations are per academic year
            kwargs["year"] = year
        return kwargs
