"""URLs of profiles (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.profiles import views as profile_views

urlpatterns = [
    path("<str:year>/schools/", profile_views.SchoolProfiles.as_view(), name="school_profiles"),
    path(
        "<str:year>/schools/<int:school>/",
        profile_views.SchoolProfilePage.as_view(),
        name="school_profile",
    ),
]
