"""Results of closed survey rounds (VIEW_RESULTS): the list of closed rounds, a round's results
with filters and a breakdown (htmx swaps the results area; a plain GET form without script), and
the same results as PDF and XLSX.

Only closed rounds have results: any other round — or another partnership's — answers 404, so
no partial results can be seen while a round is still open. Every number shown comes from
``quality.results.round_summary``, which applies the anonymity rules."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views import View
from django.views.generic import TemplateView

from partnerships.exports import xlsx_response
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.pdf import render_to_pdf
from quality.exports import summary_xlsx
from quality.forms.results import ResultsFilterForm, round_values

from ..choices import RoundStatus
from ..models import Invitation, QualitySettings, Response, SurveyRound
from ..permissions import QualityAction
from ..results import SUMMARY_CACHE_SECONDS, cached_round_summary, summary_version


def _count(model):
    return Coalesce(
        Subquery(
            model.objects.filter(round=OuterRef("pk"))
            .order_by()
            .values("round")
            .annotate(c=Count("pk"))
            .values("c"),
            output_field=IntegerField(),
        ),
        0,
    )


class ResultsMixin(PartnershipMixin):
    action = QualityAction.VIEW_RESULTS
    nav_section = "quality"

    def closed_rounds(self):
        return SurveyRound.objects.filter(
            partnership=self.partnership, status=RoundStatus.CLOSED
        ).select_related("partnership", "survey", "academic_year")

    def results(self) -> dict:
        """The round, the filter form and the summary (None while the form has errors)."""
        survey_round = get_scoped_object(self.closed_rounds(), pk=self.kwargs["pk"])
        version = summary_version(survey_round)
        key = f"quality:results-form-values:{survey_round.pk}:{version}"
        values = cache.get(key)
        if values is None:
            values = round_values(survey_round)
            cache.set(key, values, SUMMARY_CACHE_SECONDS)
        form = ResultsFilterForm(self.request.GET or None, round=survey_round, values=values)
        summary = None
        if not form.is_bound:
            summary = cached_round_summary(round=survey_round, version=version)
        elif form.is_valid():
            summary = cached_round_summary(
                round=survey_round,
                filters=form.filters(),
                breakdown=form.breakdown(),
                version=version,
            )
        return {
            "round": survey_round,
            "form": form,
            "summary": summary,
            "query": self.request.GET.urlencode(),
            "version": version,
        }


class ResultsIndex(ResultsMixin, TemplateView):
    page_cache = True
    template_name = "quality/results/index.html"

    def get_context_data(self, **kwargs):
        rounds = list(
            self.closed_rounds()
            .annotate(invited=_count(Invitation), responded=_count(Response))
            .order_by("-academic_year__start_year", "-half", "-opens_on", "title")
        )
        k = QualitySettings.for_partnership(self.partnership).min_group
        for r in rounds:
            r.shown = r.responded >= k  # the whole round: its complement is nobody
            r.rate = round(100 * r.responded / r.invited) if r.invited and r.shown else None
        return super().get_context_data(**kwargs) | {"rounds": rounds, "min_group": k}


class RoundResults(ResultsMixin, TemplateView):
    page_cache = True
    template_name = "quality/results/round.html"

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [f"{self.template_name}#results"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) | self.results()
        if not (self.request.htmx and not self.request.htmx.boosted):
            context["form_fields"] = self.form_fields(context)
        return context

    def form_fields(self, context) -> str:
        """The filter fields' HTML, once per version of the round's data, query and language
        (a select per dimension with an option per school: Django renders each option)."""
        query = hashlib.sha256(context["query"].encode()).hexdigest()[:16]
        key = "quality:results-form:{}:{}:{}:{}".format(
            context["round"].pk, context["version"], query, get_language()
        )
        html = cache.get(key)
        if html is None:
            html = render_to_string(
                "quality/results/_filter_fields.html", {"form": context["form"]}
            )
            cache.set(key, html, SUMMARY_CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)


class DownloadMixin(ResultsMixin):
    def invalid(self, context):
        """Filters with errors: back to the page, which shows them."""
        url = reverse("quality:round_results", args=[self.partnership.slug, context["round"].pk])
        return redirect(f"{url}?{context['query']}")


class RoundResultsPdf(DownloadMixin, View):
    def get(self, request, *args, **kwargs):
        context = self.results()
        if context["summary"] is None:
            return self.invalid(context)
        context |= {
            "partnership": self.partnership,
            "exported_by": request.user.full_name,
            "exported_at": timezone.now(),
        }
        content = render_to_pdf("quality/print/results.html", context)
        response = HttpResponse(content, content_type="application/pdf")
        name = f"results-{context['round'].pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class RoundResultsXlsx(DownloadMixin, View):
    def get(self, request, *args, **kwargs):
        context = self.results()
        if context["summary"] is None:
            return self.invalid(context)
        return xlsx_response(
            summary_xlsx(context["summary"]),
            f"results-{context['round'].pk}.xlsx",
        )
