from django.urls import include, path

from quality.views.overview import OverviewView

app_name = "quality"

urlpatterns = [
    path("", OverviewView.as_view(), name="overview"),
    path("", include("quality.urls.framework")),
    path("", include("quality.urls.targets")),
    path("", include("quality.urls.surveys")),
    path("", include("quality.urls.rounds")),
    path("", include("quality.urls.voices")),
    path("", include("quality.urls.results")),
    path("", include("quality.urls.reports")),
]
