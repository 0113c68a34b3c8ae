from django.urls import path

from .views import year

app_name = "placements"

urlpatterns = [
    path("", year.CurrentYear.as_view(), name="year_current"),
    path("<str:year>/", year.YearOverview.as_view(), name="year"),
]
