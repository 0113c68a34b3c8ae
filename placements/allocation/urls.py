"""URLs of allocation (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.allocation.views import results as result_views
from placements.allocation.views import runs as allocation_views

urlpatterns = [
    path("<str:year>/runs/", allocation_views.RunList.as_view(), name="runs"),
    path("<str:year>/runs/new/", allocation_views.RunCreate.as_view(), name="run_create"),
    path("<str:year>/runs/compare/", result_views.RunCompare.as_view(), name="run_compare"),
    path("runs/<int:pk>/", allocation_views.RunDetail.as_view(), name="run_detail"),
    path("runs/<int:pk>/rerun/", allocation_views.RunRerun.as_view(), name="run_rerun"),
    path("runs/<int:pk>/commit/", allocation_views.RunCommit.as_view(), name="run_commit"),
    path("runs/<int:pk>/committed/", allocation_views.RunCommitted.as_view(), name="run_committed"),
    path(
        "runs/<int:pk>/results/<int:result>/",
        result_views.ResultEdit.as_view(),
        name="run_result",
    ),
]
