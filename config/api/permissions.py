"""Scopes: each view names the scope a method needs (``required_scopes``); a token without it
gets 403. The partnership and the objects are scoped by the access layer (404 outside it)."""

from rest_framework import permissions

from partnerships.apitokens.models import ApiToken


class HasScope(permissions.BasePermission):
    message = "This token does not have the permission for this call."

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        needed = getattr(view, "required_scopes", {}).get(request.method)
        return needed is None or needed in token.scopes
