"""The application's URLs plus one baseline page per benchmarked page under ``/baseline/``."""

from django.urls import include, path

from tests.benchmarks import baseline
from tests.benchmarks import baseline_apps as apps

urlpatterns = [
    path("baseline/<slug:partnership>/", baseline.dashboard),
    path("baseline/<slug:partnership>/organisations/", baseline.organisation_list),
    path("baseline/<slug:partnership>/organisations/<int:pk>/", baseline.organisation_detail),
    path("baseline/<slug:partnership>/people/", baseline.person_list),
    path("baseline/<slug:partnership>/students/", baseline.student_list),
    path("baseline/<slug:partnership>/students/<int:pk>/", baseline.student_detail),
    *[
        path(f"baseline/<slug:partnership>/{route}", view)
        for route, view in (
            ("placements/<str:year>/", apps.year_overview),
            ("placements/<str:year>/quota/", apps.quota),
            ("placements/<str:year>/capacity/", apps.capacity),
            ("placements/<str:year>/capacity/<int:school>/", apps.capacity_grid),
            ("placements/<str:year>/division/", apps.division),
            ("placements/<str:year>/preferences/", apps.preferences),
            ("placements/runs/<int:pk>/", apps.run_detail),
            ("placements/<str:year>/placements/", apps.placement_list),
            ("placements/placements/<int:pk>/", apps.placement_detail),
            ("placements/<str:year>/transfer-forms/", apps.transfer_list),
            ("placements/transfer-forms/<int:pk>/", apps.transfer_form),
            ("placements/<str:year>/subsidy/", apps.subsidy),
            ("quality/results/", apps.results_index),
            ("quality/results/<int:pk>/", apps.round_results),
            ("quality/rounds/<int:pk>/rates/", apps.round_rates),
            ("quality/reports/<int:pk>/", apps.report_detail),
            ("programme/events/", apps.event_list),
            ("programme/events/<int:pk>/signup/", apps.signup),
            ("programme/my/", apps.my_programme),
            ("professionalisation/compliance/", apps.compliance),
        )
    ],
    path("", include("config.urls")),
]
