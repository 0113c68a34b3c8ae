"""Facilitation hours: the table, its XLSX export and the norms page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from partnerships.exports import write_xlsx, xlsx_response
from partnerships.models import Organisation
from placements import services
from placements.models import FacilitationNorm, InstituteNorm, YearNorms
from placements.permissions import PlacementAction
from placements.year.mixins import YearMixin, YearPage


class FacilitationData(YearMixin):
    action = PlacementAction.VIEW_FACILITATION

    def facilitation(self):
        norms = services.facilitation_norms_ensure(partnership=self.partnership, year=self.year)
        scope = services.facilitation_scope(access=self.access, partnership=self.partnership)
        table = services.facilitation_table(
            partnership=self.partnership, year=self.year, scope=scope, norms=norms
        )
        return norms, scope, table


class FacilitationPage(FacilitationData, YearPage):
    template_name = "placements/facilitation.html"

    def get_context_data(self, **kwargs):
        norms, scope, table = self.facilitation()
        return super().get_context_data(**kwargs) | {"norms": norms, "scope": scope, "table": table}


class FacilitationExport(FacilitationData, View):
    def get(self, request, *args, **kwargs):
        norms, scope, table = self.facilitation()
        schools = [
            (
                line.name,
                line.hours.students,
                line.hours.wpb,
                line.hours.so,
                line.hours.base,
                line.hours.total,
            )
            for line in table.schools
        ]
        schools.append((_("Total"), None, None, None, None, table.total))
        sheets = [
            (
                _("Schools"),
                [
                    _("School"),
                    _("Students"),
                    _("wpb hours"),
                    _("schoolopleider hours"),
                    _("Base hours"),
                    _("Total hours"),
                ],
                schools,
            )
        ]
        if scope.show_people:
            sheets.append(
                (
                    _("People"),
                    [
                        _("Name"),
                        _("School"),
                        _("wpb hours"),
                        _("schoolopleider hours"),
                        _("Total hours"),
                    ],
                    [
                        (line.name, ", ".join(line.schools), line.wpb, line.so, line.total)
                        for line in table.people
                    ],
                )
            )
        if scope.show_institutes:
            sheets.append(
                (
                    _("Institutes"),
                    [_("Institute"), _("Norm"), _("Students"), _("Trainer hours")],
                    [
                        (
                            line.name,
                            "; ".join(line.norm_texts),
                            line.students,
                            hours,
                        )
                        for line, hours in table.institutes
                    ],
                )
            )
        sheets.append(
            (
                _("Norms"),
                [_("Category"), _("wpb hours"), _("schoolopleider hours")],
                [(n.get_category_display(), n.wpb_hours, n.so_hours) for n in norms.categories]
                + [
                    (_("Base hours per school"), norms.year.school_base_hours, None),
                    (_("Weeks per school year"), norms.year.weeks_per_year, None),
                ],
            )
        )
        name = f"facilitation-{self.partnership.slug}-{self.year.label}.xlsx"
        return xlsx_response(write_xlsx(sheets), name)


class YearNormsForm(forms.ModelForm):
    class Meta:
        model = YearNorms
        fields = ["school_base_hours", "weeks_per_year"]


class CategoryNormForm(forms.ModelForm):
    class Meta:
        model = FacilitationNorm
        fields = ["wpb_hours", "so_hours"]


class InstituteNormForm(forms.ModelForm):
    class Meta:
        model = InstituteNorm
        fields = ["institute", "hours", "per", "period", "group_min", "group_max"]

    def __init__(self, *args, institutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institute"].queryset = institutes


CategoryFormSet = forms.modelformset_factory(
    FacilitationNorm, form=CategoryNormForm, extra=0, edit_only=True
)
InstituteFormSet = forms.modelformset_factory(
    InstituteNorm, form=InstituteNormForm, extra=2, can_delete=True
)


class FacilitationNorms(YearPage):
    """Managers keep the year's norms: base hours, hours per category, institute norms."""

    action = PlacementAction.MANAGE_QUOTA
    template_name = "placements/facilitation_norms.html"

    def forms(self, data=None):
        norms = services.facilitation_norms_ensure(partnership=self.partnership, year=self.year)
        ids = [n.pk for n in norms.categories]
        return norms, {
            "year_form": YearNormsForm(data, instance=norms.year, prefix="year"),
            "categories": CategoryFormSet(
                data, queryset=FacilitationNorm.objects.filter(pk__in=ids), prefix="cat"
            ),
            "institutes": InstituteFormSet(
                data,
                queryset=InstituteNorm.objects.filter(pk__in=[n.pk for n in norms.institutes])
                .select_related("institute")
                .order_by("institute__name", "per", "period", "pk"),
                prefix="inst",
                form_kwargs={
                    "institutes": Organisation.objects.filter(
                        partnership=self.partnership, kind="institute"
                    )
                },
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "forms" not in kwargs:
            context["norms"], context["forms"] = self.forms()
        return context

    def post(self, request, *args, **kwargs):
        norms, bound = self.forms(request.POST)
        if all(form.is_valid() for form in bound.values()):
            norms.year = bound["year_form"].save(commit=False)
            norms.categories = bound["categories"].save(commit=False)
            institutes = bound["institutes"]
            kept = institutes.save(commit=False)
            removed = list(institutes.deleted_objects)
            changed = {n.pk for n in kept if n.pk}
            norms.institutes = kept + [
                n for n in norms.institutes if n.pk not in changed and n not in removed
            ]
            try:
                services.facilitation_norms_save(norms=norms, by=request.user, removed=removed)
            except ValidationError as exc:
                bound["year_form"].add_error(None, exc)
            else:
                messages.success(request, _("The norms have been saved."))
                return redirect("placements:facilitation", self.partnership.slug, self.year.label)
        return self.render_to_response(self.get_context_data(norms=norms, forms=bound))
