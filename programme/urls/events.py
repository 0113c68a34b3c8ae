"""Programme events, sign-up and attendance (under /p/<slug>/programme/, namespace
``programme``)."""

from django.urls import path

from programme.views import attendance, events, signup

urlpatterns = [
    path("events/", events.EventList.as_view(), name="event_list"),
    path("events/year/<str:year>/", events.EventList.as_view(), name="event_list_year"),
    path("events/new/", events.EventCreate.as_view(), name="event_create"),
    path("events/<int:pk>/", events.EventDetail.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", events.EventUpdate.as_view(), name="event_update"),
    path("events/<int:pk>/publish/", events.EventPublish.as_view(), name="event_publish"),
    path("events/<int:event>/slots/new/", events.SlotCreate.as_view(), name="slot_create"),
    path("slots/<int:pk>/edit/", events.SlotUpdate.as_view(), name="slot_update"),
    path("slots/<int:pk>/delete/", events.SlotDelete.as_view(), name="slot_delete"),
    path("slots/<int:slot>/sessions/new/", events.SessionCreate.as_view(), name="session_create"),
    path("sessions/<int:pk>/edit/", events.SessionUpdate.as_view(), name="session_update"),
    path("sessions/<int:pk>/delete/", events.SessionDelete.as_view(), name="session_delete"),
    path("events/<int:pk>/signup/", signup.Signup.as_view(), name="signup"),
    path("events/<int:pk>/attendance/", attendance.AttendanceList.as_view(), name="attendance"),
    path("attendance/", attendance.AttendanceOverview.as_view(), name="attendance_overview"),
    path("my/", attendance.MyProgramme.as_view(), name="my_programme"),
]
