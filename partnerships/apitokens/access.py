"""The access layer for a call with a token: the institute's view of its partnership.

``TokenAccess`` is an ``Access`` whose one membership is the token's partnership with the role
of instituutscoördinator at the token's institute — so every scoped queryset the pages use
(students, placements, places, preferences) answers the API exactly as it answers that
coordinator: the institute's own students, the published places of its level, nothing of
another partnership."""

from collections import defaultdict

from django.utils import timezone

from ..access import Access, _Membership
from ..glossary import Role
from .models import ApiToken


class TokenAccess(Access):
    def __init__(self, token: ApiToken, today=None):
        self.token = token
        # services' ``by`` is the token's creator; the audit entry of each call names the token
        self.user = token.created_by
        self.today = today or timezone.localdate()
        self._by_partnership = defaultdict(_Membership)
        membership = self._by_partnership[token.partnership_id]
        membership.roles.add(Role.INSTITUUTSCOORDINATOR)
        membership.org_ids_by_role[Role.INSTITUUTSCOORDINATOR].add(token.organisation_id)

    @property
    def is_platform_admin(self) -> bool:
        return False
