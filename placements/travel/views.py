"""Travel times (issue 11, rule 7): per school the postcode areas and students with their
minutes, a form to enter one, and the file import with its template. Planners only
(``PlacementAction.MANAGE_TRAVEL_TIMES``); travel times belong to the partnership, the year in
the URL only keeps the page in the placement year's navigation."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from placements.capacity.views import XLSX
from placements.models import TravelTime
from placements.permissions import PlacementAction
from placements.travel.forms import TravelTimeForm, TravelUploadForm
from placements.travel.imports import travel_import, travel_template
from placements.travel.services import travel_time_save
from placements.year.mixins import YearMixin, YearPage


class TravelTimes(YearMixin, FormView):
    action = PlacementAction.MANAGE_TRAVEL_TIMES
    template_name = "placements/travel_times.html"
    form_class = TravelTimeForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def get_initial(self):
        return {"school": self.request.GET.get("school") or None}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            travel_time_save(
                partnership=self.partnership,
                school=data["school"],
                student=data["student"],
                area=data["area"] if not data["student"] else "",
                minutes=data["minutes"],
                by=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.form_invalid(form)
        if data["minutes"] is None:
            messages.success(self.request, _("The travel time has been removed."))
        else:
            messages.success(self.request, _("The travel time has been saved."))
        return redirect(self.request.get_full_path())

    def get_context_data(self, **kwargs):
        rows = TravelTime.objects.filter(partnership=self.partnership).select_related(
            "school", "student__person"
        )
        rows = rows.order_by("school__name", "school", "student", "area")
        schools = [(school, list(times)) for school, times in groupby(rows, key=lambda r: r.school)]
        return super().get_context_data(**kwargs) | {"schools": schools}


class TravelImport(YearMixin, FormView):
    action = PlacementAction.MANAGE_TRAVEL_TIMES
    template_name = "placements/travel_import.html"
    form_class = TravelUploadForm

    def form_valid(self, form):
        report = travel_import(
            partnership=self.partnership, file=form.cleaned_data["file"], by=self.request.user
        )
        if not report.ok:
            for message in report.file_errors:
                form.add_error("file", message)
            return self.render_to_response(self.get_context_data(form=form, report=report))
        messages.success(
            self.request,
            _("The travel times have been imported: %(created)s new, %(updated)s changed.")
            % {"created": report.created, "updated": report.updated},
        )
        if report.ignored_columns:
            messages.warning(
                self.request,
                _("These columns were not recognised and have been ignored: %(columns)s.")
                % {"columns": ", ".join(report.ignored_columns)},
            )
        return redirect("placements:travel_times", self.partnership.slug, self.year.label)


class TravelTemplate(YearPage):
    action = PlacementAction.MANAGE_TRAVEL_TIMES

    def get(self, request, *args, **kwargs):
        response = HttpResponse(travel_template(partnership=self.partnership), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="reistijden.xlsx"'
        return response
