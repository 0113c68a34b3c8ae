"""URLs of capacity (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.capacity import views as capacity

urlpatterns = [
    path("<str:year>/capacity/", capacity.CapacityOverview.as_view(), name="capacity"),
    path(
        "<str:year>/capacity/request/",
        capacity.CapacityRequestView.as_view(),
        name="capacity_request",
    ),
    path(
        "<str:year>/capacity/request/check/",
        capacity.CapacityRequestCheck.as_view(),
        name="capacity_request_check",
    ),
    path(
        "<str:year>/capacity/request/<int:pk>/sent/",
        capacity.CapacityRequestSent.as_view(),
        name="capacity_request_sent",
    ),
    path(
        "<str:year>/capacity/<int:school>/", capacity.CapacityGrid.as_view(), name="capacity_grid"
    ),
    path(
        "<str:year>/capacity/<int:school>/import/",
        capacity.CapacityImport.as_view(),
        name="capacity_import",
    ),
    path(
        "<str:year>/capacity/<int:school>/form.xlsx",
        capacity.CapacityTemplate.as_view(),
        name="capacity_template",
    ),
]
