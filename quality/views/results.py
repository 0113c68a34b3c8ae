"""Results of closed survey rounds (VIEW_RESULTS): the list of closed rounds, a round's results
with filters and a breakdown (htmx swaps the results area; a plain GET form without script), and
the same results as PDF and XLSX.

Only closed rounds have results: any other round — or another partnership's — answers 404, so
no partial results can be seen while a round is still open. Every number shown comes from
``quality.results.round_summary``, which applies the anonymity rules."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from partnerships.exports import xlsx_response
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.pdf import render_to_pdf
from quality.exports import summary_xlsx
from quality.forms.results import ResultsFilterForm

from ..choices import RoundStatus
from ..models import Invitation, QualitySettings, Response, SurveyRound
from ..permissions import QualityAction
from ..results import cached_round_summary


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
        form = ResultsFilterForm(self.request.GET or None, round=survey_round)
        summary = None
        if not form.is_bound:
            summary = cached_round_summary(round=survey_round)
        elif form.is_valid():
            summary = cached_round_summary(
                round=survey_round, filters=form.filters(), breakdown=form.breakdown()
            )
        return {
            "round": survey_round,
            "form": form,
            "summary": summary,
            "query": self.request.GET.urlencode(),
        }


class ResultsIndex(ResultsMixin, TemplateView):
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
    template_name = "quality/results/round.html"

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [f"{self.template_name}#results"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | self.results()


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
