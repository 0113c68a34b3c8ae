"""The quality cycle's hub: where each part of the cycle lives, for the roles that use it."""

from partnerships.views.base import PartnershipPage

from ..permissions import QualityAction


class OverviewView(PartnershipPage):
    action = QualityAction.VIEW_QUALITY
    nav_section = "quality"
    template_name = "quality/overview.html"
