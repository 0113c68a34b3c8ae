from django.urls import path

from .views import activities

urlpatterns = [
    path("activities/", activities.ActivityList.as_view(), name="activity_list"),
]
