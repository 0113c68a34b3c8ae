"""The application's URLs plus one baseline page per benchmarked page under ``/baseline/``."""

from django.urls import include, path

from tests.benchmarks import baseline

urlpatterns = [
    path("baseline/<slug:partnership>/", baseline.dashboard),
    path("baseline/<slug:partnership>/organisations/", baseline.organisation_list),
    path("baseline/<slug:partnership>/organisations/<int:pk>/", baseline.organisation_detail),
    path("baseline/<slug:partnership>/people/", baseline.person_list),
    path("baseline/<slug:partnership>/students/", baseline.student_list),
    path("baseline/<slug:partnership>/students/<int:pk>/", baseline.student_detail),
    path("", include("config.urls")),
]
