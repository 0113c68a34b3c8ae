"""Joined into the ``partnerships`` namespace under ``api-tokens/``."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.TokenList.as_view(), name="api_token_list"),
    path("new/", v.TokenCreate.as_view(), name="api_token_create"),
    path("new/check/", v.TokenCheck.as_view(), name="api_token_check"),
    path("<int:pk>/", v.TokenDetail.as_view(), name="api_token_detail"),
    path("<int:pk>/revoke/", v.TokenRevoke.as_view(), name="api_token_revoke"),
]
