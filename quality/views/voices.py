"""The alumni register (with consent), a round's e-mail list, and the review and release of a
closed round's open answers. Thin views: the rules live in ``quality.services.voices`` and
``quality.services.review``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnerships.mixins import get_scoped_object
from partnerships.views.base import PartnershipPage, ServiceFormView, add_service_errors
from quality.forms.voices import AddressListForm, AlumniContactForm, ReviewForm

from .. import address_list
from ..choices import Audience, ResultsState, RoundStatus
from ..models import AlumniContact
from ..permissions import QualityAction
from ..services import review as review_services
from ..services import voices as services
from .rounds import RoundMixin

A = QualityAction


class AlumniMixin:
    action = A.MANAGE_ALUMNI
    nav_section = "quality"

    def url(self, name, **kwargs):
        return reverse(f"quality:{name}", kwargs={"partnership": self.partnership.slug, **kwargs})


class AlumniList(AlumniMixin, PartnershipPage):
    template_name = "quality/voices/alumni_list.html"

    def get_context_data(self, **kwargs):
        contacts = AlumniContact.objects.filter(partnership=self.partnership).select_related(
            "institute"
        )
        today = timezone.localdate()
        return super().get_context_data(**kwargs) | {
            "contacts": contacts,
            "active": sum(1 for c in contacts if not c.withdrawn_on or c.withdrawn_on > today),
        }


class AlumniCreate(AlumniMixin, ServiceFormView):
    form_class = AlumniContactForm
    template_name = "quality/voices/alumni_form.html"
    success_message = gettext_lazy("The alumni contact has been saved.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def save(self, form):
        return services.alumni_contact_save(
            partnership=self.partnership, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, obj):
        return self.url("alumni_list")

    def cancel_fallback_url(self):
        return self.url("alumni_list")


class AlumniWithdraw(AlumniMixin, PartnershipPage):
    template_name = "quality/voices/alumni_withdraw.html"

    @cached_property
    def contact(self):
        return get_scoped_object(
            AlumniContact.objects.filter(partnership=self.partnership), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"contact": self.contact}

    def post(self, request, *args, **kwargs):
        services.alumni_consent_withdraw(
            contact=self.contact, by=request.user, today=timezone.localdate()
        )
        messages.success(request, _("Consent has been withdrawn: no new invitations."))
        return redirect(self.url("alumni_list"))


class RoundAddresses(RoundMixin, ServiceFormView):
    """The e-mail list of a scheduled round sent to an e-mail list (teachers without a role)."""

    form_class = AddressListForm
    template_name = "quality/voices/round_addresses.html"

    def get_initial(self):
        """The current list, in the rows the form takes, so one address is added by adding a
        row (the list replaces the current one)."""
        rows = self.survey_round.addresses.select_related("school").order_by("email")
        return {
            "addresses": address_list.as_text(
                [
                    (a.email, a.school.name, a.school.short_name) if a.school else (a.email, "", "")
                    for a in rows
                ]
            )
        }

    def get_context_data(self, **kwargs):
        survey_round = self.survey_round
        return super().get_context_data(**kwargs) | {
            "addresses": survey_round.addresses.select_related("school"),
            "possible": survey_round.audience == Audience.EMAIL_LIST
            and survey_round.status == RoundStatus.SCHEDULED,
        }

    def save(self, form):
        count = services.round_addresses_replace(
            round=self.survey_round, by=self.request.user, text=form.cleaned_data["addresses"]
        )
        messages.success(self.request, _("The e-mail list holds %(n)s addresses.") % {"n": count})
        return self.survey_round

    def get_success_url(self, obj):
        return self.url("round_addresses", pk=obj.pk)

    def cancel_fallback_url(self):
        return self.url("round_detail", pk=self.survey_round.pk)


class RoundReview(RoundMixin, PartnershipPage):
    """Mark each open answer public, private or deleted (closed rounds, before release)."""

    action = A.REVIEW_OPEN_ANSWERS
    template_name = "quality/voices/round_review.html"

    def form(self, data=None):
        self.sheet = review_services.review_sheet(self.survey_round)
        return ReviewForm(data, sheet=self.sheet)

    def possible(self):
        return (
            self.survey_round.status == RoundStatus.CLOSED
            and self.survey_round.results_state != ResultsState.RELEASED
        )

    def get_context_data(self, form=None, **kwargs):
        form = form or self.form()
        for item in self.sheet["items"]:
            for answer in item["answers"]:
                answer["bound"] = form[answer["field"]]
        return super().get_context_data(**kwargs) | {
            "form": form,
            "sheet": self.sheet,
            "possible": self.possible(),
        }

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                state = review_services.open_answers_review(
                    round=self.survey_round, by=request.user, decisions=form.decisions()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if state == ResultsState.REVIEWED:
                    messages.success(request, _("Every open answer has been reviewed."))
                    return redirect(self.url("round_release", pk=self.survey_round.pk))
                messages.success(
                    request, _("The decisions have been saved; some answers are still open.")
                )
                return redirect(self.url("round_review", pk=self.survey_round.pk))
        return self.render_to_response(self.get_context_data(form=form))


class RoundRelease(RoundMixin, PartnershipPage):
    """Check your decisions, then release the round's results."""

    action = A.REVIEW_OPEN_ANSWERS
    template_name = "quality/voices/round_release.html"

    def get_context_data(self, **kwargs):
        sheet = review_services.review_sheet(self.survey_round)
        survey_round = self.survey_round
        return super().get_context_data(**kwargs) | {
            "sheet": sheet,
            "possible": survey_round.status == RoundStatus.CLOSED
            and survey_round.results_state != ResultsState.RELEASED,
            "undecided": sheet["counts"]["unreviewed"],
        }

    def post(self, request, *args, **kwargs):
        try:
            deleted = review_services.round_release(round=self.survey_round, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.url("round_release", pk=self.survey_round.pk))
        messages.success(
            request,
            ngettext(
                "The results have been released; %(n)s deleted answer was removed.",
                "The results have been released; %(n)s deleted answers were removed.",
                deleted,
            )
            % {"n": deleted},
        )
        return redirect(self.url("round_detail", pk=self.survey_round.pk))
