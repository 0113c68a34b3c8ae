"""Small appointments: record one on a placement, see the year's appointments with warnings."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from partnerships.mixins import get_scoped_object
from partnerships.views.base import ServiceFormView
from placements import selectors, services
from placements.appointments.services import FIELDS
from placements.choices import PlacementStatus
from placements.models import SmallAppointment
from placements.permissions import PlacementAction
from placements.year.mixins import YearMixin, YearPage


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = SmallAppointment
        fields = list(FIELDS)
        widgets = {
            "study_year": forms.RadioSelect,
            "hours_per_week": forms.NumberInput(attrs={"step": "0.5", "min": "0.5"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["study_year"].choices = SmallAppointment._meta.get_field("study_year").choices

    def clean_hours_per_week(self):
        hours = self.cleaned_data["hours_per_week"]
        if hours is not None and hours <= 0:
            raise forms.ValidationError(_("Enter the hours a week (more than 0)."))
        return hours


class PlacementInYear(YearMixin):
    action = PlacementAction.MANAGE_PLACEMENTS

    def get_placement(self):
        placements = (
            selectors.placements_visible(access=self.access, partnership=self.partnership)
            .filter(academic_year=self.year)
            .select_related("student__person", "student__institute", "school", "subject")
        )
        return get_scoped_object(placements, pk=self.kwargs["pk"])

    def appointment_url(self, placement) -> str:
        return reverse(
            "placements:appointment", args=[self.partnership.slug, self.year.label, placement.pk]
        )


class AppointmentEdit(PlacementInYear, ServiceFormView):
    form_class = AppointmentForm
    template_name = "placements/appointment_form.html"

    def get_form_kwargs(self):
        self.placement = self.get_placement()
        self.appointment = SmallAppointment.objects.filter(placement=self.placement).first()
        return super().get_form_kwargs() | {"instance": self.appointment}

    def get_initial(self):
        hbo_year = self.placement.student.hbo_year
        return {"study_year": hbo_year} if hbo_year in (3, 4) else {}

    def save(self, form):
        fields = {name: form.cleaned_data[name] for name in FIELDS}
        return services.small_appointment_save(
            placement=self.placement, by=self.request.user, **fields
        )

    def get_success_url(self, obj):
        warnings = services.appointment_warnings(obj)
        if warnings:
            messages.warning(
                self.request, _("The small appointment has been saved, with warnings.")
            )
        else:
            messages.success(self.request, _("The small appointment has been saved."))
        return self.appointment_url(self.placement)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "placement": self.placement,
            "appointment": self.appointment,
            "appointment_warnings": services.appointment_warnings(self.appointment),
            "cancel_url": reverse(
                "placements:appointment_list", args=[self.partnership.slug, self.year.label]
            ),
        }


class AppointmentDelete(PlacementInYear, View):
    def post(self, request, *args, **kwargs):
        placement = self.get_placement()
        appointment = get_scoped_object(SmallAppointment.objects.filter(placement=placement))
        services.small_appointment_delete(appointment=appointment, by=request.user)
        messages.success(request, _("The small appointment has been removed."))
        return redirect("placements:appointment_list", self.partnership.slug, self.year.label)


class AppointmentList(PlacementInYear, YearPage):
    """Every small appointment of the year the coordinator may see, with its warnings."""

    template_name = "placements/appointment_list.html"

    def placements(self):
        return selectors.placements_visible(
            access=self.access, partnership=self.partnership
        ).filter(academic_year=self.year)

    def get(self, request, *args, **kwargs):
        """ "Record a small appointment": the chosen placement's form (no JavaScript needed)."""
        if "placement" in request.GET:
            placement = get_scoped_object(self.placements(), pk=request.GET["placement"])
            return redirect(self.appointment_url(placement))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        placements = self.placements()
        appointments = (
            SmallAppointment.objects.filter(placement__in=placements)
            .select_related("placement__student__person", "placement__school")
            .order_by(
                "placement__student__person__last_name", "placement__student__person__first_name"
            )
        )
        rows = [(a, services.appointment_warnings(a)) for a in appointments]
        only_warnings = self.request.GET.get("warnings") == "1"
        context.update(
            rows=[row for row in rows if row[1] or not only_warnings],
            with_warnings=sum(1 for _a, w in rows if w),
            count=len(rows),
            only_warnings=only_warnings,
            without=placements.exclude(status=PlacementStatus.CANCELLED)
            .filter(small_appointment__isnull=True)
            .select_related("student__person", "school")
            .order_by("student__person__last_name", "student__person__first_name"),
        )
        return context
