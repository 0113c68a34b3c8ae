"""Quality report pages: the list, a report with its sections, analyses and comments, the
analysis per section, comments, handing the draft to the steering group, adoption, the PDF.

Reports come from ``selectors.reports_visible`` (leads see adopted reports only; another
partnership's or a hidden report is a 404). After adoption the pages are read-only and the
services refuse every change; the PDF of an adopted report is the archived document itself."""

import datetime
import hashlib
import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from partnerships.audit import record
from partnerships.governance.selectors import decision_meeting_preview, decisions_context
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.views.base import ServiceFormView
from quality.forms.reports import AdoptForm, CommentForm, SectionForm, SubmitForm

from ..choices import ReportStatus
from ..permissions import QualityAction
from ..selectors.reports import report_document, report_list, reports_visible
from ..selectors.targets import period_label
from ..services import reports as services

logger = logging.getLogger(__name__)


class ReportMixin(PartnershipMixin):
    action = QualityAction.VIEW_QUALITY_REPORTS
    nav_section = "quality"

    @cached_property
    def report(self):
        qs = (
            reports_visible(access=self.access, partnership=self.partnership)
            .select_related("academic_year", "adopted_by", "partnership")
            .defer("pdf")
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"report": self.report}

    def get_success_url(self, obj=None):
        return self.report.get_absolute_url()


class FrozenAfterAdoption(ReportMixin):
    """Pages that change a report: once it is adopted they send the reader back to it."""

    def get(self, request, *args, **kwargs):
        return self._frozen() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._frozen() or super().post(request, *args, **kwargs)

    def _frozen(self):
        if self.report.status == ReportStatus.ADOPTED:
            messages.warning(
                self.request, _("This report has been adopted; it can no longer be changed.")
            )
            return redirect(self.report.get_absolute_url())
        return None


class ReportList(PartnershipMixin, ListView):
    action = QualityAction.VIEW_QUALITY_REPORTS
    nav_section = "quality"
    template_name = "quality/reports/report_list.html"
    context_object_name = "reports"
    paginate_by = 25

    def get_queryset(self):
        return report_list(access=self.access, partnership=self.partnership)


class ReportDetail(ReportMixin, TemplateView):
    page_cache = True
    template_name = "quality/reports/report_detail.html"

    def get_context_data(self, **kwargs):
        report = self.report
        open_for_work = report.status != ReportStatus.ADOPTED
        context = super().get_context_data(**kwargs) | report_document(report)
        context |= {
            "may_write": open_for_work and self.can(QualityAction.WRITE_ANALYSIS),
            "may_comment": open_for_work and self.can(QualityAction.COMMENT_REPORT),
            "may_submit": report.status == ReportStatus.DRAFT
            and self.can(QualityAction.WRITE_ANALYSIS),
            "may_adopt": report.status == ReportStatus.IN_REVIEW
            and self.can(QualityAction.ADOPT_REPORT),
            "may_propose": open_for_work and self.can(QualityAction.MANAGE_ACTIONS),
            "organisation_parts": services.organisation_parts(
                access=self.access, partnership=self.partnership, report=report
            ),
        }
        if context["may_comment"]:
            context["comment_form"] = CommentForm(report=report)
        return context


class SectionEdit(FrozenAfterAdoption, ServiceFormView):
    action = QualityAction.WRITE_ANALYSIS
    form_class = SectionForm
    template_name = "quality/reports/section_form.html"

    @cached_property
    def section(self):
        return get_scoped_object(self.report.sections.all(), key=self.kwargs["section"])

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.section}

    def get_context_data(self, **kwargs):
        from ..report_data import SECTION_TITLES

        context = super().get_context_data(**kwargs)
        document = report_document(self.report)
        return context | {
            "section": self.section,
            "section_title": SECTION_TITLES.get(self.section.key, self.section.title),
            "data": document["data"],
        }

    def save(self, form):
        return services.report_section_update(
            section=self.section, by=self.request.user, analysis=form.cleaned_data["analysis"]
        )

    def get_success_url(self, obj=None):
        messages.success(self.request, _("The analysis has been saved."))
        return f"{self.report.get_absolute_url()}#section-{self.section.key}"


class ReportComment(FrozenAfterAdoption, ServiceFormView):
    action = QualityAction.COMMENT_REPORT
    form_class = CommentForm
    template_name = "quality/reports/comment_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"report": self.report}

    def save(self, form):
        return services.report_comment_add(
            report=self.report,
            by=self.request.user,
            text=form.cleaned_data["text"],
            section=form.cleaned_data["section"],
        )

    def get_success_url(self, obj=None):
        messages.success(self.request, _("Your comment has been added."))
        anchor = f"section-{obj.section.key}" if obj.section else "comments"
        return f"{self.report.get_absolute_url()}#{anchor}"


class ReportSubmit(FrozenAfterAdoption, ServiceFormView):
    action = QualityAction.WRITE_ANALYSIS
    form_class = SubmitForm
    template_name = "quality/reports/submit_form.html"

    def save(self, form):
        report = services.report_submit(report=self.report, by=self.request.user)
        messages.success(self.request, _("The report has been handed to the steering group."))
        return report


