from django.urls import include, path

app_name = "professionalisation"

urlpatterns = [
    path("", include("professionalisation.urls.runs")),
    path("", include("professionalisation.urls.compliance")),
]
