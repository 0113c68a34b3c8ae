"""URLs of calendar (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.calendar import views as calendar_views

urlpatterns = [
    path("<str:year>/calendar/", calendar_views.ProcedureCalendar.as_view(), name="calendar"),
    path(
        "<str:year>/calendar/generate/",
        calendar_views.GenerateCalendar.as_view(),
        name="calendar_generate",
    ),
    path("calendar/steps/<int:pk>/", calendar_views.StepUpdate.as_view(), name="calendar_step"),
]
