import pytest

from partnerships.apitokens import services
from partnerships.apitokens.scopes import Scope


class Api:
    """Calls the API as an institute's system does: JSON, ``Authorization: Bearer``."""

    def __init__(self, client, secret: str | None):
        self.client, self.secret = client, secret

    def __call__(self, method: str, path: str, data=None, **params):
        headers = {"Authorization": f"Bearer {self.secret}"} if self.secret else {}
        url = path if path.startswith("/") else f"/api/v1/partnerships/alfa/{path}"
        kwargs = {"headers": headers}
        if method in ("post", "put", "patch"):
            kwargs |= {"data": data, "content_type": "application/json"}
        else:
            kwargs["data"] = params
        return getattr(self.client, method)(url, **kwargs)


def make_token(world, scopes=tuple(Scope.values), organisation=None, by="instituutscoordinator"):
    token, secret = services.api_token_create(
        organisation=organisation or world.institute,
        name="Osiris",
        scopes=list(scopes),
        by=world[by],
    )
    return token, secret


@pytest.fixture
def api(client, world):
    """A client with a token of institute1 (hbo) with every scope."""
    token, secret = make_token(world)
    api = Api(client, secret)
    api.token = token
    return api
