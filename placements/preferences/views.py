"""Preference pages: the coordinators' overview of who has submitted, the window, and one
student's preferences (the student, their institute trainer or a planner; read-only outside the
window except for planners). Scope: ``services.preferences.preference_students``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from partnerships.access import STUDENT
from partnerships.glossary import Role
from partnerships.mixins import get_scoped_object
from partnerships.views.base import ScopedListView, ServiceFormView
from placements.models import Preference, PreferenceForm
from placements.permissions import PLANNERS, PlacementAction
from placements.preferences import services as service
from placements.preferences.forms import PreferenceEntryForm, PreferenceOverviewFilter, WindowForm
from placements.year.mixins import YearMixin

ENTRUSTED = PLANNERS | {Role.INSTITUUTSOPLEIDER, Role.INSTITUUTSCOORDINATOR}


def year_url(view, name: str, **kwargs) -> str:
    return reverse(
        f"placements:{name}",
        kwargs={"partnership": view.partnership.slug, "year": view.year.label, **kwargs},
    )


class PreferenceOverview(YearMixin, ScopedListView):
    """The year's active students with whether (and what) they submitted; a student who opens
    it is sent to their own form."""

    page_cache = True

    action = PlacementAction.ENTER_PREFERENCES
    filterset_class = PreferenceOverviewFilter
    template_name = "placements/preference_overview.html"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        roles = self.access.roles(self.partnership)
        if STUDENT in roles and not roles & ENTRUSTED:
            own = self.students().filter(person=request.user).first()
            if own is not None:
                return redirect(year_url(self, "preference_edit", student=own.pk))
        return super().get(request, *args, **kwargs)

    def students(self):
        return service.preference_students(access=self.access, partnership=self.partnership)

    def get_queryset(self):
        forms = PreferenceForm.objects.filter(academic_year=self.year)
        preferences = Preference.objects.select_related("school")
        return (
            self.students()
            .filter(is_active=True)
            .select_related("person", "institute", "subject")
            .annotate(
                submitted_at=Subquery(forms.filter(student=OuterRef("pk")).values("updated_at")[:1])
            )
            .prefetch_related(
                Prefetch(
                    "preference_forms",
                    queryset=forms.select_related("entered_by").prefetch_related(
                        Prefetch("preferences", queryset=preferences)
                    ),
                    to_attr="year_forms",
                )
            )
            .order_by("person__last_name", "person__first_name", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        return super().get_filterset_kwargs(filterset_class) | {
            "partnership": self.partnership,
            "year": self.year,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        window = service.preference_window(partnership=self.partnership, year=self.year)
        for student in context["object_list"]:
            student.year_form = student.year_forms[0] if student.year_forms else None
        return context | {
            "window": window,
            "window_open": window is not None and window.is_open(self.access.today),
            "may_set_window": bool(self.access.roles(self.partnership) & PLANNERS),
        }


class PreferenceWindowEdit(YearMixin, ServiceFormView):
    action = PlacementAction.RUN_ALLOCATION  # the planners, who also run the allocation
    form_class = WindowForm
    template_name = "partnerships/form.html"

    def get_initial(self):
        window = service.preference_window(partnership=self.partnership, year=self.year)
        return {"opens_on": window.opens_on, "closes_on": window.closes_on} if window else {}

    def save(self, form):
        return service.preference_window_save(
            partnership=self.partnership, year=self.year, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, obj):
        messages.success(self.request, _("The preference window has been saved."))
        return year_url(self, "preferences")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Preference window %(year)s") % {"year": self.year},
            "help_text": _(
                "Between these dates students and their institute trainers can enter "
                "preferences; outside it they see them read-only."
            ),
            "cancel_url": year_url(self, "preferences"),
        }


class PreferenceEdit(YearMixin, ServiceFormView):
    action = PlacementAction.ENTER_PREFERENCES
    form_class = PreferenceEntryForm
    template_name = "placements/preference_form.html"

    @cached_property
    def student(self):
        students = service.preference_students(access=self.access, partnership=self.partnership)
        return get_scoped_object(
            students.select_related("person", "institute", "subject", "partnership"),
            pk=self.kwargs["student"],
        )

    @cached_property
    def window(self):
        return service.preference_window(partnership=self.partnership, year=self.year)

    @cached_property
    def editable(self) -> bool:
        return service.preferences_editable(
            access=self.access, partnership=self.partnership, window=self.window
        )

    @cached_property
    def saved(self):
        return (
            PreferenceForm.objects.filter(student=self.student, academic_year=self.year)
            .select_related("entered_by")
            .prefetch_related(
                Prefetch("preferences", queryset=Preference.objects.select_related("school")),
                "excluded_schools",
            )
            .first()
        )

    @cached_property
    def offering(self) -> set[int]:
        return service.schools_with_places(student=self.student, year=self.year)

    def post(self, request, *args, **kwargs):
        if not self.editable:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        schools = list(service.partnership_schools(self.partnership))
        return super().get_form_kwargs() | {"schools": schools, "offering": self.offering}

    def get_initial(self):
        return PreferenceEntryForm.initial_for(self.saved)

    def save(self, form):
        data = form.cleaned_data
        return service.preference_form_save(
            student=self.student,
            year=self.year,
            ranked=form.ranked(),
            excluded=form.excluded(),
            motivation=data["motivation"],
            learning_goals=data["learning_goals"],
            max_travel_minutes=data["max_travel_minutes"],
            remarks=data["remarks"],
            by=self.request.user,
        )

    def get_success_url(self, obj):
        messages.success(self.request, _("The preferences have been saved."))
        return year_url(self, "preference_edit", student=self.student.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        return context | {
            "student": self.student,
            "window": self.window,
            "editable": self.editable,
            "saved": self.saved,
            "offering_schools": [s for pk, s in form.schools.items() if pk in self.offering],
            "rank_fields": [form[name] for name in ("rank1", "rank2", "rank3")],
            "is_own": self.student.person_id == self.request.user.pk,
            "overview_url": year_url(self, "preferences"),
            "may_see_overview": bool(self.access.roles(self.partnership) & ENTRUSTED),
        }
