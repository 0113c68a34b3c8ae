"""URLs of quota (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.quota import views as quota

urlpatterns = [
    path("<str:year>/quota/", quota.QuotaPage.as_view(), name="quota"),
    path("<str:year>/quota/propose/", quota.QuotaPropose.as_view(), name="quota_propose"),
    path(
        "<str:year>/quota/distribution/",
        quota.QuotaDistribution.as_view(),
        name="quota_distribution",
    ),
    path("<str:year>/quota/recompute/", quota.QuotaRecompute.as_view(), name="quota_recompute"),
    path("<str:year>/quota/submit/", quota.QuotaSubmit.as_view(), name="quota_submit"),
    path("<str:year>/quota/approve/", quota.QuotaApprove.as_view(), name="quota_approve"),
    path("<str:year>/quota/monitor/", quota.QuotaMonitor.as_view(), name="quota_monitor"),
]
