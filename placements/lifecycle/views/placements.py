"""Placements of a year: the list, the form to propose one, and one placement's page (its
lifecycle steps are in ``placement_steps``). Access: ``selectors.placements_visible`` decides
what a user sees (404 otherwise), ``policy.PlacementPolicy`` which steps they may take (403)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from partnerships.freshness import last_change
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.views.base import ScopedListView, ServiceFormView
from placements import selectors, services
from placements.choices import PlacementStatus
from placements.lifecycle.activity import describe
from placements.lifecycle.forms import (
    CancelForm,
    GuidesForm,
    InterviewPlanForm,
    PlacementCreateForm,
    PlacementFilter,
)
from placements.lifecycle.interview import TOPIC_LABELS
from placements.lifecycle.policy import PlacementPolicy, Step
from placements.models import IntroductoryInterview, PlacementEvent
from placements.permissions import PlacementAction
from placements.year.mixins import YearMixin

S = PlacementStatus
PROGRESS = [S.PROPOSED, S.INTERVIEW_PLANNED, S.INTERVIEW_HELD, S.CONFIRMED, S.ACTIVE, S.COMPLETED]


def _visible(view):
    return selectors.placements_visible(access=view.access, partnership=view.partnership)


class PlacementList(YearMixin, ScopedListView):
    page_cache = True
    action = PlacementAction.VIEW_PLACEMENTS
    filterset_class = PlacementFilter
    template_name = "placements/placement_list.html"

    def get_queryset(self):
        return (
            _visible(self)
            .filter(academic_year=self.year)
            .select_related(
                "student__person", "student__institute", "school", "subject", "werkplekbegeleider"
            )
        )

    def get_filterset_kwargs(self, filterset_class):
        schools = _visible(self).filter(academic_year=self.year).values("school")
        return super().get_filterset_kwargs(filterset_class) | {
            "partnership": self.partnership,
            "schools": schools,
        }

    def get_context_data(self, **kwargs):
        policy = PlacementPolicy(self.access, self.partnership)
        events = PlacementEvent.objects.filter(
            placement__in=_visible(self).filter(academic_year=self.year)
        )
        return super().get_context_data(**kwargs) | {
            "can_create": policy.manages,
            "last_change": last_change(events, at="at", by="by"),
        }


class PlacementCreate(YearMixin, ServiceFormView):
    action = PlacementAction.MANAGE_PLACEMENTS
    form_class = PlacementCreateForm
    template_name = "partnerships/form.html"
    success_message = gettext_lazy("The placement has been proposed.")

    def get_form_kwargs(self):
        policy = PlacementPolicy(self.access, self.partnership)
        return super().get_form_kwargs() | {"policy": policy, "year": self.year}

    def save(self, form):
        data = form.cleaned_data
        return services.placement_create(
            student=data["student"],
            place=data["place"],
            by=self.request.user,
            academic_year=self.year,
            **{name: data[name] for name in PlacementCreateForm.DESCRIBED},
        )

    def get_context_data(self, **kwargs):
        title = _("New placement for %(year)s") % {"year": self.year}
        return super().get_context_data(**kwargs) | {"title": title}


class PlacementMixin(PartnershipMixin):
    """Loads the placement from the user's visible placements (404 for anything else)."""

    nav_section = "placements"

    @cached_property
    def placement(self):
        qs = _visible(self).select_related(
            "student__person",
            "student__institute",
            "student__partnership",
            "academic_year",
            "school",
            "subject",
            "place__school",
            "place__subject",
            "werkplekbegeleider",
            "schoolopleider",
            "instituutsopleider",
            "shared_with",
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    @cached_property
    def policy(self):
        return PlacementPolicy(self.access, self.partnership)


class PlacementDetail(PlacementMixin, TemplateView):
    page_cache = True
    action = PlacementAction.VIEW_PLACEMENTS
    template_name = "placements/placement_detail.html"

    def get_context_data(self, **kwargs):
        placement = self.placement
        steps = self.policy.steps(placement)
        interview = IntroductoryInterview.objects.filter(placement=placement).first()
        checked = set(interview.checklist) if interview else set()
        forms = {
            Step.PLAN_INTERVIEW: lambda: InterviewPlanForm(
                initial={"planned_at": interview.planned_at if interview else None}
            ),
            Step.CANCEL: CancelForm,
            Step.GUIDES: lambda: GuidesForm(
                placement=placement, editable=self.policy.guide_fields(placement)
            ),
        }
        return super().get_context_data(**kwargs) | {
            "placement": placement,
            "steps": {str(s): True for s in steps},
            "step_forms": {str(s): make() for s, make in forms.items() if s in steps},
            "progress": self._progress(placement.status, interview),
            "interview": interview,
            "topics_discussed": len(checked & set(TOPIC_LABELS)),
            "topic_count": len(TOPIC_LABELS),
            "events": [(e, describe(e)) for e in placement.events.select_related("by")],
            "year": placement.academic_year,
            **self._appointments(),
        }

    def _progress(self, status, interview):
        """Each stage done, current or still to come — and the interview stages "skipped" when
        the placement went past them without an interview (confirmed straight from proposed)."""
        if status not in PROGRESS:
            return []
        current = PROGRESS.index(status)
        happened = {
            S.INTERVIEW_PLANNED: bool(interview and interview.planned_at),
            S.INTERVIEW_HELD: bool(interview and interview.held_at),
        }
        rows = []
        for i, s in enumerate(PROGRESS):
            state = "done" if i < current else "current" if i == current else "todo"
            if state == "done" and not happened.get(s, True):
                state = "skipped"
            rows.append((S(s).label, state))
        return rows

    def _appointments(self) -> dict:
        appointment = getattr(self.placement, "small_appointment", None)
        return {
            "appointment": appointment,
            "appointment_warnings": services.appointment_warnings(appointment),
        }
