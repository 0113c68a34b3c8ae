"""URLs of subsidy (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.subsidy import views as subsidy_views

urlpatterns = [
    path("subsidy/choose/", subsidy_views.SubsidyChoose.as_view(), name="subsidy_choose"),
    path("<str:year>/subsidy/", subsidy_views.SubsidyPage.as_view(), name="subsidy"),
    path(
        "<str:year>/subsidy/export.<str:fmt>",
        subsidy_views.SubsidyExport.as_view(),
        name="subsidy_export",
    ),
    path(
        "<str:year>/subsidy/snapshots/",
        subsidy_views.SnapshotTake.as_view(),
        name="subsidy_snapshot_take",
    ),
    path(
        "subsidy/snapshots/<int:pk>/",
        subsidy_views.SnapshotDetail.as_view(),
        name="subsidy_snapshot",
    ),
    path(
        "subsidy/snapshots/<int:pk>/compare/",
        subsidy_views.SnapshotCompare.as_view(),
        name="subsidy_compare",
    ),
    path(
        "subsidy/snapshots/<int:pk>/export.<str:fmt>",
        subsidy_views.SnapshotExport.as_view(),
        name="subsidy_snapshot_export",
    ),
]
