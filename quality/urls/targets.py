"""Targets on indicators (under /p/<slug>/quality/framework/, namespace ``quality``)."""

from django.urls import path

from quality.views import targets

urlpatterns = [
    path(
        "framework/indicators/<int:indicator>/targets/new/",
        targets.TargetCreate.as_view(),
        name="target_create",
    ),
    path("framework/targets/<int:pk>/", targets.TargetUpdate.as_view(), name="target_update"),
    path(
        "framework/targets/<int:pk>/delete/",
        targets.TargetDelete.as_view(),
        name="target_delete",
    ),
]
