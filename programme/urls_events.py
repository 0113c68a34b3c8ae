"""Programme events, sign-up and attendance (under /p/<slug>/programme/, namespace
``programme``)."""

from django.urls import path

from .views import events

urlpatterns = [
    path("events/", events.EventList.as_view(), name="event_list"),
    path("events/year/<str:year>/", events.EventList.as_view(), name="event_list_year"),
]
