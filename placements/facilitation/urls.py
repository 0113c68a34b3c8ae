"""URLs of facilitation (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.facilitation import views as facilitation

urlpatterns = [
    path(
        "<str:year>/facilitation/",
        facilitation.FacilitationPage.as_view(),
        name="facilitation",
    ),
    path(
        "<str:year>/facilitation/export.xlsx",
        facilitation.FacilitationExport.as_view(),
        name="facilitation_export",
    ),
    path(
        "<str:year>/facilitation/norms/",
        facilitation.FacilitationNorms.as_view(),
        name="facilitation_norms",
    ),
]