class ReportAdopt(FrozenAfterAdoption, ServiceFormView):
    """The meeting in which the steering group adopted the report. Nothing is adopted yet: the
    check page shows what adoption freezes and who is told (the values travel signed)."""

    action = QualityAction.ADOPT_REPORT
    form_class = AdoptForm
    template_name = "quality/reports/adopt_form.html"

    def get_initial(self):
        data = unsign_adoption(self.request.GET.get("data"), self.report)
        return data or super().get_initial()

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def save(self, form):
        if self.report.status != ReportStatus.IN_REVIEW:  # the service says so again
            raise ValidationError(_("Only a report with the steering group can be adopted."))
        data = form.cleaned_data
        if data.get("decided_at"):
            values = {"decided_at": data["decided_at"]}
        else:
            values = {
                "meeting": data["meeting"].strip(),
                "meeting_date": data["meeting_date"].isoformat(),
            }
        return signing.dumps({"report": self.report.pk, **values}, salt=ADOPT_SALT)

    def get_success_url(self, token):
        check = reverse("quality:report_adopt_check", args=[self.partnership.slug, self.report.pk])
        return f"{check}?{urlencode({'data': token})}"


ADOPT_SALT = "quality.reports.adopt"


def unsign_adoption(token: str | None, report) -> dict | None:
    """The adoption form's values for ``report`` from the check page's signed field: the
    governance meeting chosen (``decided_at``), or a meeting's name and date."""
    try:
        data = signing.loads(token or "", salt=ADOPT_SALT, max_age=60 * 60 * 24 * 7)
        if data["report"] != report.pk:
            return None
        if data.get("decided_at"):
            return {"decided_at": str(data["decided_at"])}
        return {
            "meeting": data["meeting"],
            "meeting_date": datetime.date.fromisoformat(data["meeting_date"]),
        }
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def adoption_shown(partnership, data: dict) -> dict | None:
    """The meeting as the check page shows it (nothing is created yet): a chosen governance
    meeting's name and day, else the name and date typed."""
    if not data.get("decided_at"):
        return data
    preview = decision_meeting_preview(partnership, data["decided_at"])
    if preview is None:
        return None
    return {"meeting": preview[0], "meeting_date": preview[1], "decision": True}


class AdoptionMixin(ReportMixin):
    action = QualityAction.ADOPT_REPORT

    def adopted_url(self) -> str:
        return reverse("quality:report_adopted", args=[self.partnership.slug, self.report.pk])

    def adopt_url(self, token: str | None = None) -> str:
        url = reverse("quality:report_adopt", args=[self.partnership.slug, self.report.pk])
        return f"{url}?{urlencode({'data': token})}" if token else url

    def get_context_data(self, **kwargs):
        report = self.report
        return super().get_context_data(**kwargs) | {
            "period": period_label(report.academic_year.label, report.half),
            **decisions_context(report, access=self.access, partnership=self.partnership),
        }


class ReportAdoptCheck(AdoptionMixin, TemplateView):
    """Check before adopting: the report's title and period, the meeting, what adoption
    freezes, who reads it from then on. GET changes nothing; POST adopts (once: an adopted
    report goes straight to the confirmation page)."""

    template_name = "quality/reports/adopt_check.html"

    def get(self, request, *args, **kwargs):
        report = self.report
        if report.status == ReportStatus.ADOPTED:
            return redirect(self.adopted_url())
        data = unsign_adoption(request.GET.get("data"), report)
        shown = adoption_shown(self.partnership, data) if data else None
        if shown is None:
            return redirect(self.adopt_url())
        context = self.get_context_data(
            data=shown, token=request.GET["data"], change_url=self.adopt_url(request.GET["data"])
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        report = self.report
        if report.status == ReportStatus.ADOPTED:
            return redirect(self.adopted_url())
        data = unsign_adoption(request.POST.get("data"), report)
        if data is None:
            return redirect(self.adopt_url())
        try:
            services.report_adopt(report=report, by=request.user, **data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.adopt_url(request.POST["data"]))
        return redirect(self.adopted_url())


class ReportAdopted(AdoptionMixin, TemplateView):
    """The confirmation: adopted in which meeting, frozen, the PDF being archived, who reads
    it now, what comes next."""

    template_name = "quality/reports/adopted.html"

    def get(self, request, *args, **kwargs):
        if self.report.status != ReportStatus.ADOPTED:
            return redirect(self.report.get_absolute_url())
        return super().get(request, *args, **kwargs)


class ReportPdf(ReportMixin, View):
    """An adopted report: the archived bytes, exactly as adopted (checked against their
    SHA-256). Any other: freshly rendered, marked DRAFT on every page."""

    def get(self, request, *args, **kwargs):
        report = self.report
        if report.is_adopting:
            messages.info(
                request, _("The PDF of this report is being archived; try again in a moment.")
            )
            return redirect(report.get_absolute_url())
        if report.status == ReportStatus.ADOPTED:
            pdf = bytes(
                type(report).objects.filter(pk=report.pk).values_list("pdf", flat=True).get() or b""
            )
            if hashlib.sha256(pdf).hexdigest() != report.pdf_sha256:
                logger.error("Archived PDF of quality report %s does not match its hash", report.pk)
                return HttpResponse(
                    _("The archived PDF of this report is damaged; ask the administrator."),
                    status=500,
                    content_type="text/plain; charset=utf-8",
                )
            name = slugify(report.title)
        else:
            pdf = services.report_pdf_render(report, draft=True)
            name = slugify(f"{report.title} {_('draft')}")
        record(
            person=request.user,
            action="download",
            obj=report,
            partnership=self.partnership,
            archived=report.status == ReportStatus.ADOPTED,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
