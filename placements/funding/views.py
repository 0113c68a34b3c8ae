"""Money pages of a year: the overview (amounts, expected subsidy, the key's result, payments),
entering the amounts, deciding the key, recording a payment — each through a check page before
anything is stored and a confirmation page after — and the statement of a school or institute
(page, PDF, XLSX)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from partnerships.governance import services as governance
from partnerships.mixins import get_scoped_object
from partnerships.models import Organisation
from partnerships.views.base import add_service_errors
from placements.funding import exports, forms, selectors, services
from placements.permissions import PlacementAction
from placements.year.mixins import YearMixin, YearPage


class FundingPage(YearPage):
    action = PlacementAction.VIEW_FUNDING
    template_name = "placements/funding.html"

    def get_context_data(self, **kwargs):
        overview = selectors.funding_overview(
            access=self.access, partnership=self.partnership, year=self.year
        )
        return super().get_context_data(**kwargs) | {"overview": overview}


class CheckedFormView(YearMixin, FormView):
    """A form, then a check page with the values (POSTed again as hidden fields, validated
    again), then the commit and a confirmation page. "Change" shows the form again."""

    template_name = "placements/funding_form.html"
    check_template_name = ""
    done_template_name = "placements/funding_done.html"
    form_intro = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "form_title": self.form_title % {"year": self.year},
            "form_intro": self.form_intro,
        }

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid() or "change" in request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        try:
            if "confirm" not in request.POST:
                context = self.get_context_data(form=form, **self.check_context(form))
                return render(request, self.check_template_name, context)
            done = self.commit(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render_to_response(self.get_context_data(form=form))
        return render(request, self.done_template_name, self.get_context_data(**done))


class AmountsEdit(CheckedFormView):
    action = PlacementAction.MANAGE_SUBSIDY_AMOUNTS
    form_title = _("Subsidy amounts %(year)s")
    form_intro = _(
        "The amount the ministry pays per student of each category this year (Regeling "
        "tegemoetkoming kosten opleidingsscholen), in euros. Leave a category empty while its "
        "amount is not known."
    )
    check_template_name = "placements/funding_amounts_check.html"
    form_class = forms.AmountsForm

    def get_initial(self):
        return services.funding_amounts(partnership=self.partnership, year=self.year)

    def check_context(self, form):
        before = self.get_initial()
        return {
            "changes": [
                (field.label, before.get(code), form.cleaned_data[code])
                for code, field in form.fields.items()
            ]
        }

    def commit(self, form):
        services.funding_amounts_save(
            partnership=self.partnership,
            year=self.year,
            amounts=form.amounts(),
            by=self.request.user,
        )
        return {
            "done_title": _("The subsidy amounts are saved"),
            "done_text": _(
                "The expected subsidy of every snapshot of this year and of today's list is "
                "computed with these amounts. A distribution key already decided keeps its "
                "total until the stuurgroep decides it again."
            ),
        }


class KeyDecide(CheckedFormView):
    action = PlacementAction.DECIDE_DISTRIBUTION_KEY
    form_title = _("Distribution key %(year)s")
    form_intro = _(
        "The expected subsidy of the chosen snapshot is split into the partnership's own costs, "
        "a part for the institutes (by their counted students), a fixed part shared equally by "
        "the active schools, and the rest per placed student: each school gets it by the "
        "weights of its students' facilitation categories. Every amount is rounded to the cent "
        "by the largest remainder, so the parts always add up to the total."
    )
    check_template_name = "placements/funding_key_check.html"
    form_class = forms.KeyForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership, "year": self.year}

    def get_initial(self):
        key = selectors.funding_key(partnership=self.partnership, year=self.year)
        if key is None:
            return {}
        return {
            "snapshot": key.snapshot_id,
            "own_costs_percent": key.own_costs_percent,
            "institutes_percent": key.institutes_percent,
            "fixed_percent": key.fixed_percent,
        } | {f"weight_{c}": w for c, w in key.weights.items()}

    def proposal(self, form) -> services.Proposal:
        data = form.cleaned_data
        return services.Proposal(
            data["own_costs_percent"],
            data["institutes_percent"],
            data["fixed_percent"],
            form.weights(),
        )

    def check_context(self, form):
        preview = services.funding_preview(
            partnership=self.partnership,
            year=self.year,
            snapshot=form.cleaned_data["snapshot"],
            proposal=self.proposal(form),
        )
        lines = selectors.recipients(preview.result, {})
        return {
            "preview": preview,
            "proposal": self.proposal(form),
            "lines": lines,
            "distributed": sum(line.share for line in lines),
            "meeting_label": dict(form.fields["decided_at"].choices).get(
                form.cleaned_data["decided_at"], ""
            ),
        }

    def commit(self, form):
        meeting = governance.resolve_meeting(
            partnership=self.partnership,
            value=form.cleaned_data["decided_at"],
            by=self.request.user,
        )
        key = services.funding_key_decide(
            partnership=self.partnership,
            year=self.year,
            snapshot=form.cleaned_data["snapshot"],
            proposal=self.proposal(form),
            meeting=meeting,
            by=self.request.user,
        )
        return {
            "done_title": _("The distribution key is decided"),
            "done_text": _(
                "Decision %(code)s is on the stuurgroep's decision list. Every school and "
                "institute can now read its statement; the administrator records the payments."
            )
            % {"code": key.decision_code},
        }


class PaymentAdd(CheckedFormView):
    action = PlacementAction.RECORD_FUNDING_PAYMENTS
    form_title = _("Record a payment")
    check_template_name = "placements/funding_payment_check.html"
    form_class = forms.PaymentForm

    def get_form_kwargs(self):
        organisations = Organisation.objects.filter(partnership=self.partnership).order_by(
            "kind", "name"
        )
        return super().get_form_kwargs() | {"organisations": organisations}

    def get_initial(self):
        return {"paid_on": self.access.today}

    def check_context(self, form):
        return {"data": form.cleaned_data}

    def commit(self, form):
        data = form.cleaned_data
        services.funding_payment_record(
            partnership=self.partnership,
            year=self.year,
            organisation=data["organisation"],
            amount_cents=data["amount"],
            paid_on=data["paid_on"],
            reference=data["reference"],
            by=self.request.user,
        )
        return {
            "done_title": _("The payment is recorded"),
            "done_text": _(
                "It appears on the statement of %(name)s, which shows what is still to be paid."
            )
            % {"name": data["organisation"].name},
        }


class StatementData(YearMixin):
    action = PlacementAction.VIEW_FUNDING_STATEMENT

    def statement(self) -> selectors.Statement:
        organisation = get_scoped_object(
            selectors.statement_organisations(access=self.access, partnership=self.partnership),
            pk=self.kwargs["organisation"],
        )
        key = selectors.funding_key(partnership=self.partnership, year=self.year)
        if key is None:
            raise Http404
        return selectors.funding_statement(access=self.access, key=key, organisation=organisation)


class StatementList(StatementData, YearPage):
    """The statements the reader may open: every school and institute for the managers and the
    stuurgroep, their own school(s) or institute for a coordinator."""

    template_name = "placements/funding_statements.html"

    def get_context_data(self, **kwargs):
        key = selectors.funding_key(partnership=self.partnership, year=self.year)
        mine = set(
            selectors.statement_organisations(
                access=self.access, partnership=self.partnership
            ).values_list("pk", flat=True)
        )
        paid = selectors.paid_per_organisation(partnership=self.partnership, year=self.year)
        lines = [r for r in selectors.recipients(key.result, paid) if r.pk in mine] if key else []
        return super().get_context_data(**kwargs) | {"key": key, "lines": lines}


class StatementPage(StatementData, YearPage):
    template_name = "placements/funding_statement.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"statement": self.statement()}


class StatementExport(StatementData, View):
    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in exports.FORMATS:
            raise Http404
        statement = self.statement()
        content, content_type, name = exports.export(
            statement, fmt, by_name=request.user.full_name, at=timezone.now()
        )
        services.funding_statement_export_record(statement=statement, fmt=fmt, by=request.user)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
