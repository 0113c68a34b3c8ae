"""The subsidy category list: the page for a year and reference date, snapshots (take, view,
compare) and the downloads (CSV, XLSX, PDF summary), each download logged."""

import hashlib
import json

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import F, Func, IntegerField
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from partnerships.mixins import PartnershipMixin, get_scoped_object
from placements import selectors, services
from placements.models import SubsidySnapshot
from placements.permissions import PlacementAction
from placements.subsidy import exports as export
from placements.subsidy import rules, texts
from placements.subsidy.forms import ChooseForm, ReferenceDateForm, SnapshotForm
from placements.year.mixins import YearMixin, YearPage


def page_url(partnership, year_label: str, reference_date=None) -> str:
    url = reverse(
        "placements:subsidy", kwargs={"partnership": partnership.slug, "year": year_label}
    )
    return f"{url}?{urlencode({'reference_date': reference_date})}" if reference_date else url


def tables_html(request, subsidy: services.SubsidyList, context: dict) -> str:
    """The list's tables (placements/subsidy_tables.html), rendered once per version of the
    data: the key is a digest of the rows themselves (a change to any student, placement or
    name makes a new key), the reader's language and what the reader may click. A list of
    2,000 students renders ~2,000 table rows; repeated visits read them from the cache."""
    can = context.get("can") or {}
    version = json.dumps(
        [
            subsidy.rows,
            subsidy.excluded,
            subsidy.partnership.slug,
            get_language(),
            context.get("live", False),
            bool(can.get("override_category")),
        ],
        default=str,
        sort_keys=True,
    )
    key = "placements:subsidy-tables:" + hashlib.sha256(version.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "placements/subsidy_tables.html", context | tables_context(subsidy), request
        )
        cache.set(key, html, TABLES_CACHE_SECONDS)
    return html


TABLES_CACHE_SECONDS = 15 * 60


def tables_context(subsidy: services.SubsidyList) -> dict:
    return export.totals_context(subsidy) | {
        "subsidy": subsidy,
        "groups": [
            (code, texts.category_label(code), [texts.describe(r) for r in subsidy.rows_of(code)])
            for code in rules.CATEGORIES
        ],
        "excluded": [texts.describe(r) for r in subsidy.excluded],
    }


class SubsidyChoose(PartnershipMixin, View):
    """The year chooser's target (GET): on to the chosen year's page, the date carried along."""

    action = PlacementAction.VIEW_SUBSIDY_LIST

    def get(self, request, *args, **kwargs):
        year = selectors.year_from_label(request.GET.get("year", ""))
        if year is None:
            if "year" in request.GET:
                messages.error(request, _("Choose an academic year like 2025-2026."))
            start = services.subsidy_count_year(self.access.today)
            return redirect(page_url(self.partnership, f"{start}-{start + 1}"))
        return redirect(page_url(self.partnership, year.label, request.GET.get("reference_date")))


class SubsidyData(YearMixin):
    def reference_form(self) -> ReferenceDateForm:
        data = self.request.GET if self.request.GET.get("reference_date") else None
        form = ReferenceDateForm(data, year=self.year)
        form.is_valid()
        return form

    def subsidy(self, form: ReferenceDateForm) -> services.SubsidyList:
        default = services.subsidy_default_reference_date(self.year)
        day = form.cleaned_data["reference_date"] if form.is_bound and form.is_valid() else default
        return services.subsidy_list_build(
            partnership=self.partnership, year=self.year, reference_date=day, access=self.access
        )


class SubsidyPage(SubsidyData, YearPage):
    page_cache = True
    action = PlacementAction.VIEW_SUBSIDY_LIST
    template_name = "placements/subsidy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = self.reference_form()
        subsidy = self.subsidy(reference)
        default = services.subsidy_default_reference_date(self.year)
        query = (
            {} if subsidy.reference_date == default else {"reference_date": subsidy.reference_date}
        )
        choose = ChooseForm(
            {"year": self.year.label, "reference_date": self.request.GET.get("reference_date")}
            if reference.is_bound
            else None,
            year=self.year,
            today=self.access.today,
            initial={"year": self.year.label},
        )
        if "form" not in kwargs:
            context["form"] = SnapshotForm(year=self.year, initial=query)
        context |= {"subsidy": subsidy, "live": True}
        return context | {
            "tables_html": tables_html(self.request, subsidy, context),
            "choose_form": choose,
            "reference_errors": reference.errors.get("reference_date"),
            "default_date": default,
            "query": urlencode(query),
            # the counts of each snapshot's rows, not the rows (2,000 dicts of JSON each)
            "snapshots": SubsidySnapshot.objects.filter(
                partnership=self.partnership, academic_year=self.year
            )
            .defer("rows", "excluded")
            .annotate(
                counted=Func(F("rows"), function="jsonb_array_length", output_field=IntegerField()),
                not_counted=Func(
                    F("excluded"), function="jsonb_array_length", output_field=IntegerField()
                ),
            )
            .select_related("taken_by", "academic_year"),
        }


