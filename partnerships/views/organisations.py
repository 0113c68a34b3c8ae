from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from .. import selectors, services
from ..access import Action
from ..filters import OrganisationFilter
from ..forms import OrganisationForm, PupilCountForm, SchoolProfileForm, SectionForm
from ..mixins import PartnershipMixin, get_scoped_object
from ..models import Organisation, Person, PupilCount
from .base import ScopedListView, ServiceFormView


class OrganisationList(ScopedListView):
    page_cache = True
    action = Action.VIEW_ORGANISATIONS
    nav_section = "org"
    filterset_class = OrganisationFilter
    template_name = "partnerships/organisation_list.html"

    def get_queryset(self):
        return selectors.organisation_list(access=self.access, partnership=self.partnership)


class OrganisationDetail(PartnershipMixin, DetailView):
    page_cache = True
    action = Action.VIEW_ORGANISATIONS
    nav_section = "org"
    template_name = "partnerships/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        qs = selectors.organisation_detail(access=self.access, partnership=self.partnership)
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        manageable = self.access.manageable_section_schools(self.partnership)
        context["can_manage_sections"] = manageable.filter(pk=org.pk).exists()
        context["staff"] = selectors.role_assignment_list(
            access=self.access, partnership=self.partnership
        ).filter(organisation=org)
        context["can_view_staff"] = self.can(Action.VIEW_PEOPLE)
        return context


class OrganisationCreate(ServiceFormView):
    action = Action.MANAGE_ORGANISATIONS
    nav_section = "org"
    form_class = OrganisationForm
    template_name = "partnerships/form.html"
    success_message = _("The organisation has been saved.")
    title = _("New organisation")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "instance": self.get_instance(),
        }

    def get_instance(self):
        return None

    def save(self, form):
        organisation = form.save(commit=False)
        return services.organisation_save(
            organisation=organisation,
            school_types=form.cleaned_data["school_types"],
            new_cluster=form.cleaned_data["new_cluster"],
            cluster_acts_as_one_school=form.cleaned_data["cluster_acts_as_one_school"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": self.title}


class OrganisationUpdate(OrganisationCreate):
    title = _("Edit organisation")

    def get_instance(self):
        return get_scoped_object(self.access.organisations(self.partnership), pk=self.kwargs["pk"])


class SectionCreate(ServiceFormView):
    """Managers and the school's own schoolcoördinator keep the school's subject sections."""

    action = Action.MANAGE_SECTIONS
    nav_section = "org"
    form_class = SectionForm
    template_name = "partnerships/form.html"
    success_message = _("The section has been saved.")

    def get_school(self):
        schools = self.access.manageable_section_schools(self.partnership)
        return get_scoped_object(schools, pk=self.kwargs["pk"])

    def get_instance(self, school):
        return None

    def get_form_kwargs(self):
        school = self.get_school()
        contacts = Person.objects.filter(
            roles__organisation=school, roles__partnership=self.partnership
        ).distinct()
        return super().get_form_kwargs() | {
            "school": school,
            "contacts": contacts,
            "instance": self.get_instance(school),
        }

    def save(self, form):
        return services.section_save(section=form.save(commit=False))

    def get_success_url(self, obj):
        return obj.school.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        school = context["form"].instance.school
        context["title"] = _("Subject section at %(school)s") % {"school": school}
        return context


class SectionUpdate(SectionCreate):
    def get_instance(self, school):
        return get_scoped_object(school.sections.all(), pk=self.kwargs["section"])


class PupilCountCreate(ServiceFormView):
    action = Action.MANAGE_ORGANISATIONS
    nav_section = "org"
    form_class = PupilCountForm
    template_name = "partnerships/form.html"
    success_message = _("The pupil count has been saved.")

    def get_form_kwargs(self):
        school = get_scoped_object(
            self.access.organisations(self.partnership).filter(kind="school"), pk=self.kwargs["pk"]
        )
        existing = None
        year_id = self.request.POST.get("academic_year")
        if year_id and year_id.isdigit():
            existing = PupilCount.objects.filter(organisation=school, academic_year=year_id).first()
        instance = existing or PupilCount(organisation=school)
        return super().get_form_kwargs() | {"instance": instance}

    def save(self, form):
        return services.pupil_count_save(pupil_count=form.save(commit=False))

    def get_success_url(self, obj):
        return obj.organisation.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        school = context["form"].instance.organisation
        context["title"] = _("Pupil count for %(school)s") % {"school": school}
        return context


class SchoolProfileUpdate(ServiceFormView):
    """The school's profile for students (002 §3.1 voorlichting): its own schoolcoördinator
    and the managers keep it."""

    action = Action.MANAGE_SECTIONS
    nav_section = "org"
    form_class = SchoolProfileForm
    template_name = "partnerships/school_profile_form.html"
    success_message = _("The school profile has been saved.")

    def get_school(self):
        schools = self.access.manageable_section_schools(self.partnership)
        return get_scoped_object(schools, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.get_school()}

    def save(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        school = Organisation.objects.get(pk=form.instance.pk)
        return services.school_profile_save(school=school, by=self.request.user, **fields)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        school = context["form"].instance
        context["title"] = _("Profile of %(school)s for students") % {"school": school}
        context["cancel_url"] = school.get_absolute_url()
        return context
