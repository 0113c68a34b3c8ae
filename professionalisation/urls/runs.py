"""Activities, runs, enrolment, attendance, completion, the needs inventory and the yearly
overview (under /p/<slug>/professionalisation/, namespace ``professionalisation``)."""

from django.urls import path

from professionalisation.views import activities, needs, runs

R = "runs/<int:pk>/"
M = "runs/<int:pk>/meetings/<int:meeting>/"

urlpatterns = [
    path("activities/", activities.ActivityList.as_view(), name="activity_list"),
    path("activities/new/", activities.ActivityCreate.as_view(), name="activity_create"),
    path("activities/<int:pk>/edit/", activities.ActivityUpdate.as_view(), name="activity_update"),
    path("runs/", runs.RunList.as_view(), name="run_list"),
    path("runs/new/", runs.RunCreate.as_view(), name="run_create"),
    path(R, runs.RunDetail.as_view(), name="run_detail"),
    path(f"{R}edit/", runs.RunUpdate.as_view(), name="run_update"),
    path(f"{R}meetings/new/", runs.MeetingCreate.as_view(), name="meeting_create"),
    path(f"{M}delete/", runs.MeetingDelete.as_view(), name="meeting_delete"),
    path(f"{M}attendance/", runs.MeetingAttendance.as_view(), name="meeting_attendance"),
    path(f"{R}enrol/", runs.RunEnrol.as_view(), name="run_enrol"),
    path(f"{R}enrol-someone/", runs.RunEnrolPerson.as_view(), name="run_enrol_person"),
    path(f"{R}complete/", runs.RunComplete.as_view(), name="run_complete"),
    path("enrolments/<int:pk>/cancel/", runs.EnrolmentCancel.as_view(), name="enrolment_cancel"),
    path("needs/", needs.NeedList.as_view(), name="need_list"),
    path("needs/<int:organisation>/<str:year>/", needs.NeedEdit.as_view(), name="need_edit"),
    path("overview/", needs.ProOverview.as_view(), name="pro_overview"),
    path("overview/xlsx/", needs.ProOverviewXlsx.as_view(), name="pro_overview_xlsx"),
]
