"""Shortage subjects (tekortvakken): demand against supply per subject, the students and places,
and a placement shared by two schools (the second school is set here by a planner)."""

from django.contrib import messages
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from partnerships.mixins import get_scoped_object
from partnerships.views.base import ServiceFormView
from placements import selectors
from placements.allocation.forms import ShareForm
from placements.permissions import PlacementAction
from placements.shortage.services import placement_share, shortage_table
from placements.year.mixins import YearPage


def shortage_url(partnership, year) -> str:
    return reverse("placements:shortage", args=[partnership.slug, year.label])


class ShortageView(YearPage):
    action = PlacementAction.RUN_ALLOCATION
    template_name = "placements/shortage.html"

    def get_context_data(self, **kwargs):
        rows = shortage_table(partnership=self.partnership, year=self.year)
        return super().get_context_data(**kwargs) | {"rows": rows}


class PlacementShare(ServiceFormView):
    """The second school of a placement in a shortage subject (or none)."""

    action = PlacementAction.RUN_ALLOCATION
    nav_section = "placements"
    form_class = ShareForm
    template_name = "partnerships/form.html"

    @cached_property
    def placement(self):
        placements = selectors.placements_visible(
            access=self.access, partnership=self.partnership
        ).select_related(
            "student__person", "student__partnership", "school", "subject", "academic_year"
        )
        placement = get_scoped_object(placements, pk=self.kwargs["pk"])
        if not placement.subject.is_tekortvak:
            raise Http404
        return placement

    def get_form_kwargs(self):
        schools = selectors.school_scope(access=self.access, partnership=self.partnership)
        schools = schools.exclude(pk=self.placement.school_id).order_by("name")
        return super().get_form_kwargs() | {"schools": schools}

    def get_initial(self):
        return {"shared_with": self.placement.shared_with_id}

    def save(self, form):
        return placement_share(
            placement=self.placement, school=form.cleaned_data["shared_with"], by=self.request.user
        )

    def get_success_url(self, obj):
        messages.success(self.request, _("The shared school has been saved."))
        return shortage_url(self.partnership, obj.academic_year)

    def get_context_data(self, **kwargs):
        p = self.placement
        return super().get_context_data(**kwargs) | {
            "title": _("%(student)s at %(school)s: shared with a second school")
            % {"student": p.student.person.full_name, "school": p.school.name},
            "help_text": _(
                "In a shortage subject two schools may share a student, for example when one "
                "school has too few lessons or no mentor for the subject."
            ),
            "cancel_url": shortage_url(self.partnership, p.academic_year),
        }
