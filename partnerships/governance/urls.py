from django.urls import path

from . import views as v

app_name = "governance"

urlpatterns = [
    path("", v.Overview.as_view(), name="overview"),
    path("bodies/new/", v.BodyCreate.as_view(), name="body_create"),
    path("bodies/<int:pk>/", v.BodyDetail.as_view(), name="body_detail"),
    path("bodies/<int:pk>/edit/", v.BodyUpdate.as_view(), name="body_update"),
    path("bodies/<int:pk>/members/new/", v.MemberCreate.as_view(), name="member_create"),
    path(
        "bodies/<int:pk>/members/<int:member>/edit/",
        v.MemberCreate.as_view(),
        name="member_update",
    ),
    path("bodies/<int:pk>/meetings/new/", v.MeetingCreate.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", v.MeetingDetail.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", v.MeetingUpdate.as_view(), name="meeting_update"),
    path("meetings/<int:pk>/meeting.ics", v.MeetingIcs.as_view(), name="meeting_ics"),
    path("meetings/<int:pk>/items/new/", v.AgendaItemEdit.as_view(), name="item_create"),
    path("meetings/<int:pk>/items/<int:item>/", v.AgendaItemEdit.as_view(), name="item_update"),
    path(
        "meetings/<int:pk>/items/<int:item>/document/",
        v.AgendaDocument.as_view(),
        name="item_document",
    ),
    path(
        "meetings/<int:pk>/items/<int:item>/minutes/", v.MinutesSave.as_view(), name="minutes_save"
    ),
    path("meetings/<int:pk>/send/", v.AgendaSend.as_view(), name="agenda_send"),
    path("meetings/<int:pk>/attendance/", v.AttendanceSave.as_view(), name="attendance_save"),
    path("meetings/<int:pk>/decisions/", v.DecisionCreate.as_view(), name="decision_create"),
    path("meetings/<int:pk>/actions/", v.ActionCreate.as_view(), name="action_create"),
    path("meetings/<int:pk>/approve/", v.MinutesApprove.as_view(), name="minutes_approve"),
    path("decisions/", v.DecisionList.as_view(), name="decision_list"),
    path("actions/", v.ActionList.as_view(), name="action_list"),
    path("actions/<int:pk>/status/", v.ActionStatusUpdate.as_view(), name="action_status"),
    path("plans/", v.PlanList.as_view(), name="plan_list"),
    path("plans/new/", v.PlanCreate.as_view(), name="plan_create"),
    path("plans/<int:pk>/", v.PlanDetail.as_view(), name="plan_detail"),
    path("plans/<int:pk>/chapters/<str:key>/", v.ChapterEdit.as_view(), name="chapter_edit"),
    path("plans/<int:pk>/adopt/", v.PlanAdopt.as_view(), name="plan_adopt"),
    path("plans/<int:pk>/pdf/", v.PlanPdf.as_view(), name="plan_pdf"),
    path("plans/<int:pk>/compare/", v.PlanCompare.as_view(), name="plan_compare"),
]
