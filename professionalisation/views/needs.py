"""The needs inventory (per organisation per year) and the yearly overview with its XLSX
export."""

from collections import defaultdict

from django.contrib import messages
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from partnerships.audit import record
from partnerships.exports import xlsx_response
from partnerships.glossary import Role
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import AcademicYear
from partnerships.selectors import year_from_label
from partnerships.views.base import PartnershipPage, ServiceFormView
from professionalisation.forms.runs import NeedsForm

from .. import overview
from ..models import Need
from ..permissions import ProAction
from ..selectors import runs as selectors
from ..services import needs as services

ROLE_LABELS = dict(Role.choices)


class YearFromQuery:
    @cached_property
    def year(self):
        label = self.request.GET.get("year", "")
        return (label and year_from_label(label)) or AcademicYear.current()

    def year_context(self) -> dict:
        return {
            "year": self.year,
            "previous_year": AcademicYear(start_year=self.year.start_year - 1).label,
            "next_year": AcademicYear(start_year=self.year.start_year + 1).label,
        }


class NeedList(YearFromQuery, PartnershipPage):
    action = ProAction.EDIT_NEEDS
    nav_section = "professionalisation"
    template_name = "professionalisation/needs/need_list.html"

    def get_context_data(self, **kwargs):
        orgs = list(
            selectors.need_organisations(access=self.access, partnership=self.partnership).order_by(
                "kind", "name"
            )
        )
        needs = defaultdict(dict)
        updated = {}
        for need in Need.objects.filter(
            academic_year=self.year, organisation__in=[o.pk for o in orgs]
        ):
            needs[need.organisation_id][need.role] = need
            updated[need.organisation_id] = max(
                updated.get(need.organisation_id, need.updated_at), need.updated_at
            )
        rows = []
        for org in orgs:
            roles = services.roles_for(org)
            rows.append(
                {
                    "organisation": org,
                    "cells": [
                        (ROLE_LABELS[r], needs[org.pk][r].count if r in needs[org.pk] else 0)
                        for r in roles
                    ],
                    "total": sum(n.count for n in needs[org.pk].values()),
                    "updated": updated.get(org.pk),
                }
            )
        return super().get_context_data(**kwargs) | self.year_context() | {"rows": rows}


class NeedEdit(ServiceFormView):
    action = ProAction.EDIT_NEEDS
    nav_section = "professionalisation"
    form_class = NeedsForm
    template_name = "professionalisation/needs/need_edit.html"

    @cached_property
    def year(self):
        year = year_from_label(self.kwargs["year"])
        if year is None:
            raise Http404
        return year

    @cached_property
    def organisation(self):
        return get_scoped_object(
            selectors.need_organisations(access=self.access, partnership=self.partnership),
            pk=self.kwargs["organisation"],
        )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"roles": services.roles_for(self.organisation)}

    def get_initial(self):
        initial = {}
        for need in Need.objects.filter(academic_year=self.year, organisation=self.organisation):
            initial[f"count_{need.role}"] = need.count
            initial[f"content_{need.role}"] = need.content
        return initial

    def save(self, form):
        services.needs_save(
            organisation=self.organisation, year=self.year, rows=form.rows(), by=self.request.user
        )
        messages.success(self.request, _("The needs have been saved."))
        return self.organisation

    def get_success_url(self, obj):
        url = reverse("professionalisation:need_list", args=[self.partnership.slug])
        return f"{url}?year={self.year.label}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "organisation": self.organisation,
            "year": self.year,
            "cancel_url": self.get_success_url(None),
        }


class ProOverview(YearFromQuery, PartnershipPage):
    action = ProAction.VIEW_PRO_OVERVIEW
    nav_section = "professionalisation"
    template_name = "professionalisation/needs/overview.html"

    def get_context_data(self, **kwargs):
        data = overview.year_overview(partnership=self.partnership, year=self.year)
        return super().get_context_data(**kwargs) | self.year_context() | data


class ProOverviewXlsx(YearFromQuery, PartnershipMixin, View):
    action = ProAction.VIEW_PRO_OVERVIEW

    def get(self, request, *args, **kwargs):
        data = overview.year_overview(partnership=self.partnership, year=self.year)
        record(
            person=request.user,
            action="export",
            partnership=self.partnership,
            what="professionalisation overview",
            year=self.year.label,
        )
        name = f"professionalisation-{self.partnership.slug}-{self.year.label}.xlsx"
        return xlsx_response(overview.workbook(data), name)