class SnapshotTake(YearPage):
    """The stagecoördinator hands over the list as it is now (procedure step 15)."""

    action = PlacementAction.TAKE_SUBSIDY_SNAPSHOT
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SnapshotForm(request.POST, year=self.year)
        if form.is_valid():
            try:
                snapshot = services.subsidy_snapshot_take(
                    partnership=self.partnership,
                    year=self.year,
                    reference_date=form.cleaned_data["reference_date"],
                    label=form.cleaned_data["label"],
                    by=request.user,
                    access=self.access,
                )
            except ValidationError as exc:
                form.add_error("reference_date", exc)
            else:
                messages.success(request, _("The snapshot has been taken and handed over."))
                return redirect("placements:subsidy_snapshot", self.partnership.slug, snapshot.pk)
        page = SubsidyPage()
        page.setup(request, *args, **kwargs)
        page.partnership, page.access, page.year = self.partnership, self.access, self.year
        return page.render_to_response(page.get_context_data(form=form))


class SnapshotMixin(PartnershipMixin):
    action = PlacementAction.VIEW_SUBSIDY_LIST
    nav_section = "placements"

    def snapshots(self):
        return SubsidySnapshot.objects.filter(partnership=self.partnership).select_related(
            "partnership", "academic_year", "taken_by"
        )

    def get_snapshot(self, pk) -> SubsidySnapshot:
        return get_scoped_object(self.snapshots(), pk=pk)


class SnapshotDetail(SnapshotMixin, TemplateView):
    template_name = "placements/subsidy_snapshot.html"

    def get_context_data(self, **kwargs):
        snapshot = self.get_snapshot(self.kwargs["pk"])
        subsidy = services.subsidy_list_from_snapshot(snapshot)
        others = self.snapshots().exclude(pk=snapshot.pk).defer("rows", "excluded")
        return (
            super().get_context_data(**kwargs)
            | tables_context(subsidy)
            | {
                "snapshot": snapshot,
                "year": snapshot.academic_year,
                "others": others,
            }
        )


class SnapshotCompare(SnapshotMixin, TemplateView):
    """A snapshot against another one (``?with=<id>``) or against today's data."""

    template_name = "placements/subsidy_compare.html"

    def get_context_data(self, **kwargs):
        snapshot = self.get_snapshot(self.kwargs["pk"])
        before = services.subsidy_list_from_snapshot(snapshot)
        other = None
        if self.request.GET.get("with"):
            other = self.get_snapshot(self.request.GET["with"])
            after = services.subsidy_list_from_snapshot(other)
        else:
            after = services.subsidy_list_build(
                partnership=self.partnership,
                year=snapshot.academic_year,
                reference_date=snapshot.reference_date,
                access=self.access,
            )
        diff = services.subsidy_lists_compare(before, after)
        reasons = {r["student_id"]: texts.reason_text(r) for r in after.excluded}
        return super().get_context_data(**kwargs) | {
            "snapshot": snapshot,
            "other": other,
            "year": snapshot.academic_year,
            "diff": diff,
            "removed": [
                (texts.describe(r), reasons.get(r["student_id"], "")) for r in diff.removed
            ],
            "added": [texts.describe(r) for r in diff.added],
            "before_totals": before.totals,
            "after_totals": after.totals,
            "codes": rules.CATEGORIES,
        }


def download(request, subsidy: services.SubsidyList, fmt: str) -> HttpResponse:
    at = timezone.now()
    content, content_type, name = export.export(subsidy, fmt, by_name=request.user.full_name, at=at)
    services.subsidy_export_record(subsidy=subsidy, fmt=fmt, by=request.user)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class SubsidyExport(SubsidyData, View):
    action = PlacementAction.EXPORT_SUBSIDY_LIST

    def get(self, request, *args, **kwargs):
        if kwargs["fmt"] not in export.FORMATS:
            raise Http404
        form = self.reference_form()
        if form.is_bound and not form.is_valid():
            return redirect(
                page_url(self.partnership, self.year.label, request.GET["reference_date"])
            )
        return download(request, self.subsidy(form), kwargs["fmt"])


class SnapshotExport(SnapshotMixin, View):
    action = PlacementAction.EXPORT_SUBSIDY_LIST

    def get(self, request, *args, **kwargs):
        if kwargs["fmt"] not in export.FORMATS:
            raise Http404
        snapshot = self.get_snapshot(kwargs["pk"])
        return download(request, services.subsidy_list_from_snapshot(snapshot), kwargs["fmt"])
