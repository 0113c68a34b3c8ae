"""Sign-in through OpenID Connect identity providers (issue 17, item 1).

mozilla-django-oidc does the protocol (state, nonce, PKCE, the token exchange, the ID token's
signature); this module adds what it leaves to us: several providers, each configured as a row
of ``IdentityProvider`` rather than in settings, and the matching rule. A person is matched on the
subject id stored at an earlier sign-in through the same provider, else on an e-mail address the
provider says it verified (``email_verified``), and then only when they work or study at one of the
organisations the provider vouches for. Nobody is ever created here: an unknown person is told to
ask their coordinator. The refusal reason travels on the request to the callback view.
"""

from __future__ import annotations

import requests
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import ExternalIdentity, IdentityProvider, Person, RoleAssignment, Student

DISCOVERY_TIMEOUT_S = 10
DISCOVERY_CACHE_S = 60 * 60

# Why a sign-in was refused; the callback view shows a page for each.
UNKNOWN = "unknown"  # nobody matched: ask your coordinator
NOT_VOUCHED = "not_vouched"  # matched, but this provider may not vouch for their organisations
FAILED = "failed"  # the protocol failed (state, token, signature): try again


def endpoints(provider: IdentityProvider) -> dict[str, str]:
    """The provider's endpoints: as configured, the missing ones from its discovery document."""
    configured = {
        "authorization_endpoint": provider.authorization_endpoint,
        "token_endpoint": provider.token_endpoint,
        "userinfo_endpoint": provider.userinfo_endpoint,
        "jwks_uri": provider.jwks_uri,
    }
    if all(configured.values()):
        return configured
    url = provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
    key = f"oidc-discovery:{url}"
    document = cache.get(key)
    if document is None:
        response = requests.get(url, timeout=DISCOVERY_TIMEOUT_S)
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, DISCOVERY_CACHE_S)
    return {name: value or document.get(name, "") for name, value in configured.items()}


def person_organisation_ids(person: Person) -> set[int]:
    """Where a person works (active role assignments) or studies (active student records)."""
    ids = set(
        RoleAssignment.objects.active()
        .filter(person=person, organisation__isnull=False)
        .values_list("organisation_id", flat=True)
    )
    for institute, school in Student.objects.filter(person=person, is_active=True).values_list(
        "institute_id", "school_id"
    ):
        ids |= {institute, school} - {None}
    return ids


def match_person(provider: IdentityProvider, claims: dict) -> tuple[Person | None, str]:
    """The person these claims belong to and "" — or None and the reason for refusing."""
    subject = str(claims.get("sub") or "")
    person = None
    if subject:
        link = (
            ExternalIdentity.objects.filter(provider=provider, subject=subject)
            .select_related("person")
            .first()
        )
        person = link.person if link else None
    email = (claims.get("email") or "").strip()
    if person is None and email and claims.get("email_verified") is True:
        person = Person.objects.filter(email__iexact=email).first()
        if person and ExternalIdentity.objects.filter(provider=provider, person=person).exists():
            # Linked to another subject of this provider already: an e-mail address that moved
            # to someone else at the provider must not take over the account.
            person = None
    if person is None or not person.is_active:
        return None, UNKNOWN
    vouched = provider.organisations.filter(pk__in=person_organisation_ids(person)).exists()
    if not vouched:
        return None, NOT_VOUCHED
    if subject:
        link, _ = ExternalIdentity.objects.get_or_create(
            provider=provider, subject=subject, defaults={"person": person}
        )
        ExternalIdentity.objects.filter(pk=link.pk).update(last_login=timezone.now())
    return person, ""


def active_providers():
    return IdentityProvider.objects.filter(is_active=True)


def providers_for_login_page():
    """Providers that vouch for at least one organisation (others could let nobody in)."""
    return active_providers().filter(Q(organisations__isnull=False)).distinct()


class ProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, with the provider of this sign-in taken from the request
    (``request.oidc_provider``, set by the callback view) instead of settings."""

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()
        self.provider = None

    def _configure(self, provider: IdentityProvider) -> None:
        urls = endpoints(provider)
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = urls["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = urls["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = urls["jwks_uri"] or None
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.signing_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        provider = getattr(request, "oidc_provider", None)
        if provider is None or "username" in kwargs or "password" in kwargs:
            return None
        self._configure(provider)
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            self.request.oidc_refusal = FAILED
            return None
        if claims.get("sub") != payload.get("sub"):
            # OpenID Connect Core 5.3.2: the userinfo must be about the ID token's subject.
            self.request.oidc_refusal = FAILED
            return None
        person, reason = match_person(self.provider, claims)
        self.request.oidc_refusal = reason
        return person
