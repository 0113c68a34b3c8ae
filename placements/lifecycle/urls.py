"""URLs of lifecycle (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.lifecycle.views import interview as interview_views
from placements.lifecycle.views import placements as placement_views
from placements.lifecycle.views import steps

urlpatterns = [
    path("<str:year>/placements/", placement_views.PlacementList.as_view(), name="placement_list"),
    path(
        "<str:year>/placements/new/",
        placement_views.PlacementCreate.as_view(),
        name="placement_create",
    ),
    path(
        "placements/<int:pk>/", placement_views.PlacementDetail.as_view(), name="placement_detail"
    ),
    path(
        "placements/<int:pk>/interview/",
        interview_views.PlacementInterview.as_view(),
        name="placement_interview",
    ),
    *[
        path(f"placements/<int:pk>/{step}/", view.as_view(), name=f"placement_{step}")
        for step, view in (
            ("plan_interview", steps.PlanInterview),
            ("interview_held", steps.InterviewHeld),
            ("confirm", steps.ConfirmPlacement),
            ("activate", steps.ActivatePlacement),
            ("complete", steps.CompletePlacement),
            ("cancel", steps.CancelPlacement),
            ("guides", steps.AssignGuides),
            ("lock", steps.LockPlacement),
        )
    ],
]
