from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnerships.views import mfa, oidc
from partnerships.views.auth import LoginView, PasswordResetView, admin_login
from partnerships.views.dashboard import home
from partnerships.views.public import privacy

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin logs in through the product's login (two-step verification, identity providers).
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/oidc/callback/", oidc.ProviderCallbackView.as_view(), name="oidc_callback"),
    path("accounts/oidc/<slug:slug>/", oidc.ProviderLoginView.as_view(), name="oidc_login"),
    path("accounts/mfa/", mfa.overview, name="mfa_settings"),
    path("accounts/mfa/verify/", mfa.verify, name="mfa_verify"),
    path("accounts/mfa/setup/", mfa.setup, name="mfa_setup"),
    path("accounts/mfa/backup-codes/", mfa.backup_codes, name="mfa_backup_codes"),
    path("accounts/mfa/remove/", mfa.remove, name="mfa_remove"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", home, name="home"),
    path("privacy/", privacy, name="privacy"),
    path("api/", include("config.api.urls")),
    path("survey/", include("quality.urls.public")),
    path("p/<slug:partnership>/placements/", include("placements.urls")),
    path("p/<slug:partnership>/quality/", include("quality.urls")),
    path("calendar/", include("programme.urls.feed")),
    path("p/<slug:partnership>/programme/", include("programme.urls")),
    path(
        "p/<slug:partnership>/professionalisation/",
        include("professionalisation.urls"),
    ),
    path("p/<slug:partnership>/governance/", include("partnerships.governance.urls")),
    path("p/<slug:partnership>/finance/", include("partnerships.finance.urls")),
    path("p/<slug:partnership>/", include("partnerships.urls")),
]

admin.site.site_header = "Opleidingsschool"
