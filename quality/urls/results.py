from django.urls import path

from quality.views import results

urlpatterns = [
    path("results/", results.ResultsIndex.as_view(), name="results_index"),
    path("results/<int:pk>/", results.RoundResults.as_view(), name="round_results"),
    path("results/<int:pk>/pdf/", results.RoundResultsPdf.as_view(), name="round_results_pdf"),
    path("results/<int:pk>/xlsx/", results.RoundResultsXlsx.as_view(), name="round_results_xlsx"),
]
