"""URLs of travel (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.travel import views as travel_views

urlpatterns = [
    path("<str:year>/travel/", travel_views.TravelTimes.as_view(), name="travel_times"),
    path("<str:year>/travel/import/", travel_views.TravelImport.as_view(), name="travel_import"),
    path(
        "<str:year>/travel/reistijden.xlsx",
        travel_views.TravelTemplate.as_view(),
        name="travel_template",
    ),
]
