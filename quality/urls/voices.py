"""The alumni register, a round's e-mail list, the review and release of open answers."""

from django.urls import path

from quality.views import voices as views

urlpatterns = [
    path("alumni/", views.AlumniList.as_view(), name="alumni_list"),
    path("alumni/new/", views.AlumniCreate.as_view(), name="alumni_create"),
    path("alumni/<int:pk>/withdraw/", views.AlumniWithdraw.as_view(), name="alumni_withdraw"),
    path("rounds/<int:pk>/addresses/", views.RoundAddresses.as_view(), name="round_addresses"),
    path("rounds/<int:pk>/review/", views.RoundReview.as_view(), name="round_review"),
    path("rounds/<int:pk>/release/", views.RoundRelease.as_view(), name="round_release"),
]
