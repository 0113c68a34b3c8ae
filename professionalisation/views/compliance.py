"""Compliance with the professionalisation requirements: the overview of every school the viewer
may see, one school's page, the flagged placements and the norms."""

import hashlib
import json
from collections import Counter

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy

from partnerships.mixins import get_scoped_object
from partnerships.views.base import PartnershipPage, ServiceFormView
from professionalisation.forms.compliance import RequirementNormsForm

from .. import compliance
from ..permissions import ProAction
from ..services.compliance import requirement_norms_update


class ComplianceArea:
    action = ProAction.VIEW_COMPLIANCE
    nav_section = "professionalisation"

    def url(self, name, **kwargs):
        return reverse(
            f"professionalisation:{name}", kwargs={"partnership": self.partnership.slug, **kwargs}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["norms"] = compliance.norms_for(self.partnership)
        return context


class ComplianceOverview(ComplianceArea, PartnershipPage):
    page_cache = True
    template_name = "professionalisation/compliance/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = compliance.school_reports(
            access=self.access,
            partnership=self.partnership,
            scope=compliance.schools(self.access, self.partnership),
            on=self.access.today,
            norms=context["norms"],
        )
        return context | {
            "reports": reports,
            "gap_sections": gap_sections(reports, self.partnership, context["can"]),
            "with_gaps": sum(1 for r in reports if not r.compliant),
            "all_schools": compliance.sees_all_schools(self.access, self.partnership),
        }


GAP_SECTIONS_SECONDS = 15 * 60


def gap_sections(reports, partnership, can) -> str:
    """The overview's card per school with gaps (``_gap_sections.html``: a few hundred gaps and
    candidates on a large partnership), rendered once per version of what it shows: the key is
    a digest of the reports themselves, the links the reader may follow and the language."""
    version = json.dumps(
        [
            [r for r in reports if not r.compliant],  # dataclasses: their fields, via vars
            partnership.slug,
            bool(can.get("view_people")),
            get_language(),
        ],
        default=vars,
    )
    key = "professionalisation:gap-sections:" + hashlib.sha256(version.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "professionalisation/compliance/_gap_sections.html",
            {"reports": reports, "partnership": partnership, "can": can},
        )
        cache.set(key, html, GAP_SECTIONS_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)


class ComplianceSchool(ComplianceArea, PartnershipPage):
    template_name = "professionalisation/compliance/school.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        school = get_scoped_object(
            compliance.schools(self.access, self.partnership), pk=self.kwargs["pk"]
        )
        (report,) = compliance.school_reports(
            access=self.access,
            partnership=self.partnership,
            scope=[school.pk],
            on=self.access.today,
        )
        return context | {"school": school, "report": report}


class MentorFlags(ComplianceArea, PartnershipPage):
    template_name = "professionalisation/compliance/mentor_flags.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        flags = compliance.flagged_placements(
            access=self.access, partnership=self.partnership, on=self.access.today
        )
        per_school = Counter(f.placement.school.name for f in flags)
        return context | {
            "flags": [f for f in flags if f.visible],
            "per_school": sorted(per_school.items()),
            "total": len(flags),
        }


class NormsEdit(ComplianceArea, ServiceFormView):
    action = ProAction.MANAGE_ACTIVITIES
    form_class = RequirementNormsForm
    template_name = "professionalisation/compliance/norms_form.html"
    success_message = gettext_lazy("The requirements have been saved.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": compliance.norms_for(self.partnership)}

    def save(self, form):
        return requirement_norms_update(
            partnership=self.partnership, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, obj):
        return self.url("compliance")
