"""Demo API tokens (issue 17): the first institute with an instituutscoördinator gets one active
token (the student administration) and one revoked (an old test), so the token pages have
something to show. Their secrets are thrown away: a demo user makes a new token to try the API.
Idempotent: an institute with tokens is left alone."""

from django.utils import timezone

from ..apitokens import services
from ..apitokens.models import ApiToken
from ..apitokens.scopes import Scope
from ..glossary import Role
from ..models import Partnership, RoleAssignment


def load(partnership: Partnership) -> str:
    coordinator = (
        RoleAssignment.objects.active(timezone.localdate())
        .filter(partnership=partnership, role=Role.INSTITUUTSCOORDINATOR)
        .select_related("person", "organisation")
        .order_by("organisation__name", "pk")
        .first()
    )
    if coordinator is None or ApiToken.objects.filter(partnership=partnership).exists():
        return ""
    institute, person = coordinator.organisation, coordinator.person
    services.api_token_create(
        organisation=institute,
        name="Studentenadministratie",
        scopes=list(Scope.values),
        by=person,
    )
    old, _secret = services.api_token_create(
        organisation=institute, name="Test stagebureau", scopes=[Scope.PLACES_READ], by=person
    )
    services.api_token_revoke(token=old, by=person)
    return f"  API tokens: 2 for {institute.name} (1 revoked)"
