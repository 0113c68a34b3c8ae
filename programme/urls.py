from django.urls import include, path

app_name = "programme"

urlpatterns = [
    path("", include("programme.urls_events")),
    path("", include("programme.urls_groups")),
]
