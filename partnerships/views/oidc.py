"""Sign-in with an institution's account: start at a provider, come back, or be told why not.

The protocol is mozilla-django-oidc's (its request and callback views, with the provider of each
sign-in taken from an ``IdentityProvider`` row); the rules are in ``partnerships/oidc.py``.
One callback address serves every provider: the provider of a sign-in is remembered in the
session under its ``state``.
"""

import logging

import jwt
import requests
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import get_object_or_404, render
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .. import oidc
from ..models import IdentityProvider

logger = logging.getLogger(__name__)

PROVIDER_BY_STATE = "oidc_provider_by_state"
SIGNED_IN_WITH = "signed_in_with"  # the provider's slug, for sessions opened through OIDC


class ProviderLoginView(OIDCAuthenticationRequestView):
    """Send the visitor to the provider's login page."""

    def __init__(self, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request, slug):
        self.provider = get_object_or_404(oidc.active_providers(), slug=slug)
        try:
            urls = oidc.endpoints(self.provider)
        except requests.RequestException:
            logger.exception("OIDC discovery failed for %s", self.provider.slug)
            return refused(request, oidc.FAILED, self.provider)
        self.OIDC_OP_AUTH_ENDPOINT = urls["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        response = super().get(request)
        states = request.session.get(PROVIDER_BY_STATE, {})
        # The newest few only: a visitor who starts and abandons sign-ins keeps a small session.
        newest = list(request.session["oidc_states"])[-5:]
        states = {state: slug for state, slug in states.items() if state in newest}
        states[newest[-1]] = self.provider.slug
        request.session[PROVIDER_BY_STATE] = states
        return response

    def get_settings(self, attr, *args):
        if attr == "OIDC_RP_SCOPES":
            return self.provider.scopes
        return super().get_settings(attr, *args)


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the visitor back here with a code; sign them in or say why not."""

    def get(self, request):
        state = request.GET.get("state", "")
        slug = request.session.get(PROVIDER_BY_STATE, {}).get(state)
        provider = IdentityProvider.objects.filter(slug=slug, is_active=True).first()
        if provider is None:
            return refused(request, oidc.FAILED)
        request.oidc_provider = provider
        request.oidc_refusal = oidc.FAILED
        try:
            response = super().get(request)
        except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError):
            logger.exception("OIDC sign-in through %s failed", provider.slug)
            return refused(request, oidc.FAILED, provider)
        if getattr(self, "user", None) and request.user.is_authenticated:
            request.session[SIGNED_IN_WITH] = provider.slug
            return response
        return refused(request, request.oidc_refusal or oidc.FAILED, provider)


def refused(request, reason: str, provider: IdentityProvider | None = None):
    return render(
        request,
        "registration/oidc_refused.html",
        {"reason": reason, "provider": provider},
        status=403,
    )
