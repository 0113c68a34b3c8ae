from django.http import JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView

from . import catalogue, persons, placements
from .docs import docs_view

P = "v1/partnerships/<slug:partnership>/"


@csrf_exempt  # a write to an unknown address is a 404, as for the API views
def not_found(request, rest=""):
    """Any other address under /api/ (also a malformed id or slug): JSON, not the HTML page."""
    return JsonResponse({"detail": "Not found."}, status=404)


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "docs/",
        docs_view(),
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
    re_path(r"^(?P<rest>.*)$", not_found),
]
