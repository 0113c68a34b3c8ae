"""URLs of appointments (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.appointments import views as appointments

urlpatterns = [
    path(
        "<str:year>/appointments/",
        appointments.AppointmentList.as_view(),
        name="appointment_list",
    ),
    path(
        "<str:year>/placements/<int:pk>/appointment/",
        appointments.AppointmentEdit.as_view(),
        name="appointment",
    ),
    path(
        "<str:year>/placements/<int:pk>/appointment/delete/",
        appointments.AppointmentDelete.as_view(),
        name="appointment_delete",
    ),
]
