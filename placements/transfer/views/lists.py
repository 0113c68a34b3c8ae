"""Transfer forms in bulk: a student's portfolio (all their forms over the years), the forms of
one academic year (for coordinators and guides, each seeing what ``transfer_forms_visible``
allows), and the yearly settings (date, deadline, reminder) for the stagecoördinator."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from partnerships.audit import record
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import AcademicYear, Student
from partnerships.views.base import ScopedListView, ServiceFormView
from placements import services
from placements.guidance.access import guided_placements
from placements.guidance.selectors import observations_of
from placements.permissions import PlacementAction
from placements.transfer.access import GUIDE_ROLES, agreements, transfer_forms_visible
from placements.transfer.forms import TransferFilter, TransferSettingsForm
from placements.year.mixins import YearMixin


def _visible(view):
    return transfer_forms_visible(access=view.access, partnership=view.partnership)


def agreed_roles(form) -> list[str]:
    """The guide roles whose latest remark agrees (uses the prefetched remarks)."""
    latest = agreements(form)
    return [role for role in GUIDE_ROLES if role in latest and latest[role].agrees]


class TransferPortfolio(PartnershipMixin, TemplateView):
    """One student's transfer forms over the years; the student sees all theirs, staff the
    ones they may open."""

    action = PlacementAction.VIEW_TRANSFER_FORMS
    nav_section = "placements"
    template_name = "placements/transfer_portfolio.html"

    def get_context_data(self, **kwargs):
        visible = _visible(self)
        guided = guided_placements(user=self.request.user, partnership=self.partnership)
        students = Student.objects.filter(partnership=self.partnership).filter(
            Q(pk__in=visible.values("student"))
            | Q(person=self.request.user, is_active=True)
            | Q(pk__in=guided.values("student"))  # the guidance log's readers: observations
        )
        student = get_scoped_object(
            students.select_related("person", "institute"), pk=self.kwargs["student"]
        )
        record(
            person=self.request.user,
            action="view_portfolio",
            obj=student,
            partnership=self.partnership,
        )
        forms = (
            visible.filter(student=student)
            .select_related(
                "placement__academic_year", "placement__school", "next_placement__school"
            )
            .order_by("-placement__academic_year__start_year", "-placement__start", "-pk")
        )
        return super().get_context_data(**kwargs) | {
            "student": student,
            "forms": forms,
            "is_own": student.person_id == self.request.user.pk,
            "observations": observations_of(
                user=self.request.user, partnership=self.partnership, student=student
            ),
        }


class TransferList(YearMixin, ScopedListView):
    page_cache = True
    action = PlacementAction.VIEW_TRANSFER_FORMS
    filterset_class = TransferFilter
    template_name = "placements/transfer_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            _visible(self)
            .filter(placement__academic_year=self.year)
            .select_related(
                "student__person",
                "placement__school",
                "next_placement__school",
            )
            .prefetch_related("remarks")
            .order_by("student__person__last_name", "student__person__first_name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = [(form, agreed_roles(form)) for form in context["object_list"]]
        return context | {"rows": rows, "guide_roles": GUIDE_ROLES}


class TransferSettingsEdit(ServiceFormView):
    action = PlacementAction.MANAGE_TRANSFER_SETTINGS
    nav_section = "placements"
    form_class = TransferSettingsForm
    template_name = "partnerships/form.html"
    success_message = gettext_lazy("The transfer form settings have been saved.")

    def get_form_kwargs(self):
        config = services.transfer_settings(self.partnership)
        return super().get_form_kwargs() | {"instance": config}

    def save(self, form):
        return services.transfer_settings_save(
            config=form.instance, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, obj):
        year = AcademicYear.current()
        return reverse(
            "placements:transfer_list",
            kwargs={"partnership": self.partnership.slug, "year": year.label},
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Transfer forms: date and deadline"),
            "help_text": _(
                "Every year on this date a draft transfer form is made for each student with a "
                "confirmed or active placement that year, and the student gets an e-mail. "
                "Students who have not submitted their form are reminded the given number of "
                "days before the deadline and on the deadline itself."
            ),
        }
