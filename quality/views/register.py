"""The risk register and the yearly internal evaluations of the partner organisations.

Internal evaluations: managers and governance read every organisation's evaluation; a
schoolcoördinator or school leader fills in their own school's (a coordinator's cluster schools
included), an instituutscoördinator their institute's. Another organisation's page is a 404 for
them. A submitted evaluation is read-only until the programme manager reopens it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View

from partnerships.mixins import get_scoped_object
from partnerships.views.base import PartnershipPage, ServiceFormView, add_service_errors
from quality.forms.framework import EvaluationForm, RiskForm

from ..choices import EvaluationStatus, EvaluationTheme
from ..permissions import QualityAction
from ..selectors import framework as selectors
from ..services import register as services
from .calendar import YearMixin
from .framework import NavMixin


def risk_list_url(partnership) -> str:
    return reverse("quality:risk_list", kwargs={"partnership": partnership.slug})


class RiskList(NavMixin, PartnershipPage):
    action = QualityAction.VIEW_RISKS
    nav_section = "quality"
    template_name = "quality/framework/risk_list.html"

    def get_context_data(self, **kwargs):
        risks = list(selectors.risks(partnership=self.partnership))
        for risk in risks:
            risk.level = selectors.risk_level(risk.risk_score)
        return super().get_context_data(**kwargs) | {
            "risks": risks,
            "heat_map": selectors.heat_map(risks),
        }


class RiskCreate(ServiceFormView):
    action = QualityAction.MANAGE_RISKS
    nav_section = "quality"
    form_class = RiskForm
    template_name = "quality/framework/form.html"
    title = _("New risk")
    success_message = _("The risk has been saved.")

    def get_instance(self):
        return None

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "owners": selectors.risk_owner_candidates(partnership=self.partnership),
            "instance": self.get_instance(),
        }

    def save(self, form):
        return services.risk_save(risk=form.save(commit=False), by=self.request.user)

    def get_success_url(self, obj):
        return risk_list_url(self.partnership)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": self.title}


class RiskUpdate(RiskCreate):
    title = _("Edit risk")

    @cached_property
    def risk(self):
        return get_scoped_object(
            selectors.risks(partnership=self.partnership), pk=self.kwargs["pk"]
        )

    def get_instance(self):
        return self.risk


# --- internal evaluations --------------------------------------------------------------------
def evaluation_url(partnership, year, organisation, name="quality:evaluation_detail") -> str:
    return reverse(
        name,
        kwargs={"partnership": partnership.slug, "year": year.label, "org": organisation.pk},
    )


class EvaluationList(NavMixin, YearMixin, PartnershipPage):
    action = QualityAction.VIEW_EVALUATIONS
    template_name = "quality/framework/evaluation_list.html"

    def get_context_data(self, **kwargs):
        fillable = selectors.fillable_organisation_ids(
            access=self.access, partnership=self.partnership
        )
        rows = selectors.evaluation_rows(
            access=self.access, partnership=self.partnership, year=self.year
        )
        return super().get_context_data(**kwargs) | {
            "year": self.year,
            "rows": [
                {"organisation": org, "evaluation": ev, "may_fill": org.pk in fillable}
                for org, ev in rows
            ],
            "previous_label": f"{self.year.start_year - 1}-{self.year.start_year}",
            "next_label": f"{self.year.start_year + 1}-{self.year.start_year + 2}",
        }


class EvaluationMixin(YearMixin):
    """The organisation of the URL, from the organisations this user may see (404 otherwise)."""

    def organisations(self):
        return selectors.evaluation_organisations(access=self.access, partnership=self.partnership)

    @cached_property
    def organisation(self):
        return get_scoped_object(self.organisations(), pk=self.kwargs["org"])

    @cached_property
    def evaluation(self):
        return selectors.evaluation_of(organisation=self.organisation, year=self.year)

    def may_fill(self) -> bool:
        fillable = selectors.fillable_organisation_ids(
            access=self.access, partnership=self.partnership
        )
        return self.organisation.pk in fillable

    def is_submitted(self) -> bool:
        return self.evaluation is not None and self.evaluation.status == EvaluationStatus.SUBMITTED

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "year": self.year,
            "organisation": self.organisation,
            "evaluation": self.evaluation,
            "list_url": reverse(
                "quality:evaluation_list",
                kwargs={"partnership": self.partnership.slug, "year": self.year.label},
            ),
        }


class EvaluationDetail(EvaluationMixin, PartnershipPage):
    action = QualityAction.VIEW_EVALUATIONS
    template_name = "quality/framework/evaluation_detail.html"

    def get_context_data(self, **kwargs):
        findings = {f.theme: f for f in self.evaluation.findings.all()} if self.evaluation else {}
        return super().get_context_data(**kwargs) | {
            "themes": [(theme.label, findings.get(theme.value)) for theme in EvaluationTheme],
            "may_fill": self.may_fill() and not self.is_submitted(),
            "may_reopen": self.is_submitted() and self.can(QualityAction.MANAGE_FRAMEWORK),
        }


class EvaluationEdit(EvaluationMixin, ServiceFormView):
    """The organisation's own evaluators fill it in: save as a draft or submit."""

    action = QualityAction.FILL_EVALUATION
    form_class = EvaluationForm
    template_name = "quality/framework/evaluation_edit.html"

    def organisations(self):
        return (
            super()
            .organisations()
            .filter(
                pk__in=selectors.fillable_organisation_ids(
                    access=self.access, partnership=self.partnership
                )
            )
        )

    def get(self, request, *args, **kwargs):
        if self.is_submitted():
            return self._read_only()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.is_submitted():
            return self._read_only()
        return super().post(request, *args, **kwargs)

    def _read_only(self):
        messages.info(
            self.request,
            _("This evaluation has been submitted; ask the programme manager to reopen it."),
        )
        return redirect(evaluation_url(self.partnership, self.year, self.organisation))

    @cached_property
    def facts(self):
        from django.utils import timezone

        from ..selectors.evaluation_facts import fact_lines, organisation_facts

        facts = organisation_facts(
            partnership=self.partnership,
            organisation=self.organisation,
            year=self.year,
            today=timezone.localdate(),
        )
        return facts, fact_lines(facts)

    def get_form_kwargs(self):
        from ..selectors.evaluation_facts import prefilled_findings

        return super().get_form_kwargs() | {
            "prefill": prefilled_findings(self.facts[0]),
            "submitting": self.request.POST.get("step") in ("submit", "confirm"),
        }

    def form_valid(self, form):
        """ "Submit" leads to a check page first: the texts are saved as a draft (nothing is
        lost if the user stops there) and shown as they will be submitted, with what submitting
        does; its button (step ``confirm``) submits them."""
        if self.request.POST.get("step") != "submit":
            return super().form_valid(form)
        try:
            services.evaluation_check(form.findings())
            services.evaluation_save(
                partnership=self.partnership,
                organisation=self.organisation,
                academic_year=self.year,
                findings=form.findings(),
                by=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        findings = form.findings()
        answers = [(theme.label, findings[theme.value]) for theme in EvaluationTheme]
        return render(
            self.request,
            "quality/framework/evaluation_check.html",
            self.get_context_data(form=form) | {"answers": answers},
        )

    def get_initial(self):
        """A new evaluation opens pre-filled: each theme's question and its facts."""
        if self.evaluation is None:
            from ..selectors.evaluation_facts import prefilled_findings

            return prefilled_findings(self.facts[0])
        return EvaluationForm.initial_from(self.evaluation)

    def save(self, form):
        submit = self.request.POST.get("step") == "confirm"
        evaluation = services.evaluation_save(
            partnership=self.partnership,
            organisation=self.organisation,
            academic_year=self.year,
            findings=form.findings(),
            submit=submit,
            by=self.request.user,
        )
        if submit:
            messages.success(self.request, _("The evaluation has been submitted."))
        else:
            messages.success(self.request, _("The evaluation has been saved as a draft."))
        return evaluation

    def get_success_url(self, obj):
        return evaluation_url(self.partnership, self.year, self.organisation)

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        themes = [
            (form[theme.value], form[f"{theme.value}_for_partnership"]) for theme in EvaluationTheme
        ]
        facts, lines = self.facts
        return super().get_context_data(**kwargs) | {
            "themes": themes,
            "facts_on": facts["on"],
            "fact_lines": [line for theme in EvaluationTheme for line in lines[theme.value]],
        }


class EvaluationReopen(EvaluationMixin, View):
    action = QualityAction.MANAGE_FRAMEWORK

    def post(self, request, *args, **kwargs):
        try:
            if self.evaluation is None:
                raise ValidationError(_("Only a submitted evaluation can be reopened."))
            services.evaluation_reopen(evaluation=self.evaluation, by=request.user)
            messages.success(request, _("The evaluation has been reopened."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(evaluation_url(self.partnership, self.year, self.organisation))
