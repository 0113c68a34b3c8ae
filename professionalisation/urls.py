from django.urls import include, path

app_name = "professionalisation"

urlpatterns = [
    path("", include("professionalisation.urls_runs")),
    path("", include("professionalisation.urls_compliance")),
]
