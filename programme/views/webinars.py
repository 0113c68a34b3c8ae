"""Webinars: a student's log per period with the "at least two per period" rule, logging a
webinar (the student themself), and the overview for guides and managers.

The log of a student is found through the access layer (a student: their own; a guide: the
students they guide; anyone else's id: 404)."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from partnerships.mixins import get_scoped_object
from partnerships.models import Student
from partnerships.views.base import ScopedListView, ServiceFormView
from programme.forms.groups import WebinarFilter, WebinarForm

from ..permissions import ProgrammeAction
from ..selectors import groups as selectors
from ..services import webinars as services
from .groups import YearMixin


class WebinarLogPage(YearMixin, TemplateView):
    action = ProgrammeAction.VIEW_WEBINARS
    template_name = "programme/groups/webinar_log.html"

    @cached_property
    def student(self):
        qs = self.access.students(self.partnership).select_related("person", "school")
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        periods = selectors.webinar_periods(student=self.student, year=self.year, today=today)
        current = selectors.current_period(self.year, today)
        return super().get_context_data(**kwargs) | {
            "student": self.student,
            "periods": periods,
            "current": current.number if current else None,
            "is_own": self.student.person_id == self.request.user.pk,
            "required": selectors.WEBINARS_PER_PERIOD,
        }


class WebinarCreate(ServiceFormView):
    action = ProgrammeAction.LOG_WEBINARS
    nav_section = "programme"
    form_class = WebinarForm
    template_name = "programme/groups/webinar_form.html"

    @cached_property
    def student(self):
        student = (
            Student.objects.filter(person=self.request.user, partnership=self.partnership)
            .select_related("partnership")
            .first()
        )
        if student is None:
            raise Http404
        return student

    def get_initial(self):
        return {"followed_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"student": self.student}

    def save(self, form):
        log = services.webinar_log_create(
            student=self.student, by=self.request.user, **form.cleaned_data
        )
        self.success_message = _("Your webinar has been logged (period %(n)d).") % {"n": log.period}
        return log

    def get_success_url(self, obj):
        url = reverse(
            "programme:webinar_log",
            kwargs={"partnership": self.partnership.slug, "pk": self.student.pk},
        )
        return f"{url}?year={obj.academic_year.label}"


class WebinarOverview(YearMixin, ScopedListView):
    action = ProgrammeAction.VIEW_WEBINARS
    template_name = "programme/groups/webinar_overview.html"
    filterset_class = WebinarFilter
    context_object_name = "students"
    paginate_by = 100

    @cached_property
    def current(self):
        return selectors.current_period(self.year, timezone.localdate())

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs.get("data") is not None and "year" in kwargs["data"]:
            data = kwargs["data"].copy()
            data.pop("year")
            kwargs["data"] = data
        return kwargs | {"partnership": self.partnership, "period": self.current}

    def get_queryset(self):
        return selectors.webinar_overview(
            access=self.access, partnership=self.partnership, year=self.year
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        required = selectors.WEBINARS_PER_PERIOD
        for student in context["students"]:
            student.counts = [
                (n, getattr(student, f"p{n}"), getattr(student, f"p{n}") >= required)
                for n in range(1, 5)
            ]
        return context | {
            "current": self.current.number if self.current else None,
            "required": required,
        }
