"""URLs of shortage (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.shortage import views as shortage_views

urlpatterns = [
    path("<str:year>/shortage/", shortage_views.ShortageView.as_view(), name="shortage"),
    path(
        "placements/<int:pk>/shared-with/",
        shortage_views.PlacementShare.as_view(),
        name="placement_shared_with",
    ),
]
