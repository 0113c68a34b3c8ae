"""The API's documentation page: Swagger UI served from this site (drf-spectacular's sidecar),
its scripts carrying the response's CSP nonce (templates/drf_spectacular/swagger_ui.html). Not
cached: DRF answers it as anonymous, so the no-store rule for logged-in pages does not see the
session."""

from django.views.decorators.cache import never_cache
from drf_spectacular.views import SpectacularSwaggerSplitView


def docs_view():
    return never_cache(SpectacularSwaggerSplitView.as_view(url_name="api_schema"))
