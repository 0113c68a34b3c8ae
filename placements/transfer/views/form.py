"""One transfer form (doorstroomformulier): the page, its autosave, its PDF and its steps.

The form is loaded from ``transfer_access.transfer_forms_visible`` (404 for anyone else, forged
ids too); ``TransferPolicy`` decides which parts and buttons a reader gets, the services check
again. Every view of the page and every PDF download writes an audit entry.

Autosave: each text field posts itself (htmx, ``hx-params`` = that field only) after a pause in
typing or on change, and gets back "Saved at hh:mm"; the service saves only the fields that were
sent, so it never clears another one. Without JavaScript the Save button posts every field."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from partnerships.audit import record
from partnerships.glossary import Role
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.pdf import render_to_pdf
from partnerships.views.base import add_service_errors
from placements import services
from placements.models import TransferFormStatus
from placements.permissions import PlacementAction
from placements.transfer.access import GUIDE_RELATED, TransferPolicy, transfer_forms_visible
from placements.transfer.facts import display_facts, display_remarks, form_facts, remark_records
from placements.transfer.forms import (
    TEXT_LABELS,
    AcknowledgeForm,
    EmployerForm,
    RemarkForm,
    TransferTextForm,
)
from placements.transfer.services import TEXT_FIELDS

T = TransferFormStatus
PROGRESS = [T.DRAFT, T.SUBMITTED, T.FINAL, T.SHARED, T.ACKNOWLEDGED]
PAGE = "placements/transfer_form.html"


def document_context(transfer) -> dict:
    """What the page and the PDF both show: the facts, the student's texts, the guides'
    agreement and their remarks."""
    records = transfer.snapshot.get("remarks")
    remarks = display_remarks(records if records is not None else remark_records(transfer))
    latest = {remark["role"]: remark for remark in remarks}
    guides = [
        {"role": Role(role).label, "agrees": bool(latest.get(role, {}).get("agrees"))}
        for role in (Role.WERKPLEKBEGELEIDER, Role.SCHOOLOPLEIDER, Role.INSTITUUTSOPLEIDER)
    ]
    return {
        "transfer": transfer,
        "facts": display_facts(form_facts(transfer)),
        "texts": [(name, TEXT_LABELS[name], getattr(transfer, name)) for name in TEXT_FIELDS],
        "remarks": remarks,
        "guides": guides,
        "progress": _progress(transfer.status),
    }


def _progress(status):
    current = PROGRESS.index(status)
    return [
        (T(s).label, "done" if i < current else "current" if i == current else "todo")
        for i, s in enumerate(PROGRESS)
    ]


class TransferFormMixin(PartnershipMixin):
    action = PlacementAction.VIEW_TRANSFER_FORMS
    nav_section = "placements"

    @cached_property
    def transfer(self):
        qs = (
            transfer_forms_visible(access=self.access, partnership=self.partnership)
            .select_related(
                "student__person",
                "student__institute",
                "student__partnership",
                "student__start_year",
                "student__instituutsopleider",
                "placement__academic_year",
                "placement__school",
                "placement__subject",
                *GUIDE_RELATED,
                "next_placement__school",
                "next_placement__academic_year",
                "next_placement__werkplekbegeleider",
                "next_placement__schoolopleider",
                "acknowledged_by",
            )
            .prefetch_related("remarks__author")
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def handle_no_permission(self):
        """Autosave after the session ended: say so in the field's status line (htmx would
        otherwise put the login page there) — the text is still in the field."""
        if self.request.htmx and not self.request.user.is_authenticated:
            error = _(
                "Not saved: you have been logged out. Copy your text, log in again and paste it."
            )
            return TemplateResponse(self.request, f"{PAGE}#saved", {"error": error})
        return super().handle_no_permission()

    @cached_property
    def policy(self) -> TransferPolicy:
        return TransferPolicy(self.transfer, self.request.user)

    def render_page(self, **forms):
        transfer, policy = self.transfer, self.policy
        if policy.may_edit and "text_form" not in forms:
            initial = {name: getattr(transfer, name) for name in TEXT_FIELDS}
            forms["text_form"] = TransferTextForm(initial=initial)
        if policy.may_remark and "remark_form" not in forms:
            forms["remark_form"] = RemarkForm(roles=self._roles())
        if policy.may_acknowledge and "ack_form" not in forms:
            forms["ack_form"] = AcknowledgeForm()
        if policy.may_choose_employer and "employer_form" not in forms:
            forms["employer_form"] = EmployerForm(
                initial={
                    "share_with_employer": transfer.share_with_employer,
                    "employer_name": transfer.employer_name,
                    "employer_email": transfer.employer_email,
                }
            )
        context = {
            **self.base_context(),
            **document_context(transfer),
            **forms,
            "policy": policy,
            "finalise_blocker": policy.finalise_blocker() if policy.may_finalise else "",
            "share_blocker": policy.share_blocker() if policy.may_share else "",
            "year": transfer.placement.academic_year,
        }
        return TemplateResponse(self.request, PAGE, context)

    def base_context(self) -> dict:
        return {
            "view": self,
            "partnership": self.partnership,
            "nav_section": self.nav_section,
            "can": self.permissions(),
        }

    def _roles(self):
        return [(role, Role(role).label) for role in self.policy.guide_roles]

    def back(self):
        return redirect(self.transfer.get_absolute_url())


class TransferFormPage(TransferFormMixin, View):
    """GET: the form (audit-logged). POST: the student's texts — one field (autosave) or all of
    them (Save / Submit buttons, also without JavaScript)."""

    page_cache = True

    def page_viewed(self):
        """Every view is in the audit log, also one served from the kept page (page_cache; the
        audit log is not part of the data version: no kept page shows it). The form is looked up
        in the user's visible forms by its id alone (404 for any other): the page's own read of
        the form with its 20 related rows is only needed when the page is built."""
        visible = transfer_forms_visible(access=self.access, partnership=self.partnership)
        form = get_scoped_object(visible.only("pk"), pk=self.kwargs["pk"])
        record(person=self.request.user, action="view", obj=form, partnership=self.partnership)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if not self.policy.is_student:
            raise PermissionDenied
        field = request.POST.get("autosave", "")
        if field:
            return self._autosave(field)
        form = TransferTextForm(request.POST)
        if not form.is_valid():
            return self.render_page(text_form=form)
        data = {name: form.cleaned_data[name] for name in TEXT_FIELDS if name in request.POST}
        try:
            services.transfer_form_save(form=self.transfer, by=request.user, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render_page(text_form=form)
        if request.POST.get("step") == "submit":
            # check your answers first: submitting e-mails the three guides
            return redirect(
                reverse(
                    "placements:transfer_submit", args=[self.partnership.slug, self.transfer.pk]
                )
            )
        messages.success(request, _("Your transfer form has been saved."))
        return self.back()

    def _autosave(self, field):
        form = TransferTextForm(self.request.POST, only=field)
        error = ""
        if field not in TEXT_FIELDS:
            error = _("This field cannot be saved.")
        elif not form.is_valid():
            error = " ".join(form.errors.get(field, []))
        else:
            try:
                services.transfer_form_save(
                    form=self.transfer, by=self.request.user, data={field: form.cleaned_data[field]}
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
        context = {"field": field, "error": error, "saved_at": timezone.localtime()}
        return TemplateResponse(self.request, f"{PAGE}#saved", context)


class TransferFormPdf(TransferFormMixin, View):
    """The same content as the page, as a PDF in the reader's language (audit-logged)."""

    def get(self, request, *args, **kwargs):
        transfer = self.transfer
        record(person=request.user, action="download", obj=transfer, partnership=self.partnership)
        context = {
            **document_context(transfer),
            "partnership": self.partnership,
            "printed_at": timezone.now(),
        }
        pdf = render_to_pdf("print/transfer_form.html", context, language=request.LANGUAGE_CODE)
        student, year = transfer.student.person.full_name, transfer.placement.academic_year
        name = slugify(f"doorstroomformulier {student} {year.label}")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
