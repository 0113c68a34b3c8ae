from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView

from .. import selectors, services
from ..access import Action
from ..filters import PersonFilter
from ..forms import PersonCreateForm, PersonForm, QualificationForm, RoleAssignmentForm
from ..mixins import PartnershipMixin, get_scoped_object
from .base import ScopedListView, ServiceFormView


class PersonList(ScopedListView):
    page_cache = True
    action = Action.VIEW_PEOPLE
    nav_section = "people"
    filterset_class = PersonFilter
    template_name = "partnerships/person_list.html"

    def get_queryset(self):
        return selectors.person_list(access=self.access, partnership=self.partnership)


class PersonDetail(PartnershipMixin, DetailView):
    action = Action.VIEW_PEOPLE
    nav_section = "people"
    template_name = "partnerships/person_detail.html"
    context_object_name = "person"

    def get_object(self, queryset=None):
        qs = selectors.person_list(access=self.access, partnership=self.partnership)
        return get_scoped_object(
            qs.prefetch_related("qualifications__subject"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["student_records"] = self.access.students(self.partnership).filter(
            person=self.object
        )
        return context


class PersonCreate(ServiceFormView):
    """A new person is created together with their first role in this partnership."""

    action = Action.MANAGE_PEOPLE
    nav_section = "people"
    form_class = PersonCreateForm
    template_name = "partnerships/form.html"
    success_message = _("The person has been saved.")
    title = _("New person")
    help_text = _(
        "If an account with this e-mail address already exists, the role is added to it and its "
        "details stay as they are."
    )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def save(self, form):
        return services.person_create_with_role(
            person=form.save(commit=False), assignment=form.assignment()
        )

    def get_success_url(self, obj):
        return obj_url(self.partnership, "partnerships:person_detail", obj.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | {"title": self.title, "help_text": self.help_text}


class PersonUpdate(ServiceFormView):
    action = Action.MANAGE_PEOPLE
    nav_section = "people"
    form_class = PersonForm
    template_name = "partnerships/form.html"
    success_message = _("The person has been saved.")

    def get_form_kwargs(self):
        person = get_scoped_object(self.access.people(self.partnership), pk=self.kwargs["pk"])
        shared = services.person_is_shared(person=person, partnership=self.partnership)
        return super().get_form_kwargs() | {"instance": person, "shared": shared}

    def save(self, form):
        return services.person_save(person=form.save(commit=False))

    def get_success_url(self, obj):
        return obj_url(self.partnership, "partnerships:person_detail", obj.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": _("Edit person")}


class _PersonChildForm(ServiceFormView):
    """Forms that hang off a person in this partnership (role assignments, qualifications)."""

    action = Action.MANAGE_PEOPLE
    nav_section = "people"
    template_name = "partnerships/form.html"

    def get_person(self):
        return get_scoped_object(self.access.people(self.partnership), pk=self.kwargs["pk"])

    def get_instance(self, person):
        return None

    def get_form_kwargs(self):
        person = self.get_person()
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "person": person,
            "instance": self.get_instance(person),
        }

    def get_success_url(self, obj):
        return obj_url(self.partnership, "partnerships:person_detail", obj.person_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.title}: {context['form'].instance.person}"
        return context


class RoleAssignmentCreate(_PersonChildForm):
    form_class = RoleAssignmentForm
    success_message = _("The role has been saved.")
    title = _("Role")

    def get_instance(self, person):
        if "role" not in self.kwargs:
            return None
        roles = self.access.role_assignments(self.partnership).filter(person=person)
        return get_scoped_object(roles, pk=self.kwargs["role"])

    def save(self, form):
        return services.role_assignment_save(assignment=form.save(commit=False))


class RoleAssignmentEnd(PartnershipMixin, View):
    """Ends a role today (kept for history rather than deleted)."""

    action = Action.MANAGE_PEOPLE

    def post(self, request, *args, **kwargs):
        roles = self.access.role_assignments(self.partnership)
        assignment = get_scoped_object(roles, pk=kwargs["role"], person_id=kwargs["pk"])
        try:
            services.role_assignment_end(assignment=assignment)
        except ValidationError as exc:  # e.g. a role that only starts later
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The role has been ended."))
        return redirect(obj_url(self.partnership, "partnerships:person_detail", kwargs["pk"]))


class QualificationCreate(_PersonChildForm):
    form_class = QualificationForm
    success_message = _("The qualification has been saved.")
    title = _("Qualification")

    def get_instance(self, person):
        if "qualification" not in self.kwargs:
            return None
        return get_scoped_object(person.qualifications.all(), pk=self.kwargs["qualification"])

    def save(self, form):
        return services.qualification_save(qualification=form.save(commit=False))


def obj_url(partnership, name, pk):
    return reverse(name, kwargs={"partnership": partnership.slug, "pk": pk})
