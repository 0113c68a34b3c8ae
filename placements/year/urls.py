"""URLs of year (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.year import views as year

urlpatterns = [
    path("", year.CurrentYear.as_view(), name="year_current"),
    path("<str:year>/", year.YearOverview.as_view(), name="year"),
]
