"""Response headers every page gets (issue 13, item 7). The Content-Security-Policy itself is
django-csp's (``CONTENT_SECURITY_POLICY`` in the settings)."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class PrivacyHeadersMiddleware:
    """``Permissions-Policy`` on every response: the product uses no camera, microphone, location
    or other device features, so no page (nor anything injected into one) may ask for them.

    ``Cache-Control: no-store`` on every response to a logged-in user unless the view chose its
    own caching: those pages carry personal data, and neither the browser's cache (a shared
    school computer, the back button after logging out) nor a proxy may keep them. Anonymous
    pages (landing page, login, privacy statement) and static files (whitenoise answers them
    before this middleware) stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
