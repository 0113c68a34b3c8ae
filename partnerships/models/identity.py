"""Sign-in with an institution's account (OpenID Connect, issue 17).

An installation may have several identity providers (an institute's SURFconext, a school board's
Entree); each may vouch only for the people of the organisations it is linked to. A person signs in
through a provider when they are matched — on the subject id stored at an earlier sign-in, else
on a verified e-mail address — and work at one of its organisations. ``partnerships/oidc.py``
holds the rules; the admin edits the providers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityProvider(models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_('Shown on the login page: "Log in with <name>".')
    )
    slug = models.SlugField(_("short name in the address"), unique=True)
    issuer = models.URLField(
        _("issuer"),
        help_text=_(
            "The provider's issuer URL; the endpoints below are read from "
            "<issuer>/.well-known/openid-configuration when left empty."
        ),
    )
    authorization_endpoint = models.URLField(_("authorization endpoint"), blank=True)
    token_endpoint = models.URLField(_("token endpoint"), blank=True)
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), blank=True)
    jwks_uri = models.URLField(_("JWKS endpoint"), blank=True)
    client_id = models.CharField(_("client id"), max_length=255)
    client_secret = models.CharField(_("client secret"), max_length=255)
    scopes = models.CharField(_("scopes"), max_length=255, default="openid email profile")
    signing_algorithm = models.CharField(
        _("signing algorithm of the ID token"),
        max_length=10,
        choices=[("RS256", "RS256"), ("ES256", "ES256"), ("HS256", "HS256")],
        default="RS256",
    )
    organisations = models.ManyToManyField(
        "partnerships.Organisation",
        related_name="identity_providers",
        verbose_name=_("organisations it vouches for"),
        help_text=_("Only people who work or study at one of these may sign in with it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order on the login page"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self) -> str:
        return self.name


class ExternalIdentity(models.Model):
    """The subject id a provider gave a person, stored at their first matched sign-in."""

    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="identities"
    )
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="external_identities"
    )
    subject = models.CharField(_("subject id"), max_length=255)
    created = models.DateTimeField(_("linked"), auto_now_add=True)
    last_login = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="external_identity_subject_once"
            ),
            models.UniqueConstraint(
                fields=["provider", "person"], name="external_identity_person_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.subject}"
