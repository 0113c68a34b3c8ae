"""The framework part of the quality cycle: framework, instruments, calendar, risks and the
internal evaluations (under /p/<slug>/quality/, namespace ``quality``)."""

from django.urls import path

from quality.views import calendar, framework, register

urlpatterns = [
    path("framework/", framework.FrameworkPage.as_view(), name="framework"),
    path("framework/ambitions/new/", framework.AmbitionCreate.as_view(), name="ambition_create"),
    path(
        "framework/ambitions/<int:pk>/", framework.AmbitionUpdate.as_view(), name="ambition_update"
    ),
    path(
        "framework/ambitions/<int:pk>/delete/",
        framework.AmbitionDelete.as_view(),
        name="ambition_delete",
    ),
    path(
        "framework/ambitions/<int:ambition>/indicators/new/",
        framework.IndicatorCreate.as_view(),
        name="indicator_create",
    ),
    path(
        "framework/indicators/<int:pk>/",
        framework.IndicatorUpdate.as_view(),
        name="indicator_update",
    ),
    path(
        "framework/indicators/<int:pk>/delete/",
        framework.IndicatorDelete.as_view(),
        name="indicator_delete",
    ),
    path("instruments/", framework.InstrumentList.as_view(), name="instrument_list"),
    path("instruments/new/", framework.InstrumentCreate.as_view(), name="instrument_create"),
    path("instruments/<int:pk>/", framework.InstrumentUpdate.as_view(), name="instrument_update"),
    path("calendar/", calendar.CalendarPage.as_view(), name="calendar"),
    path(
        "calendar/items/<int:pk>/",
        calendar.CalendarItemUpdate.as_view(),
        name="calendar_item_update",
    ),
    path("calendar/<str:year>/", calendar.CalendarPage.as_view(), name="calendar_year"),
    path(
        "calendar/<str:year>/generate/",
        calendar.CalendarGenerate.as_view(),
        name="calendar_generate",
    ),
    path("risks/", register.RiskList.as_view(), name="risk_list"),
    path("risks/new/", register.RiskCreate.as_view(), name="risk_create"),
    path("risks/<int:pk>/", register.RiskUpdate.as_view(), name="risk_update"),
    path("evaluations/<str:year>/", register.EvaluationList.as_view(), name="evaluation_list"),
    path(
        "evaluations/<str:year>/<int:org>/",
        register.EvaluationDetail.as_view(),
        name="evaluation_detail",
    ),
    path(
        "evaluations/<str:year>/<int:org>/edit/",
        register.EvaluationEdit.as_view(),
        name="evaluation_edit",
    ),
    path(
        "evaluations/<str:year>/<int:org>/reopen/",
        register.EvaluationReopen.as_view(),
        name="evaluation_reopen",
    ),
]
