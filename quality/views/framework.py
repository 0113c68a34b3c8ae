"""The quality framework: ambitions → indicators → instruments with their NVAO standards, the
matrix "standard × instruments", and the forms that keep them (programme manager)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from partnerships.glossary import Role
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import AcademicYear
from partnerships.views.base import PartnershipPage, ServiceFormView
from quality.forms.framework import AmbitionForm, IndicatorForm, InstrumentForm

from ..calendar_grid import JULY, SCHOOL_MONTHS
from ..models import Ambition
from ..permissions import QualityAction
from ..selectors import framework as selectors
from ..selectors.targets import framework_glance
from ..services import framework as services

FORM = "quality/framework/form.html"


def role_label(role: str) -> str:
    return Role(role).label if role in Role.values else role


def current_year_label() -> str:
    return AcademicYear.current().label


class NavMixin:
    """The framework part's tabs need the current year for the evaluations link."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"current_year_label": current_year_label()}


def framework_url(partnership) -> str:
    return reverse("quality:framework", kwargs={"partnership": partnership.slug})


class FrameworkPage(NavMixin, PartnershipPage):
    action = QualityAction.VIEW_QUALITY
    nav_section = "quality"
    template_name = "quality/framework/framework.html"

    def get_context_data(self, **kwargs):
        instruments = list(selectors.instruments(partnership=self.partnership))
        return super().get_context_data(**kwargs) | {
            "ambitions": selectors.ambitions(partnership=self.partnership),
            "matrix": selectors.standards_matrix(instruments),
            "unlinked": [i for i in instruments if i.is_active and not i.indicators.all()],
            "target_rows": framework_glance(partnership=self.partnership),
            "target_indicators": selectors.indicators(partnership=self.partnership),
        }


class FrameworkForm(ServiceFormView):
    """Shared by the framework's forms: the manage action, the form template, a title."""

    action = QualityAction.MANAGE_FRAMEWORK
    nav_section = "quality"
    template_name = FORM
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": self.title}

    def get_success_url(self, obj):
        return framework_url(self.partnership)

    def get_instance(self):
        """The object being edited; None on a create page."""
        return None

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "instance": self.get_instance(),
        }


class AmbitionCreate(FrameworkForm):
    form_class = AmbitionForm
    title = _("New ambition")
    success_message = _("The ambition has been saved.")

    def save(self, form):
        return services.ambition_save(ambition=form.save(commit=False), by=self.request.user)


class AmbitionUpdate(AmbitionCreate):
    title = _("Edit ambition")

    @cached_property
    def ambition(self):
        qs = Ambition.objects.filter(partnership=self.partnership)
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def get_instance(self):
        return self.ambition


class DeleteView(PartnershipMixin, TemplateView):
    """GET asks to confirm, POST deletes. Subclasses give ``get_object`` and ``delete``."""

    action = QualityAction.MANAGE_FRAMEWORK
    nav_section = "quality"
    template_name = "quality/framework/confirm_delete.html"
    success_message = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "object": self.get_object(),
            "cancel_url": framework_url(self.partnership),
            "consequence": self.consequence,
        }

    def post(self, request, *args, **kwargs):
        self.delete(self.get_object())
        messages.success(request, self.success_message)
        return redirect(framework_url(self.partnership))


class AmbitionDelete(DeleteView):
    success_message = _("The ambition has been deleted.")
    consequence = _("Its indicators are deleted with it; the instruments stay.")

    @cached_property
    def ambition(self):
        qs = Ambition.objects.filter(partnership=self.partnership)
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def get_object(self):
        return self.ambition

    def delete(self, obj):
        services.ambition_delete(ambition=obj, by=self.request.user)


class IndicatorCreate(FrameworkForm):
    form_class = IndicatorForm
    title = _("New indicator")
    success_message = _("The indicator has been saved.")

    @cached_property
    def ambition(self):
        qs = Ambition.objects.filter(partnership=self.partnership)
        return get_scoped_object(qs, pk=self.kwargs["ambition"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        del kwargs["partnership"]  # an indicator belongs to its ambition
        instance = kwargs["instance"]
        return kwargs | {"ambition": instance.ambition if instance else self.ambition}

    def get_context_data(self, **kwargs):
        instance = self.get_instance()
        ambition = instance.ambition if instance else self.ambition
        return super().get_context_data(**kwargs) | {"help_text": ambition.title}

    def save(self, form):
        return services.indicator_save(indicator=form.save(commit=False), by=self.request.user)


class IndicatorUpdate(IndicatorCreate):
    title = _("Edit indicator")

    @cached_property
    def indicator(self):
        return get_scoped_object(
            selectors.indicators(partnership=self.partnership), pk=self.kwargs["pk"]
        )

    def get_instance(self):
        return self.indicator


class IndicatorDelete(DeleteView):
    success_message = _("The indicator has been deleted.")
    consequence = _("Instruments that measured it stay.")

    @cached_property
    def indicator(self):
        return get_scoped_object(
            selectors.indicators(partnership=self.partnership), pk=self.kwargs["pk"]
        )

    def get_object(self):
        return self.indicator

    def delete(self, obj):
        services.indicator_delete(indicator=obj, by=self.request.user)


class InstrumentList(NavMixin, PartnershipPage):
    action = QualityAction.VIEW_QUALITY
    nav_section = "quality"
    template_name = "quality/framework/instrument_list.html"

    def get_context_data(self, **kwargs):
        instruments = list(selectors.instruments(partnership=self.partnership))
        for instrument in instruments:
            instrument.responsible_label = role_label(instrument.responsible_role)
            instrument.month_labels = [
                MONTHS[m] for m in SCHOOL_MONTHS + (JULY,) if m in instrument.months
            ]
        return super().get_context_data(**kwargs) | {"instruments": instruments}


class InstrumentCreate(FrameworkForm):
    form_class = InstrumentForm
    title = _("New instrument")
    success_message = _("The instrument has been saved.")

    def save(self, form):
        return services.instrument_save(
            instrument=form.save(commit=False),
            indicators=list(form.cleaned_data["indicators"]),
            by=self.request.user,
        )

    def get_success_url(self, obj):
        return reverse("quality:instrument_list", kwargs={"partnership": self.partnership.slug})


class InstrumentUpdate(InstrumentCreate):
    title = _("Edit instrument")

    @cached_property
    def instrument(self):
        return get_scoped_object(
            selectors.instruments(partnership=self.partnership), pk=self.kwargs["pk"]
        )

    def get_instance(self):
        return self.instrument
