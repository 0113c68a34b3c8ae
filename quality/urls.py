from django.urls import include, path

from .views.overview import OverviewView

app_name = "quality"

urlpatterns = [
    path("", OverviewView.as_view(), name="overview"),
    path("", include("quality.urls_framework")),
    path("", include("quality.urls_surveys")),
    path("", include("quality.urls_rounds")),
    path("", include("quality.urls_results")),
    path("", include("quality.urls_reports")),
]
