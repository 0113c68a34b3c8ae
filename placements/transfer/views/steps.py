"""The steps of a transfer form after writing: submitted (after a check-your-answers page), a
guide's remark, final, shared (after a check page), acknowledged by the receiving school, and the
employer choice on the last form of a track. The steps POST; submit and share also show their
check page on GET and end on a confirmation page. The services decide who may (403 otherwise)
and when (the reason is shown on the page)."""

from abc import abstractmethod

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from partnerships.views.base import add_service_errors
from placements import services
from placements.transfer.access import receivers, submit_recipients
from placements.transfer.facts import display_facts, form_facts
from placements.transfer.forms import TEXT_LABELS, AcknowledgeForm, EmployerForm, RemarkForm
from placements.transfer.services import REQUIRED_TO_SUBMIT as REQUIRED
from placements.transfer.services import TEXT_FIELDS
from placements.transfer.views.form import TransferFormMixin


class TransferStep(TransferFormMixin, View):
    """A POST-only step; the service decides (403 for the wrong person). A step the status does
    not allow returns to the page with the reason; a form with errors is shown on the page."""

    form_class = None
    form_name = ""
    success = ""

    def post(self, request, *args, **kwargs):
        if not self.permitted():
            raise PermissionDenied
        form = self.make_form(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            return self.render_page(**{self.form_name: form})
        try:
            self.run(form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            if form is not None and hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
                return self.render_page(**{self.form_name: form})
            return self.failed(exc)
        return self.done()

    def failed(self, exc):
        messages.error(self.request, " ".join(exc.messages))
        return self.back()

    def done(self):
        messages.success(self.request, self.success)
        return self.back()

    def step_url(self, name: str) -> str:
        return reverse(f"placements:{name}", args=[self.partnership.slug, self.transfer.pk])

    def render_check(self, kind: str, **extra):
        context = {
            **self.base_context(),
            "transfer": self.transfer,
            "facts": display_facts(form_facts(self.transfer)),
            "kind": kind,
            "year": self.transfer.placement.academic_year,
            **extra,
        }
        return TemplateResponse(self.request, "placements/transfer_check.html", context)

    def make_form(self, data):
        return self.form_class(data)

    def permitted(self) -> bool:
        """Whether this person takes part in the step at all (checked before the form)."""
        return self.policy.is_student

    @abstractmethod
    def run(self, data):
        """Call the service for this step with the form's cleaned data."""


class TransferRemark(TransferStep):
    form_class = RemarkForm
    form_name = "remark_form"

    def make_form(self, data):
        return RemarkForm(data, roles=self._roles())

    def permitted(self) -> bool:
        return bool(self.policy.guide_roles)

    def run(self, data):
        self.success = _("Your remark has been added; the student sees it.")
        services.transfer_remark_add(
            form=self.transfer,
            by=self.request.user,
            text=data["text"],
            agrees=data["agrees"],
            role=data["role"],
        )


class TransferFinalise(TransferStep):
    def run(self, data):
        self.success = _("The transfer form is final.")
        services.transfer_form_finalise(form=self.transfer, by=self.request.user)


class TransferShare(TransferStep):
    """GET: check before sharing (who at the new school gets the form and an e-mail); POST:
    share, then the confirmation page."""

    def get(self, request, *args, **kwargs):
        if not self.permitted():
            raise PermissionDenied
        policy = self.policy
        if not policy.may_share or policy.share_blocker():
            return self.back()
        nxt = policy.next_placement
        people = receivers(self.transfer, next_placement=nxt)
        return self.render_check("share", people=people, school=nxt.school if nxt else None)

    def run(self, data):
        services.transfer_form_share(form=self.transfer, by=self.request.user)

    def done(self):
        return redirect(self.step_url("transfer_shared"))


class TransferSubmit(TransferStep):
    """Check your answers before submitting: the student's texts with a link to change each,
    what is still missing, and which guides get an e-mail. POST submits, then the confirmation
    page says who was e-mailed and what comes next."""

    def get(self, request, *args, **kwargs):
        if not self.permitted():
            raise PermissionDenied
        if not self.policy.may_submit:
            return self.back()
        transfer = self.transfer
        answers = [
            (name, TEXT_LABELS[name], getattr(transfer, name).strip()) for name in TEXT_FIELDS
        ]
        missing = [(name, label) for name, label, text in answers if name in REQUIRED and not text]
        return self.render_check(
            "submit", answers=answers, missing=missing, people=submit_recipients(transfer)
        )

    def run(self, data):
        services.transfer_form_submit(form=self.transfer, by=self.request.user)

    def failed(self, exc):
        if hasattr(exc, "error_dict"):
            messages.error(self.request, _("Fill in the missing answers before you submit."))
            return self.back()
        return super().failed(exc)

    def done(self):
        return redirect(self.step_url("transfer_submitted"))


class TransferDone(TransferFormMixin, View):
    """The confirmation after submitting or sharing: what happened, to whom, what comes next."""

    kind = ""

    def get(self, request, *args, **kwargs):
        policy = self.policy
        if not policy.is_student:
            raise PermissionDenied
        transfer = self.transfer
        if self.kind == "submit":
            if transfer.submitted_at is None:
                return redirect(transfer.get_absolute_url())
            people = submit_recipients(transfer)
        else:
            if transfer.shared_at is None:
                return redirect(transfer.get_absolute_url())
            people = [("", p) for p in receivers(transfer)]
        context = {
            **self.base_context(),
            "transfer": transfer,
            "kind": self.kind,
            "people": people,
            "year": transfer.placement.academic_year,
            "school": transfer.next_placement.school if transfer.next_placement else None,
        }
        return TemplateResponse(request, "placements/transfer_done.html", context)


class TransferAcknowledge(TransferStep):
    form_class = AcknowledgeForm
    form_name = "ack_form"

    def permitted(self) -> bool:
        return self.policy.is_receiver

    def run(self, data):
        self.success = _("Thank you: the student sees that the form has been discussed.")
        services.transfer_form_acknowledge(form=self.transfer, by=self.request.user)


class TransferEmployer(TransferStep):
    form_class = EmployerForm
    form_name = "employer_form"

    def run(self, data):
        self.success = _("Your choice has been saved.")
        services.transfer_form_employer(
            form=self.transfer,
            by=self.request.user,
            share=data["share_with_employer"],
            name=data["employer_name"],
            email=data["employer_email"],
        )
