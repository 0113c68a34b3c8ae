"""URLs of preferences (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.preferences import views as preference_views

urlpatterns = [
    path(
        "<str:year>/preferences/",
        preference_views.PreferenceOverview.as_view(),
        name="preferences",
    ),
    path(
        "<str:year>/preferences/window/",
        preference_views.PreferenceWindowEdit.as_view(),
        name="preference_window",
    ),
    path(
        "<str:year>/preferences/<int:student>/",
        preference_views.PreferenceEdit.as_view(),
        name="preference_edit",
    ),
]
