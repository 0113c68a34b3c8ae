from django.urls import include, path

app_name = "programme"

urlpatterns = [
    path("", include("programme.urls.events")),
    path("", include("programme.urls.groups")),
]
