from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from .. import selectors, services
from ..access import Action
from ..filters import StudentFilter
from ..forms import CategoryOverrideForm, StudentForm
from ..mixins import PartnershipMixin, get_scoped_object
from ..models import Person
from .base import ScopedListView, ServiceFormView


class StudentList(ScopedListView):
    page_cache = True
    action = Action.VIEW_STUDENTS
    nav_section = "students"
    filterset_class = StudentFilter
    template_name = "partnerships/student_list.html"

    def get(self, request, *args, **kwargs):
        """A student sees their own record, not a staff list of one (issue 14)."""
        own = self.access.own_student_id(self.partnership)
        if own is not None:
            return redirect(
                "partnerships:student_detail", partnership=self.partnership.slug, pk=own
            )
        return super().get(request, *args, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        organisations = self.access.organisations(self.partnership)
        return super().get_filterset_kwargs(filterset_class) | {"organisations": organisations}

    def get_queryset(self):
        return selectors.student_list(access=self.access, partnership=self.partnership)


class StudentDetail(PartnershipMixin, DetailView):
    page_cache = True
    action = Action.VIEW_STUDENTS
    nav_section = "students"
    template_name = "partnerships/student_detail.html"
    context_object_name = "student"

    def get_object(self, queryset=None):
        qs = selectors.student_list(access=self.access, partnership=self.partnership)
        qs = qs.select_related("schoolopleider", "instituutsopleider", "override_by", "start_year")
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        manageable = self.access.manageable_students(self.partnership)
        context["can_edit"] = (
            self.can(Action.MANAGE_STUDENTS) and manageable.filter(pk=self.object.pk).exists()
        )
        return context


class StudentCreate(ServiceFormView):
    action = Action.MANAGE_STUDENTS
    nav_section = "students"
    form_class = StudentForm
    template_name = "partnerships/form.html"
    success_message = _("The student has been saved.")
    title = _("New student")

    def get_instance(self):
        return None

    def get_form_kwargs(self):
        staff = Person.objects.filter(roles__partnership=self.partnership).distinct()
        instance = self.get_instance()
        shared = instance is not None and services.person_is_shared(
            person=instance.person, partnership=self.partnership
        )
        return super().get_form_kwargs() | {
            "instance": instance,
            "shared": shared,
            "partnership": self.partnership,
            "institutes": self.access.manageable_institutes(self.partnership),
            "staff": staff,
        }

    def save(self, form):
        return services.student_save_with_person(
            student=form.save(commit=False), person_fields=form.person_fields()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": self.title}


class StudentUpdate(StudentCreate):
    title = _("Edit student")

    def get_instance(self):
        qs = self.access.manageable_students(self.partnership).select_related("person")
        return get_scoped_object(qs, pk=self.kwargs["pk"])


class StudentCategoryOverride(ServiceFormView):
    """An administrator overrides the derived subsidy/facilitation category, with a reason."""

    action = Action.OVERRIDE_CATEGORY
    nav_section = "students"
    form_class = CategoryOverrideForm
    template_name = "partnerships/form.html"
    success_message = _("The categories have been saved.")

    def get_student(self):
        return get_scoped_object(self.access.students(self.partnership), pk=self.kwargs["pk"])

    def get_initial(self):
        student = self.get_student()
        return {
            "subsidy": student.subsidy_category_override,
            "facilitation": student.facilitation_category_override,
            "reason": student.override_reason,
        }

    def save(self, form):
        return services.student_override_categories(
            student=self.get_student(),
            subsidy=form.cleaned_data["subsidy"],
            facilitation=form.cleaned_data["facilitation"],
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )

    def get_context_data(self, **kwargs):
        student = self.get_student()
        title = _("Categories of %(student)s") % {"student": student}
        help_text = _(
            "Derived from the programme variant: subsidy category %(subsidy)s, "
            "facilitation category %(facilitation)s. Leave a field on 'as derived' to use the rule."
        ) % {
            "subsidy": student.subsidy_category.upper(),
            "facilitation": student.get_facilitation_category_display() or "—",
        }
        return super().get_context_data(**kwargs) | {"title": title, "help_text": help_text}
