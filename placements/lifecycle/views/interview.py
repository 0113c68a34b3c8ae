"""The introductory interview's page (kennismakingsgesprek): how the student prepares, the
student's motivation and learning goals (from their preference form) and a transfer form shared
with this school, who attended and the checklist of topics. Whoever sees the placement sees the
page; whoever may record the interview (``PlacementPolicy``) gets the form, which posts to the
``interview_held`` step (``placement_steps.InterviewHeld`` renders this page with its errors)."""

from django.views.generic import TemplateView

from placements import selectors
from placements.lifecycle.forms import InterviewHeldForm
from placements.lifecycle.interview import (
    ATTENDEE_ROLES,
    ATTENDEES,
    PREPARATION,
    TOPIC_GROUPS,
    attendee_names,
)
from placements.lifecycle.policy import Step
from placements.lifecycle.views.placements import PlacementMixin
from placements.models import IntroductoryInterview
from placements.permissions import PlacementAction
from placements.transfer.access import SHARED, transfer_forms_visible


def interview_context(view, form=None) -> dict:
    placement = view.placement
    interview = IntroductoryInterview.objects.filter(placement=placement).first()
    held = bool(interview and interview.held_at)
    may_record = view.policy.may(Step.INTERVIEW_HELD, placement)
    if may_record and form is None:
        form = InterviewHeldForm(
            placement=placement,
            initial={
                "attended": list(interview.attendance) if interview else [],
                "topics": interview.checklist if interview else [],
                "notes": interview.notes if interview else "",
            },
        )
    checked = set(form["topics"].value() or []) if form else set()
    checked |= set(interview.checklist) if interview and not form else set()
    attended = set(form["attended"].value() or []) if form else set()
    names = attendee_names(placement)
    shared = (
        transfer_forms_visible(access=view.access, partnership=view.partnership)
        .filter(next_placement=placement, status__in=SHARED)
        .select_related("placement__school", "placement__academic_year")
        .first()
    )
    return {
        "placement": placement,
        "year": placement.academic_year,
        "interview": interview,
        "held": held,
        "form": form,
        "preparation": PREPARATION,
        "topic_groups": [
            (heading, [(code, label, code in checked) for code, label in topics])
            for heading, topics in TOPIC_GROUPS
        ],
        "topic_count": sum(len(topics) for _heading, topics in TOPIC_GROUPS),
        "attendees": [
            {
                "role": role,
                "label": ATTENDEE_ROLES[role],
                # who was there is kept with the name they had then
                "name": (interview.attendance.get(role) if held else None) or names[role],
                "present": role in interview.attendance if held else None,
                "checked": role in attended,
                "assigned": bool(names[role]),
            }
            for role in ATTENDEES
        ],
        "preferences": selectors.interview_preferences(placement),
        "shared_transfer": shared,
    }


class PlacementInterview(PlacementMixin, TemplateView):
    action = PlacementAction.VIEW_PLACEMENTS
    template_name = "placements/interview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | interview_context(self)
