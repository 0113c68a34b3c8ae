"""Pages of the budget and declarations: thin views over the selectors and services. The budget
is read with VIEW_BUDGET and kept with MANAGE_BUDGET; declarations are made with DECLARE (a
draft, its check page, the confirmation), decided with DECIDE_DECLARATIONS, marked paid with
PAY_DECLARATIONS and exported with EXPORT_DECLARATIONS."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ..attachments import attachment_download
from ..audit import record
from ..mixins import PartnershipMixin, get_scoped_object
from ..selectors import year_from_label
from ..views.base import ServiceFormView
from . import exports, forms, selectors, services
from .choices import DeclarationStatus
from .models import Budget, BudgetLine
from .permissions import FinanceAction as FA

NAV = "finance"


def url(partnership, name, **kwargs) -> str:
    return reverse(f"finance:{name}", kwargs={"partnership": partnership.slug, **kwargs})


class FinanceMixin(PartnershipMixin):
    action = FA.VIEW_BUDGET
    nav_section = NAV


class Home(FinanceMixin, View):
    """The menu's 'Finance': the budgets for those who read them, else the declarations."""

    action = FA.DECLARE

    def get(self, request, *args, **kwargs):
        name = "budget_list" if self.can(FA.VIEW_BUDGET) else "declaration_list"
        return redirect(url(self.partnership, name))


# --- budget -----------------------------------------------------------------------------------
class BudgetList(FinanceMixin, TemplateView):
    template_name = "partnerships/finance/budget_list.html"

    def get_context_data(self, **kwargs):
        budgets = list(selectors.budgets(self.partnership))
        return super().get_context_data(**kwargs) | {
            "views": [selectors.budget_view(b) for b in budgets],
            "manage": self.can(FA.MANAGE_BUDGET),
        }


class BudgetCreate(FinanceMixin, ServiceFormView):
    action = FA.MANAGE_BUDGET
    form_class = forms.BudgetCreateForm
    template_name = "partnerships/form.html"

    def get_form_kwargs(self):
        taken = {b.academic_year.label for b in selectors.budgets(self.partnership)}
        return super().get_form_kwargs() | {"taken": taken, "today": self.access.today}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("New budget"),
            "help_text": _(
                "The budget starts with the lines of the latest earlier budget, or with the "
                "standard lines; you change them next."
            ),
        }

    def save(self, form):
        year = year_from_label(form.cleaned_data["year"])
        return services.budget_create(
            partnership=self.partnership, academic_year=year, by=self.request.user
        )

    def cancel_fallback_url(self):
        return url(self.partnership, "budget_list")


class BudgetObject(FinanceMixin):
    @cached_property
    def budget(self) -> Budget:
        year = year_from_label(self.kwargs["year"])
        if year is None:
            raise Http404
        return get_scoped_object(selectors.budgets(self.partnership), academic_year=year)


class BudgetDetail(BudgetObject, TemplateView):
    template_name = "partnerships/finance/budget_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "view": selectors.budget_view(self.budget),
            "manage": self.can(FA.MANAGE_BUDGET),
        }


class LineForm(FinanceMixin, ServiceFormView):
    action = FA.MANAGE_BUDGET
    form_class = forms.BudgetLineForm
    template_name = "partnerships/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": self.title}

    def save(self, form):
        return services.line_save(line=form.instance, by=self.request.user)


class LineCreate(BudgetObject, LineForm):
    title = gettext_lazy("New budget line")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": BudgetLine(budget=self.budget)}

    def cancel_fallback_url(self):
        return self.budget.get_absolute_url()


class LineObject(FinanceMixin):
    @cached_property
    def line(self) -> BudgetLine:
        return get_scoped_object(selectors.lines(self.partnership), pk=self.kwargs["pk"])


class LineUpdate(LineObject, LineForm):
    title = gettext_lazy("Edit budget line")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.line}

    def cancel_fallback_url(self):
        return self.line.get_absolute_url()


class LineDetail(LineObject, TemplateView):
    template_name = "partnerships/finance/line_detail.html"

    def get_context_data(self, **kwargs):
        line = self.line
        return super().get_context_data(**kwargs) | {
            "line": line,
            "row": selectors.line_row(line),
            "entries": line.entries.select_related("entered_by"),
            "declarations": line.declarations.filter(
                status__in=(DeclarationStatus.APPROVED, DeclarationStatus.PAID)
            ).select_related("declarant", "organisation", "partnership"),
            "manage": self.can(FA.MANAGE_BUDGET),
        }


class EntryCreate(LineObject, ServiceFormView):
    action = FA.MANAGE_BUDGET
    form_class = forms.EntryForm
    template_name = "partnerships/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Enter a realised amount: %(line)s") % {"line": self.line.name}
        }

    def save(self, form):
        services.entry_add(line=self.line, by=self.request.user, **form.cleaned_data)
        return self.line

    def cancel_fallback_url(self):
        return self.line.get_absolute_url()


# --- declarations -----------------------------------------------------------------------------
class DeclarationMixin(FinanceMixin):
    action = FA.DECLARE

    def declarations(self):
        return selectors.declarations_visible(self.access, self.partnership)


