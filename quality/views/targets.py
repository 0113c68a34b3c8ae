"""Targets (streefdoelen) on indicators: add, edit, delete (the programme manager, with the
framework). Reading them is part of the framework page and the reports."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from partnerships.mixins import get_scoped_object

from ..forms.targets import TargetForm
from ..models import Indicator, Target
from ..services import targets as services
from .framework import DeleteView, FrameworkForm


class TargetCreate(FrameworkForm):
    form_class = TargetForm
    title = _("New target")
    success_message = _("The target has been saved.")

    @cached_property
    def indicator(self):
        qs = Indicator.objects.filter(ambition__partnership=self.partnership)
        return get_scoped_object(qs, pk=self.kwargs["indicator"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        instance = kwargs["instance"]
        return kwargs | {"indicator": instance.indicator if instance else self.indicator}

    def get_context_data(self, **kwargs):
        instance = self.get_instance()
        indicator = instance.indicator if instance else self.indicator
        return super().get_context_data(**kwargs) | {"help_text": indicator.question}

    def save(self, form):
        return services.target_save(target=form.save(commit=False), by=self.request.user)


class TargetUpdate(TargetCreate):
    title = _("Edit target")

    @cached_property
    def target(self):
        qs = Target.objects.filter(partnership=self.partnership).select_related("indicator")
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    @cached_property
    def indicator(self):
        return self.target.indicator

    def get_instance(self):
        return self.target


class TargetDelete(DeleteView):
    success_message = _("The target has been deleted.")
    consequence = _("Reports drafted earlier keep it; improvement actions lose the link.")

    def get_object(self):
        qs = Target.objects.filter(partnership=self.partnership)
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def delete(self, obj):
        services.target_delete(target=obj, by=self.request.user)
