"""Settings, round plans, survey rounds and response rates (namespace ``quality``)."""

from django.urls import path

from quality.views import rounds as views

urlpatterns = [
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("plans/", views.PlanList.as_view(), name="plan_list"),
    path("plans/new/", views.PlanCreate.as_view(), name="plan_create"),
    path("plans/<int:pk>/", views.PlanUpdate.as_view(), name="plan_update"),
    path("rounds/", views.RoundList.as_view(), name="round_list"),
    path("rounds/new/", views.RoundCreate.as_view(), name="round_create"),
    path("rounds/<int:pk>/", views.RoundDetail.as_view(), name="round_detail"),
    path("rounds/<int:pk>/rates/", views.RoundRates.as_view(), name="round_rates"),
    path("rounds/<int:pk>/open/", views.RoundOpenNow.as_view(), name="round_open_now"),
    path("rounds/<int:pk>/close/", views.RoundCloseNow.as_view(), name="round_close_now"),
    path("rounds/<int:pk>/cancel/", views.RoundCancel.as_view(), name="round_cancel"),
]
