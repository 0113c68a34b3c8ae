"""Creating, revoking and checking API tokens. The secret leaves ``api_token_create`` once and is
never stored: only its hash and a short prefix (to recognise it in lists and in the audit log)."""

import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import Organisation, Person
from .models import ApiToken, hash_secret
from .scopes import Scope

TOKEN_START = "oos_"
LAST_USED_EVERY = 60  # seconds: a busy client does not write the token row on every call


@transaction.atomic
def api_token_create(
    *, organisation: Organisation, name: str, scopes: list[str], by: Person
) -> tuple[ApiToken, str]:
    """A new token for ``organisation`` (an institute); returns it with its secret, the only
    time the secret exists outside the client."""
    if not organisation.is_institute:
        raise ValidationError({"organisation": _("Choose an institute.")})
    if not scopes or set(scopes) - set(Scope.values):
        raise ValidationError({"scopes": _("Choose at least one permission.")})
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        partnership=organisation.partnership,
        organisation=organisation,
        name=name.strip(),
        prefix=prefix,
        key_hash=hash_secret(secret),
        scopes=sorted(set(scopes)),
        created_by=by,
    )
    token.full_clean()
    token.save()
    audit.record(
        person=by,
        action="api_token_create",
        obj=token,
        partnership=organisation.partnership,
        organisation=organisation.pk,
        scopes=token.scopes,
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Person) -> ApiToken:
    """Revoke at once; revoking a revoked token changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), by
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(person=by, action="api_token_revoke", obj=token, partnership=token.partnership)
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The active token whose secret this is, or None (unknown, malformed or revoked)."""
    if not secret.startswith(TOKEN_START):
        return None
    prefix = secret[len(TOKEN_START) :].split("_", 1)[0]
    token = (
        ApiToken.objects.select_related("partnership", "organisation", "created_by")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, hash_secret(secret)):
        return None
    if not token.organisation.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
