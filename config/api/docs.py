"""The API's documentation page (Swagger UI from this site, drf-spectacular's sidecar). Swagger
UI sets styles from its script, so this one page allows inline styles; its scripts still come
only from this site."""

from csp.decorators import csp_update


def docs_view(view):
    return csp_update({"style-src": ["'unsafe-inline'"]})(view)
