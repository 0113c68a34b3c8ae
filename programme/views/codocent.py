"""Co-docent hours of a year (VIEW_CODOCENT_HOURS), its XLSX export, the norms (factors as
data) and the fixed packages (MANAGE_PROGRAMME)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from partnerships.audit import record
from partnerships.exports import write_xlsx, xlsx_response
from partnerships.mixins import get_scoped_object
from partnerships.models import Person
from partnerships.views.base import add_service_errors
from programme.forms.groups import NormsForm, PackageForm

from ..models import CoDocentPackage
from ..permissions import ProgrammeAction
from ..selectors import groups as selectors
from ..services import groups as services
from .groups import YearMixin


class CodocentData(YearMixin):
    action = ProgrammeAction.VIEW_CODOCENT_HOURS

    def table(self):
        return selectors.codocent_table(
            access=self.access, partnership=self.partnership, year=self.year
        )


class CodocentHours(CodocentData, TemplateView):
    template_name = "programme/groups/codocent_hours.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"table": self.table()}


class CodocentHoursXlsx(CodocentData, View):
    def get(self, request, *args, **kwargs):
        table = self.table()
        people = (
            _("Co-docenten"),
            [
                _("Name"),
                _("School"),
                _("Sessions"),
                _("Events"),
                _("Session hours"),
                _("Travel hours"),
                _("Package hours"),
                _("Total hours"),
            ],
            [
                (
                    person.full_name,
                    school.name if school else "",
                    h.sessions,
                    h.events,
                    h.session_hours,
                    h.travel_hours,
                    h.package_hours,
                    h.total,
                )
                for person, school, h in table.people
            ],
        )
        schools = (
            _("Schools"),
            [
                _("School"),
                _("Co-docenten"),
                _("Total hours"),
                _("Mean per co-docent"),
                _("Lowest"),
                _("Highest"),
            ],
            [
                (
                    school.name if school else _("No school"),
                    row.spread.count,
                    row.spread.total,
                    row.spread.mean,
                    row.spread.low,
                    row.spread.high,
                )
                for school, row, _bar in table.schools
            ],
        )
        norms = table.norms
        norm_sheet = (
            _("Norms"),
            [_("Norm"), _("Value")],
            [
                (str(norms._meta.get_field(name).verbose_name), _norm_value(norms, name))
                for name in NormsForm.Meta.fields
            ]
            + [(_("The rule in words"), table.rule_text)],
        )
        record(
            person=request.user,
            action="export",
            partnership=self.partnership,
            what="codocent_hours",
            year=self.year.label,
        )
        name = f"codocent-hours-{self.partnership.slug}-{self.year.label}.xlsx"
        return xlsx_response(write_xlsx([people, schools, norm_sheet]), name)


def _norm_value(norms, name):
    if name == "travel_rule":
        return str(norms.get_travel_rule_display())
    return getattr(norms, name)


class CodocentNorms(YearMixin, TemplateView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    template_name = "programme/groups/codocent_norms.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "form" not in context:
            context["form"] = NormsForm(
                instance=selectors.codocent_norms(partnership=self.partnership)
            )
        return context

    def post(self, request, *args, **kwargs):
        norms = selectors.codocent_norms(partnership=self.partnership)
        form = NormsForm(request.POST, instance=norms)
        if form.is_valid():
            try:
                services.codocent_norms_save(norms=form.instance, by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The norms have been saved."))
                return redirect(self.year_url("codocent_hours"))
        return self.render_to_response(self.get_context_data(form=form))


class CodocentPackages(YearMixin, TemplateView):
    """The year's packages (hbo year 1, wpb training): the list, adding one (POST)."""

    action = ProgrammeAction.MANAGE_PROGRAMME
    template_name = "programme/groups/codocent_packages.html"

    def people(self):
        roles = selectors.codocent_roles(partnership=self.partnership, year=self.year)
        return Person.objects.filter(pk__in=roles.values("person")).order_by(
            "last_name", "first_name"
        )

    def get_context_data(self, **kwargs):
        packages = (
            CoDocentPackage.objects.filter(partnership=self.partnership, academic_year=self.year)
            .select_related("person")
            .order_by("person__last_name", "kind", "pk")
        )
        context = super().get_context_data(**kwargs) | {"packages": packages}
        context.setdefault("form", PackageForm(people=self.people()))
        return context

    def post(self, request, *args, **kwargs):
        form = PackageForm(request.POST, people=self.people())
        if form.is_valid():
            try:
                services.codocent_package_add(
                    partnership=self.partnership,
                    year=self.year,
                    by=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The package has been added."))
                return redirect(self.year_url("codocent_packages"))
        return self.render_to_response(self.get_context_data(form=form))


class CodocentPackageDelete(YearMixin, View):
    action = ProgrammeAction.MANAGE_PROGRAMME

    def post(self, request, *args, **kwargs):
        qs = CoDocentPackage.objects.filter(partnership=self.partnership).select_related(
            "academic_year", "partnership"
        )
        package = get_scoped_object(qs, pk=kwargs["pk"])
        self.year = package.academic_year
        services.codocent_package_remove(package=package, by=request.user)
        messages.success(request, _("The package has been removed."))
        return redirect(self.year_url("codocent_packages"))
