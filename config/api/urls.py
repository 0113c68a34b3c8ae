from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import catalogue, persons, placements
from .docs import docs_view

P = "v1/partnerships/<slug:partnership>/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "docs/",
        docs_view(SpectacularSwaggerSplitView.as_view(url_name="api_schema")),
        name="api_docs",
    ),
    path(f"{P}academic-sessions/", catalogue.AcademicSessionList.as_view(), name="api_sessions"),
    path(f"{P}organisations/", catalogue.OrganisationList.as_view(), name="api_organisations"),
    path(f"{P}places/", catalogue.PlaceList.as_view(), name="api_places"),
    path(f"{P}persons/", persons.PersonList.as_view(), name="api_persons"),
    path(f"{P}persons/<int:personId>/", persons.PersonDetail.as_view(), name="api_person"),
    path(
        f"{P}persons/<int:personId>/preferences/<str:academicSession>/",
        placements.Preferences.as_view(),
        name="api_preferences",
    ),
    path(f"{P}placements/", placements.PlacementList.as_view(), name="api_placements"),
]