class DeclarationList(DeclarationMixin, TemplateView):
    template_name = "partnerships/finance/declaration_list.html"

    def get_context_data(self, **kwargs):
        visible = self.declarations()
        status = self.request.GET.get("status", "")
        if status not in DeclarationStatus.values:
            status = ""
        counts = selectors.counts_by_status(visible)
        rows = list(visible.filter(status=status) if status else visible)
        return super().get_context_data(**kwargs) | {
            "declarations": rows,
            "total_cents": sum(d.amount_cents for d in rows),
            "status": status,
            "tabs": [(s, label, counts.get(s, 0)) for s, label in DeclarationStatus.choices],
            "count_all": sum(counts.values()),
            "export": self.can(FA.EXPORT_DECLARATIONS),
        }


class DeclarationObject(DeclarationMixin):
    @cached_property
    def declaration(self):
        return get_scoped_object(self.declarations(), pk=self.kwargs["pk"])


class OwnDraft(DeclarationObject):
    """Only the declarant changes, checks and submits their draft."""

    def may_use_object(self) -> bool:
        if self.declaration.declarant_id != self.request.user.pk:
            raise Http404
        return True


class DeclarationForm(DeclarationMixin, ServiceFormView):
    form_class = forms.DeclarationForm
    template_name = "partnerships/finance/declaration_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "lines": selectors.declarable_lines(self.partnership, self.access.today),
            "organisations": selectors.on_behalf_choices(self.access, self.partnership),
        }

    def save(self, form):
        form.instance.partnership = self.partnership
        return services.declaration_save_draft(
            declaration=form.instance,
            access=self.access,
            attachment=form.cleaned_data.get("attachment"),
        )

    def get_success_url(self, declaration):
        return url(self.partnership, "declaration_check", pk=declaration.pk)

    def cancel_fallback_url(self):
        return url(self.partnership, "declaration_list")


class DeclarationCreate(DeclarationForm):
    pass


class DeclarationUpdate(OwnDraft, DeclarationForm):
    def get(self, request, *args, **kwargs):
        if self.declaration.status != DeclarationStatus.DRAFT:
            return redirect(self.declaration.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.declaration}


class DeclarationCheck(OwnDraft, TemplateView):
    """Check before submitting: the declaration as the programme manager will see it. GET
    changes nothing; POST submits (once: a second press shows the same confirmation)."""

    template_name = "partnerships/finance/declaration_check.html"

    def get(self, request, *args, **kwargs):
        if self.declaration.status != DeclarationStatus.DRAFT:
            return redirect(url(self.partnership, "declaration_submitted", pk=self.declaration.pk))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"declaration": self.declaration}

    def post(self, request, *args, **kwargs):
        try:
            services.declaration_submit(declaration=self.declaration, access=self.access)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(url(self.partnership, "declaration_update", pk=self.declaration.pk))
        return redirect(url(self.partnership, "declaration_submitted", pk=self.declaration.pk))


class DeclarationSubmitted(OwnDraft, TemplateView):
    """The confirmation: what was submitted, and what happens next."""

    template_name = "partnerships/finance/declaration_submitted.html"

    def get(self, request, *args, **kwargs):
        if self.declaration.status == DeclarationStatus.DRAFT:
            return redirect(url(self.partnership, "declaration_check", pk=self.declaration.pk))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"declaration": self.declaration}


class DeclarationDetail(DeclarationObject, TemplateView):
    template_name = "partnerships/finance/declaration_detail.html"

    def get_context_data(self, **kwargs):
        d = self.declaration
        decide = self.can(FA.DECIDE_DECLARATIONS) and d.status == DeclarationStatus.SUBMITTED
        return super().get_context_data(**kwargs) | {
            "declaration": d,
            "decide_form": kwargs.get("decide_form") or (forms.DecideForm() if decide else None),
            "pay": self.can(FA.PAY_DECLARATIONS) and d.status == DeclarationStatus.APPROVED,
            "own_draft": d.status == DeclarationStatus.DRAFT
            and d.declarant_id == self.request.user.pk,
        }


class DeclarationDecide(DeclarationDetail):
    action = FA.DECIDE_DECLARATIONS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = forms.DecideForm(request.POST)
        if form.is_valid():
            try:
                services.declaration_decide(
                    declaration=self.declaration,
                    access=self.access,
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Your decision has been recorded and mailed."))
                return redirect(self.declaration.get_absolute_url())
        return self.render_to_response(self.get_context_data(decide_form=form))


class DeclarationPay(DeclarationObject, View):
    action = FA.PAY_DECLARATIONS

    def post(self, request, *args, **kwargs):
        try:
            services.declaration_mark_paid(declaration=self.declaration, access=self.access)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Marked as paid; the declarant has been mailed."))
        return redirect(self.declaration.get_absolute_url())


class DeclarationAttachment(DeclarationObject, View):
    def get(self, request, *args, **kwargs):
        return attachment_download(
            owner=self.declaration, person=request.user, partnership=self.partnership
        )


class DeclarationExport(DeclarationMixin, View):
    action = FA.EXPORT_DECLARATIONS

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in exports.FORMATS:
            raise Http404
        status = request.GET.get("status", "")
        queryset = self.declarations()
        if status in DeclarationStatus.values:
            queryset = queryset.filter(status=status)
        record(
            person=request.user,
            action="export",
            partnership=self.partnership,
            what="declarations",
            fmt=fmt,
            status=status,
        )
        return exports.response(queryset, fmt, self.partnership)
