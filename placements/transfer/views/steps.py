"""The steps of a transfer form after writing: a guide's remark, final, shared, acknowledged by
the receiving school, and the employer choice on the last form of a track. POST only; the
services decide who may (403 otherwise) and when (the reason is shown on the page)."""

from abc import abstractmethod

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.views import View

from partnerships.views.base import add_service_errors
from placements import services
from placements.transfer.forms import AcknowledgeForm, EmployerForm, RemarkForm
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
            messages.error(request, " ".join(exc.messages))
            return self.back()
        messages.success(request, self.success)
        return self.back()

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
    def run(self, data):
        self.success = _("The transfer form has been shared with your new school.")
        services.transfer_form_share(form=self.transfer, by=self.request.user)


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
