"""The product's URLs plus views that fail, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns


def fails(request):
    raise RuntimeError("secret detail: SELECT * FROM partnerships_person")


def suspicious(request):
    raise SuspiciousOperation("secret detail: tampered")


def forbidden(request):
    raise PermissionDenied("secret detail: role check")


def missing(request):
    raise Http404("secret detail: no such student")


urlpatterns = [
    path("test-errors/500/", fails),
    path("test-errors/400/", suspicious),
    path("test-errors/403/", forbidden),
    path("test-errors/404/", missing),
    *product_urlpatterns,
]
